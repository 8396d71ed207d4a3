import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * Every open document is also kept in this browser's IndexedDB, so edits made while the network
 * is down survive a closed tab and reach the server on return (Yjs merges them). Databases are
 * named per user, and deleted on sign-out and when someone else signs in: council laptops are
 * shared, and case notes must not stay behind for the next person.
 */
const PREFIX = 'unitroom:';

const databaseName = (userId: string, docName: string) => `${PREFIX}${userId}:${docName}`;

export interface OfflineCopy {
  destroy(): void;
  /** Deletes the copy: what it holds will never be taken by the server (a finalised record). */
  discard(): void;
}

export function keepOffline(userId: string, docName: string, doc: Y.Doc): OfflineCopy {
  if (typeof indexedDB === 'undefined')
    return { destroy: () => undefined, discard: () => undefined };
  remember(userId, docName);
  const persistence = new IndexeddbPersistence(databaseName(userId, docName), doc);
  return {
    destroy: () => void persistence.destroy(),
    discard: () => void persistence.clearData(),
  };
}

/** Names of this app's offline copies; browsers without `databases()` report what we recorded. */
async function offlineDatabases(): Promise<string[]> {
  if (typeof indexedDB === 'undefined') return [];
  const known = new Set(recorded());
  if (typeof indexedDB.databases === 'function') {
    for (const info of await indexedDB.databases()) {
      if (info.name?.startsWith(PREFIX)) known.add(info.name);
    }
  }
  return [...known];
}

/** Deletes every offline copy, or every one but `keepUserId`'s. */
export async function clearOfflineCopies(keepUserId?: string): Promise<void> {
  const keep = keepUserId === undefined ? null : `${PREFIX}${keepUserId}:`;
  const names = (await offlineDatabases()).filter((name) => !keep || !name.startsWith(keep));
  await Promise.all(names.map((name) => clearDocument(name)));
  record(recorded().filter((name) => !names.includes(name)));
}

// A fallback list for browsers that cannot enumerate databases (older Firefox).
const RECORD_KEY = 'unitroom:offline-databases';
function recorded(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(RECORD_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((name) => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
function record(names: string[]): void {
  try {
    window.localStorage.setItem(RECORD_KEY, JSON.stringify(names));
  } catch {
    // Storage full or blocked: enumeration still covers the browsers that support it.
  }
}
function remember(userId: string, docName: string): void {
  const name = databaseName(userId, docName);
  const names = recorded();
  if (!names.includes(name)) record([...names, name]);
}
