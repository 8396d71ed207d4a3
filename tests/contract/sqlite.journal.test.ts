import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  JOURNAL_FILE_NAME,
  SQLITE_FILE_NAME,
  openSqlitePersistence,
  type Persistence,
  type SqliteDocumentStore,
} from '@unitroom/server';
import { sql } from 'kysely';
import { makeDataDir } from '../helpers/testServer.js';

/**
 * The SQLite store's journal (server/src/storage/updateJournal.ts): an append is durable once
 * it is in the journal file, and SQLite commits journaled updates later, many at once.
 *
 * A kill -9 leaves the files exactly as the kernel holds them at that instant, so copying the
 * data directory of a live, untouched store is the state a crash leaves; opening the copy is
 * the restart. (durability.sigkill.test.ts does the same with real kills of a server process.)
 */
const opened: Persistence[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const persistence of opened.splice(0)) await persistence.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

type SqlitePersistence = Persistence & { documents: SqliteDocumentStore };

async function open(dir: string, messages: string[] = []): Promise<SqlitePersistence> {
  const persistence = await openSqlitePersistence(dir, (message) => messages.push(message));
  opened.push(persistence);
  return persistence as SqlitePersistence;
}

function newDir(): string {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
}

/** The data directory as a crash at this instant would leave it. */
function crashCopy(dir: string): string {
  const copy = newDir();
  for (const name of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, JOURNAL_FILE_NAME]) {
    const from = path.join(dir, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(copy, name));
  }
  return copy;
}

/** `count` one-character insertions typed into a Y.Text, as separate updates. */
function typing(count: number, clientID = 7): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('minutes');
  for (let i = 0; i < count; i += 1) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  const result = { updates, text: text.toString() };
  doc.destroy();
  return result;
}

function textOf(entries: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const entry of entries) Y.applyUpdate(doc, entry);
  const text = doc.getText('minutes').toString();
  doc.destroy();
  return text;
}

