import * as Y from 'yjs';
import { LOAD_ORIGIN } from '@unitroom/shared';
import type { DocumentStore } from '../storage/documentStore.js';
import type { Extension } from '../collab/types.js';

/** Log entries after which a live document is compacted in the background. */
export const COMPACT_AFTER_ENTRIES = 500;

interface DocState {
  lastId: number | null;
  /** Entries in the store for this document (snapshot included). */
  entries: number;
  compacting: boolean;
}

/**
 * Loads documents from, and appends every update to, a `DocumentStore`. Compaction loads nothing
 * new: it re-encodes the room's own loaded document, which already holds everything up to the
 * last appended id, and swaps it in for the log atomically.
 */
export function persistenceExtension(
  store: DocumentStore,
  log: (message: string, error?: unknown) => void,
): Extension {
  const docs = new Map<string, DocState>();

  async function compact(docName: string, doc: Y.Doc): Promise<void> {
    const state = docs.get(docName);
    if (!state || state.compacting || state.lastId === null || state.entries <= 1) return;
    state.compacting = true;
    const throughId = state.lastId;
    const entriesBefore = state.entries;
    try {
      // This process's own appends are all in `doc`, but another process's entries below
      // `throughId` may not have reached it yet: the snapshot merges in whatever it replaces,
      // so it is never less than the log it stands for.
      await store.compact(docName, throughId, (replaced) => snapshotOf(doc, replaced));
      state.entries = state.entries - entriesBefore + 1;
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
        compacting: false,
      });
    },

    async onReadStored({ docName, doc }) {
      const stored = await store.load(docName);
      doc.transact(() => {
        for (const entry of stored.entries) Y.applyUpdate(doc, entry);
      }, LOAD_ORIGIN);
    },

    async onChange({ docName, doc, updates }) {
      const lastId = await store.append(docName, updates);
      const state = docs.get(docName) ?? { lastId: null, entries: 0, compacting: false };
      state.lastId = lastId;
      state.entries += updates.length;
      docs.set(docName, state);
      if (state.entries >= COMPACT_AFTER_ENTRIES && !state.compacting) {
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
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  for (const entry of replaced) Y.applyUpdate(merged, entry);
  const snapshot = Y.encodeStateAsUpdate(merged);
  merged.destroy();
  return snapshot;
}
