import * as Y from 'yjs';
import { decodeUpdateOnce } from '../authority/decodedUpdate.js';

/**
 * Why `update` cannot be integrated into `doc` in full, or null if it can: it starts past what
 * the document holds of some client, leaves a gap, or points at (inserts next to, lives in,
 * deletes) something neither the document nor the update contains. Yjs would keep such parts
 * as pending data, in memory, in every sync answer and in compacted snapshots, until the missing
 * part arrives, which for a hostile client is never.
 */
export function missingDependency(doc: Y.Doc, update: Uint8Array): string | null {
  const { structs, ds } = decodeUpdateOnce(update);
  /** How far each client's changes reach once this update's own contiguous structs are in. */
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const known = reachOf(client);
    if (clock > known) return `changes of client ${client} from clock ${known} are missing`;
    reach.set(client, Math.max(known, clock + struct.length));
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const id of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (id instanceof Y.ID && id.clock >= reachOf(id.client))
        return `refers to ${id.client}:${id.clock}, which the document does not have`;
    }
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > reachOf(client))
        return `deletes ${client}:${clock}+${len}, which the document does not have`;
    }
  }
  return null;
}

/** Bytes the document holds as pending (not yet integrable) structs and deletions. */
export function pendingBytes(doc: Y.Doc): number {
  return (
    (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
  );
}