describe('SQLite document journal', () => {
  it('[J1] an appended update survives a crash before SQLite committed it', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates, text } = typing(40);
    for (const update of updates) await store.append('meeting:a', [update]);
    // Nothing has been committed to SQLite yet: the journal alone holds the updates.
    const messages: string[] = [];
    const restarted = (await open(crashCopy(dir), messages)).documents;
    const loaded = await restarted.load('meeting:a');
    expect(textOf(loaded.entries)).toBe(text);
    expect(messages).toContain('document journal: recovered 40 updates');
  });

  it('[J2] a torn tail is dropped and everything before it is kept', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates } = typing(10);
    for (const update of updates) await store.append('meeting:a', [update]);
    const copy = crashCopy(dir);
    const journal = path.join(copy, JOURNAL_FILE_NAME);
    // The last record loses its final 3 bytes: a write the crash cut short.
    fs.truncateSync(journal, fs.statSync(journal).size - 3);
    const messages: string[] = [];
    const restarted = (await open(copy, messages)).documents;
    const expected = textOf(updates.slice(0, 9));
    expect(textOf((await restarted.load('meeting:a')).entries)).toBe(expected);
    expect(
      messages.some((m) => /^document journal: dropped a torn tail of \d+ bytes$/.test(m)),
    ).toBe(true);
    // The store goes on from there: new appends are kept across the next crash too.
    await restarted.append('meeting:a', [updates[9] ?? new Uint8Array()]);
    const again = (await open(crashCopy(copy))).documents;
    expect(textOf((await again.load('meeting:a')).entries)).toBe(textOf(updates));
  });

  it('[J2] a record whose bytes were corrupted is not applied', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates } = typing(5);
    for (const update of updates) await store.append('meeting:a', [update]);
    const copy = crashCopy(dir);
    const journal = path.join(copy, JOURNAL_FILE_NAME);
    const bytes = fs.readFileSync(journal);
    // Flip a bit inside the payload of the last record (its CRC is the last 4 bytes).
    const at = bytes.length - 8;
    bytes[at] = (bytes[at] ?? 0) ^ 0x10;
    fs.writeFileSync(journal, bytes);
    const restarted = (await open(copy)).documents;
    expect(textOf((await restarted.load('meeting:a')).entries)).toBe(textOf(updates.slice(0, 4)));
  });

  it('[J3] a journal is replayed once: reopening again adds nothing', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates, text } = typing(30);
    for (const update of updates) await store.append('meeting:a', [update]);
    const copy = crashCopy(dir);
    const first = await open(copy);
    const afterReplay = await first.documents.load('meeting:a');
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = (await open(copy)).documents;
    const afterReopen = await second.load('meeting:a');
    expect(afterReopen.entries.length).toBe(afterReplay.entries.length);
    expect(textOf(afterReopen.entries)).toBe(text);
  });

  it('[J3] a crash between the commit and the journal restarting replays nothing twice', async () => {
    const dir = newDir();
    const persistence = await open(dir);
    const { updates } = typing(20);
    for (const update of updates) await persistence.documents.append('meeting:a', [update]);
    const journalBefore = fs.readFileSync(path.join(dir, JOURNAL_FILE_NAME));
    await persistence.documents.flush();
    const copy = crashCopy(dir);
    // The commit happened; the journal still holds what it committed.
    fs.writeFileSync(path.join(copy, JOURNAL_FILE_NAME), journalBefore);
    const restarted = (await open(copy)).documents;
    const loaded = await restarted.load('meeting:a');
    // Each once: the journal's 20 were not committed again beside the 20 already in SQLite.
    expect(loaded.entries).toHaveLength(20);
    expect(textOf(loaded.entries)).toBe(textOf(updates));
  });

  it('[J4] a commit writes one row per document, a fraction of the updates, and loads them back byte for byte', async () => {
    const dir = newDir();
    const persistence = await open(dir);
    const store = persistence.documents;
    const a = typing(200, 1);
    const b = typing(50, 2);
    for (const update of a.updates) await store.append('meeting:a', [update]);
    for (const update of b.updates) await store.append('meeting:b', [update]);
    const before = await store.load('meeting:a');
    expect(before.entries).toHaveLength(200);
    await store.flush();
    const after = await store.load('meeting:a');
    expect(after.lastId).toBe(before.lastId);
    expect(after.entries.map((e) => Buffer.from(e).toString('hex'))).toEqual(
      a.updates.map((e) => Buffer.from(e).toString('hex')),
    );
    expect(textOf((await store.load('meeting:b')).entries)).toBe(b.text);
    const typed = a.updates.reduce((sum, update) => sum + update.byteLength, 0);
    const { rows } = await sql<{ rows: number; bytes: number }>`
      SELECT count(*) AS rows, sum(length(data)) AS bytes FROM doc_updates WHERE doc = 'meeting:a'
    `.execute(persistence.db);
    expect(rows[0]?.rows).toBe(1);
    expect(rows[0]?.bytes ?? typed).toBeLessThan(typed / 1.5);
  });

  it('[J5] the journal costs about the updates themselves: a document name is written once', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const name = 'meeting:0b7d1f38-5b6e-4a8e-9f3c-2d4e6a8b0c1d';
    const { updates } = typing(500);
    for (const update of updates) await store.append(name, [update]);
    const typed = updates.reduce((sum, update) => sum + update.byteLength, 0);
    const journalBytes = fs.statSync(path.join(dir, JOURNAL_FILE_NAME)).size;
    // Per update: a tag, a length and a CRC-32 beside its own bytes (6 for these ~12-byte
    // updates); the name, 45 bytes, once.
    expect(journalBytes).toBeLessThan(typed * 1.55 + name.length + 64);
    expect(journalBytes).toBeGreaterThan(typed);
  });

  it('[J6] compaction replaces journaled entries too, and a crash after it brings none back', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates, text } = typing(30);
    for (const update of updates) await store.append('meeting:a', [update]);
    const { lastId } = await store.load('meeting:a');
    await store.compact('meeting:a', lastId ?? 0, (replaced) => Y.mergeUpdates([...replaced]));
    const loaded = await store.load('meeting:a');
    expect(loaded.entries).toHaveLength(1);
    expect(textOf(loaded.entries)).toBe(text);
    const restarted = (await open(crashCopy(dir))).documents;
    expect((await restarted.load('meeting:a')).entries).toHaveLength(1);
  });

  it('[J6] a removed document stays removed after a crash', async () => {
    const dir = newDir();
    const store = (await open(dir)).documents;
    const { updates } = typing(5);
    for (const update of updates) await store.append('meeting:a', [update]);
    await store.append('meeting:b', [updates[0] ?? new Uint8Array()]);
    await store.remove('meeting:a');
    const restarted = (await open(crashCopy(dir))).documents;
    expect((await restarted.load('meeting:a')).entries).toEqual([]);
    expect((await restarted.load('meeting:b')).entries).toHaveLength(1);
  });
});
