import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  HeavyWork,
  openSqlitePersistence,
  persistenceExtension,
  type DocumentStore,
  type Persistence,
} from '@unitroom/server';
import { makeDataDir } from '../helpers/testServer.js';

/**
 * [N3] With several writers on one store (SQLite without its journal, as several processes on
 * one file run it; PostgreSQL alike), a compaction's snapshot merges every entry it replaces,
 * which grows with the log: it is merged on the worker thread, and the event loop only encodes
 * the room's document and hands the bytes over. The signals are structural, never a clock: the
 * snapshot comes back as a promise of the worker, which is handed the entries to merge, and it
 * still holds exactly what it replaces, another writer's entry included.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SnapshotCall {
  asynchronous: boolean;
}

/** The real store, watching how the snapshots it is handed are built. */
function watchingSnapshots(store: DocumentStore, calls: SnapshotCall[]) {
  const watched: DocumentStore = {
    soleWriter: store.soleWriter,
    load: (name) => store.load(name),
    append: (name, updates) => store.append(name, updates),
    remove: (name) => store.remove(name),
    compact: (name, throughId, snapshotOf) =>
      store.compact(name, throughId, (replaced) => {
        const built = snapshotOf(replaced);
        calls.push({ asynchronous: built instanceof Promise });
        return built;
      }),
  };
  return watched;
}

describe('compaction with several writers', () => {
  it('[N3] merges the replaced entries on the worker, not on the event loop', async () => {
    const dir = makeDataDir();
    const persistence: Persistence = await openSqlitePersistence(dir, undefined, {
      journal: false,
    });
    const heavy = new HeavyWork(() => undefined);
    cleanups.push(async () => {
      await heavy.close();
      await persistence.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    expect(persistence.documents.soleWriter).toBeFalsy();
    const calls: SnapshotCall[] = [];
    const store = watchingSnapshots(persistence.documents, calls);
    /** Entries handed to the worker per merge. */
    const merged: number[] = [];
    const extension = persistenceExtension(
      store,
      () => undefined,
      // Only when the room unloads (below), not in the background meanwhile.
      { afterEntries: Infinity, afterBytes: 0, snapshotMultiple: 0, atMostEntries: Infinity },
      {
        merge: (entries) => {
          merged.push(entries.length);
          return heavy.stateOf(entries);
        },
      },
    );

    const docName = 'meeting:compaction';
    const doc = new Y.Doc();
    await extension.onLoad?.({ docName, doc });
    // Another process's edit, stored but never received by this one's document.
    const elsewhere = new Y.Doc();
    elsewhere.getText('minutes').insert(0, 'from another process. ');
    await persistence.documents.append(docName, [Y.encodeStateAsUpdate(elsewhere)]);
    for (let i = 0; i < 40; i += 1) {
      let update: Uint8Array | null = null;
      doc.once('update', (bytes: Uint8Array) => (update = bytes));
      doc.getText('minutes').insert(doc.getText('minutes').length, `line ${i}. `);
      await extension.onChange?.({ docName, doc, updates: [update!] });
    }
    // Compacting when the room unloads, as it does after a meeting.
    await extension.onStore?.({ docName, doc, unloading: true });

    // One snapshot, not built in the store's call (on the loop) but awaited from the worker,
    // which got the room's document and all 41 entries it replaces.
    expect(calls).toEqual([{ asynchronous: true }]);
    expect(merged).toEqual([1 + 41]);
    const stored = await persistence.documents.load(docName);
    expect(stored.entries).toHaveLength(1);
    const rebuilt = new Y.Doc();
    for (const entry of stored.entries) Y.applyUpdate(rebuilt, entry);
    const text = rebuilt.getText('minutes').toString();
    expect(text).toContain('from another process.');
    expect(text).toContain(doc.getText('minutes').toString());
  });
});

describe('compaction with one writer, behind a wrapper', () => {
  it('a wrapped journaled store keeps its sole-writer compaction: the room document alone, built in the store call, never merged on the worker', async () => {
    const dir = makeDataDir();
    const persistence: Persistence = await openSqlitePersistence(dir);
    cleanups.push(async () => {
      await persistence.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    expect(persistence.documents.soleWriter).toBe(true);
    const calls: SnapshotCall[] = [];
    // A decorator of the kind `wrapDocumentStore` installs: the type makes it say whether its
    // store has one writer (before, an optional field a wrapper could leave out, and then
    // compaction took the several-writers path, whose snapshot the journaled store refuses).
    const store = watchingSnapshots(persistence.documents, calls);
    expect(store.soleWriter).toBe(true);
    const merged: number[] = [];
    const extension = persistenceExtension(
      store,
      () => undefined,
      { afterEntries: Infinity, afterBytes: 0, snapshotMultiple: 0, atMostEntries: Infinity },
      {
        merge: async (entries) => {
          merged.push(entries.length);
          throw new Error('a store with one writer is never merged on the worker');
        },
      },
    );

    const docName = 'meeting:sole-writer';
    const doc = new Y.Doc();
    await extension.onLoad?.({ docName, doc });
    for (let i = 0; i < 20; i += 1) {
      let update: Uint8Array | null = null;
      doc.once('update', (bytes: Uint8Array) => (update = bytes));
      doc.getText('minutes').insert(doc.getText('minutes').length, `line ${i}. `);
      await extension.onChange?.({ docName, doc, updates: [update!] });
    }
    await extension.onStore?.({ docName, doc, unloading: true });

    expect(calls).toEqual([{ asynchronous: false }]);
    expect(merged).toEqual([]);
    const stored = await persistence.documents.load(docName);
    expect(stored.entries).toHaveLength(1);
    const rebuilt = new Y.Doc();
    for (const entry of stored.entries) Y.applyUpdate(rebuilt, entry);
    expect(rebuilt.getText('minutes').toString()).toBe(doc.getText('minutes').toString());
  });
});
