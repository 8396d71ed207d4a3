/**
 * Every open document is also kept in this browser's IndexedDB, so edits made while the network
 * is down survive a closed tab and reach the server on return (Yjs merges them). Databases are
 * named per user, and deleted on sign-out and when someone else signs in: council laptops are
 * shared, and case notes must not stay behind for the next person.
 */
const PREFIX = 'unitroom:';

export const databaseName = (userId: string, docName: string) => `${PREFIX}${userId}:${docName}`;

/**
 * Deletes one copy. The raw IndexedDB call (what y-indexeddb's `clearDocument` does): this module
 * is loaded by sign-in and sign-out, so it must not bring y-indexeddb and Yjs into the first
 * script ([W9]); keeping a copy is in `offlineCopy.ts`, loaded with the documents.
 */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Another tab holds it open: it is deleted once that tab lets go.
    request.onblocked = () => resolve();
  });
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
  await Promise.all(names.map((name) => deleteDatabase(name)));
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
/** Recorded for browsers that cannot list their databases, so sign-out still finds it. */
export function remember(userId: string, docName: string): void {
  const name = databaseName(userId, docName);
  const names = recorded();
  if (!names.includes(name)) record([...names, name]);
}
