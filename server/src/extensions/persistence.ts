import * as Y from 'yjs';
import { LOAD_ORIGIN } from '@unitroom/shared';
import {
  appendTogether,
  type DocumentAppend,
  type DocumentStore,
} from '../storage/documentStore.js';
import type { ChangePayload, Extension } from '../collab/types.js';
import { encodeIntegratedState } from '../collab/documentState.js';

/**
 * What is written in the same durable write as a room's batch (its attributed history, [Y1]):
 * the entry to append, and what to do once it is durable.
 */
export type AppendedAlongside = (payload: ChangePayload) => {
  append: DocumentAppend;
  stored(): void;
};

/**
 * When a live document is compacted in the background. A snapshot costs its whole size (and a
 * commit of its own) each time, so it waits until the bytes appended since the last one are a
 * multiple of that snapshot's size: compaction then adds at most 1 / `snapshotMultiple` to the
 * bytes written. A log of many entries loads slowly, hence the cap on entries, for stores that
 * keep every appended update as its own entry (PostgreSQL); the SQLite journal combines them
 * itself and needs no cap.
 */
export interface CompactionPolicy {
  /** Never before the log has this many entries... */
  readonly afterEntries: number;
  /** ...nor for less than this many bytes appended... */
  readonly afterBytes: number;
  /** ...nor for less than this many times the last snapshot's size. */
  readonly snapshotMultiple: number;
  /** Whatever their size, once the log has this many entries. */
  readonly atMostEntries: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = {
  afterEntries: 500,
  afterBytes: 256 * 1024,
  snapshotMultiple: 4,
  atMostEntries: 10_000,
};

interface DocState {
  lastId: number | null;
  /** Entries in the store for this document (snapshot included). */
  entries: number;
  /** Bytes appended since the snapshot (or since loading). */
  appendedBytes: number;
  /** Size of the last snapshot written, or of everything loaded. */
  snapshotBytes: number;
  compacting: boolean;
}

function dueForCompaction(state: DocState, policy: CompactionPolicy): boolean {
  if (state.compacting) return false;
  if (state.entries >= policy.atMostEntries) return true;
  return (
    state.entries >= policy.afterEntries &&
    state.appendedBytes >=
      Math.max(policy.afterBytes, policy.snapshotMultiple * state.snapshotBytes)
  );
}

/**
 * Loads documents from, and appends every update to, a `DocumentStore`. Compaction loads nothing
 * new: it re-encodes the room's own loaded document, which already holds everything up to the
 * last appended id, and swaps it in for the log atomically.
 */
export function persistenceExtension(
  store: DocumentStore,
  log: (message: string, error?: unknown) => void,
  policy: CompactionPolicy = DEFAULT_COMPACTION,
  options: {
    /** Written in the same durable write as each batch. */
    alongside?: AppendedAlongside;
    /**
     * Merges entries into one update off the event loop (`HeavyWork.stateOf`), for the snapshot
     * of a store with several writers ([N3]).
     */
    merge?: (entries: readonly Uint8Array[]) => Promise<Uint8Array>;
  } = {},
): Extension {
  const { alongside, merge } = options;
  // Read once: whether the store has other writers does not change while the server runs, and
  // every compaction below must take the same path whatever wraps the store.
  const soleWriter = store.soleWriter;
  const docs = new Map<string, DocState>();

  async function compact(docName: string, doc: Y.Doc): Promise<void> {
    const state = docs.get(docName);
    if (!state || state.compacting || state.lastId === null || state.entries <= 1) return;
    state.compacting = true;
    const throughId = state.lastId;
    const entriesBefore = state.entries;
    const appendedBefore = state.appendedBytes;
    try {
      // This process's own appends are all in `doc`, but another process's entries below
      // `throughId` may not have reached it yet: the snapshot merges in whatever it replaces,
      // so it is never less than the log it stands for. A store only this process writes has
      // no such entries, and merging thousands of replaced updates back in stalled the event
      // loop (230 ms for a minute of a busy meeting): `doc` alone is the snapshot there.
      let snapshotBytes = 0;
      await store.compact(docName, throughId, (replaced) => {
        if (soleWriter || !merge) {
          const snapshot = soleWriter ? encodeIntegratedState(doc) : snapshotOf(doc, replaced);
          snapshotBytes = snapshot.byteLength;
          return snapshot;
        }
        // Several writers: the merge grows with the log, so it runs on the worker ([N3]); the
        // event loop only encodes the room's document (linear) and hands the bytes over.
        return merge([encodeIntegratedState(doc), ...replaced]).then((snapshot) => {
          snapshotBytes = snapshot.byteLength;
          return snapshot;
        });
      });
      state.entries = state.entries - entriesBefore + 1;
      state.appendedBytes -= appendedBefore;
      state.snapshotBytes = snapshotBytes;
    } finally {
      state.compacting = false;
    }
  }

  return {
    async onLoad({ docName, doc }) {
      const stored = await store.load(docName);
      doc.transact(() => {
        for (const entry of stored.entries) Y.applyUpdate(doc, entry);
      }, LOAD_ORIGIN);
      docs.set(docName, {
        lastId: stored.lastId,
        entries: stored.entries.length,
        appendedBytes: 0,
        snapshotBytes: stored.entries.reduce((sum, entry) => sum + entry.byteLength, 0),
        compacting: false,
      });
    },

    async onReadStored({ docName, doc }) {
      const stored = await store.load(docName);
      doc.transact(() => {
        for (const entry of stored.entries) Y.applyUpdate(doc, entry);
      }, LOAD_ORIGIN);
    },

    async onChange(payload) {
      const { docName, doc, updates } = payload;
      // The batch and what goes with it: one write, one sync (one commit), then fan-out.
      const extra = alongside?.(payload) ?? null;
      const appends: DocumentAppend[] = [{ name: docName, updates }];
      if (extra) appends.push(extra.append);
      const [lastId = 0] = await appendTogether(store, appends);
      extra?.stored();
      const state = docs.get(docName) ?? {
        lastId: null,
        entries: 0,
        appendedBytes: 0,
        snapshotBytes: 0,
        compacting: false,
      };
      state.lastId = lastId;
      state.entries += updates.length;
      for (const update of updates) state.appendedBytes += update.byteLength;
      docs.set(docName, state);
      if (dueForCompaction(state, policy)) {
        setImmediate(() => {
          compact(docName, doc).catch((error: unknown) =>
            log(`background compaction of ${docName} failed`, error),
          );
        });
      }
    },

    async onStore({ docName, doc }) {
      await compact(docName, doc);
    },

    async onUnload({ docName }) {
      docs.delete(docName);
    },

    counts: () => ({ 'persistence.documents': docs.size }),
  };
}

function snapshotOf(doc: Y.Doc, replaced: readonly Uint8Array[]): Uint8Array {
  const merged = new Y.Doc();
  Y.applyUpdate(merged, encodeIntegratedState(doc));
  for (const entry of replaced) Y.applyUpdate(merged, entry);
  const snapshot = Y.encodeStateAsUpdate(merged);
  merged.destroy();
  return snapshot;
}
