import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { databaseName, remember } from './offlineStore';

export interface OfflineCopy {
  destroy(): void;
  /** Deletes the copy: what it holds will never be taken by the server (a finalised record). */
  discard(): void;
}

/**
 * Keeps `doc` in this browser's IndexedDB (see offlineStore.ts). A module of its own so that only
 * pages with documents load y-indexeddb and Yjs ([W9]).
 */
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
