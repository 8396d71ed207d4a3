import * as Y from 'yjs';
import type { TransactionOrigin } from '../origins.js';
import { discussionMap, discussionMinutesFragment } from './roots.js';

/**
 * Key in `DISCUSSION_MAP`: the minutes as they stood when someone marked them ready, as an
 * encoded Yjs snapshot (state vector and delete set, never the text), so the approver can be shown
 * what changed since ([W5]).
 */
export const READY_POINT_KEY = 'readyPoint';

/** Remembers this moment as the one the minutes were marked ready at. */
export function markReadyPoint(doc: Y.Doc, origin: TransactionOrigin): void {
  const point = Y.encodeSnapshot(Y.snapshot(doc));
  doc.transact(() => discussionMap(doc).set(READY_POINT_KEY, point), origin);
}

export interface ChangesSinceReady {
  /** Runs of words written since, in document order, one entry per paragraph touched. */
  added: string[];
  /** Characters removed since. Their text is gone from the document; only the count is known. */
  removedCharacters: number;
}

/** What changed in the minutes' words since they were marked ready; null when nobody marked. */
export function changesSinceReady(doc: Y.Doc): ChangesSinceReady | null {
  const point = discussionMap(doc).get(READY_POINT_KEY);
  if (!(point instanceof Uint8Array)) return null;
  let snapshot: Y.Snapshot;
  try {
    snapshot = Y.decodeSnapshot(point);
  } catch {
    return null;
  }
  const changes: ChangesSinceReady = { added: [], removedCharacters: 0 };
  const visit = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      let run = '';
      for (let item = node._start; item !== null; item = item.right) {
        const { client, clock } = item.id;
        // Characters of this item that existed when marked ready: those before the state vector.
        const known = Math.min(item.length, Math.max(0, (snapshot.sv.get(client) ?? 0) - clock));
        if (!item.deleted) {
          if (known < item.length && item.content instanceof Y.ContentString) {
            run += item.content.str.slice(known);
          }
        } else if (known > 0 && !Y.isDeleted(snapshot.ds, item.id)) {
          changes.removedCharacters += known;
        }
      }
      if (run.trim() !== '') changes.added.push(run.trim());
      return;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) visit(child);
    }
  };
  visit(discussionMinutesFragment(doc));
  return changes;
}
