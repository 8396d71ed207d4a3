import {
  CLOSE_CODES,
  COLLAB_PATH,
  SCHEMA_VERSION,
  SCHEMA_VERSION_PARAM,
  type AwarenessUser,
} from '@unitroom/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { keepOffline, type OfflineCopy } from './offlineCopy';
import { trackSaves, type SaveState, type SaveTracker, type SyncStatus } from './saveTracker';

/** One live document (a meeting's or a family's), its connection and what we know about saving it. */
export interface DocumentConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
}

/**
 * Owns a document's Y.Doc and connects it between `start` and `stop`, as an external store for
 * React. Creating it has no side effects (nothing connects, no timers), so it can be made during
 * render; StrictMode's extra stop/start reconnects the same document.
 */
function documentLink(docName: string | null, user: AwarenessUser) {
  const doc = new Y.Doc();
  let current: DocumentConnection | null = null;
  let offline: OfflineCopy | null = null;
  // A change the server refused because the record is final is never retried: keeping it would
  // replay it, and the false "not saved", on every later visit. A family that moved to another
  // unit is no longer this person's to hold: its copy leaves this browser too ([F7]).
  const onClosed = (event: { code: number }) => {
    if (event.code !== CLOSE_CODES.DISCUSSION_FINALISED && event.code !== CLOSE_CODES.FAMILY_MOVED)
      return;
    offline?.discard();
    offline = null;
  };
  // Asks before the tab closes while edits exist only in this browser (kept in IndexedDB, but
  // nobody else has them). Not while connected: unconfirmed edits are on their way, and a
  // prompt would only nag.
  const warnIfUnsaved = (event: BeforeUnloadEvent) => {
    const save = current?.saves.getStatus().save;
    if (save === 'offline-unsaved' || save === 'refused-unsaved') event.preventDefault();
  };
  // When the browser knows the network is gone, say so at once rather than after a socket
  // timeout (a dead Wi-Fi link can leave a WebSocket looking open for minutes), and come back
  // as soon as it returns instead of waiting out the reconnect back-off.
  const goOffline = () => current?.provider.disconnect();
  const goOnline = () => current?.provider.connect();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  return {
    start() {
      if (current || docName === null) return;
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const provider = new WebsocketProvider(
        `${scheme}//${window.location.host}${COLLAB_PATH}`,
        docName,
        doc,
        { params: { [SCHEMA_VERSION_PARAM]: String(SCHEMA_VERSION) } },
      );
      // Published before any editor mounts, so presence shows people who are only reading.
      provider.awareness.setLocalStateField('user', user);
      current = { doc, provider, saves: trackSaves(provider) };
      // After the save tracker, so edits kept from an earlier offline session count as unsaved
      // until the server confirms them.
      offline = keepOffline(user.id, docName, doc);
      provider.on('closed', onClosed);
      window.addEventListener('beforeunload', warnIfUnsaved);
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
      notify();
    },
    stop() {
      if (!current) return;
      const { provider, saves } = current;
      current = null;
      provider.off('closed', onClosed);
      offline?.destroy();
      offline = null;
      window.removeEventListener('beforeunload', warnIfUnsaved);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      saves.destroy();
      provider.destroy();
      // The provider made this awareness, and its keep-alive timer outlives the provider.
      provider.awareness.destroy();
      notify();
    },
    subscribe(onChange: () => void) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    getSnapshot: () => current,
  };
}

/**
 * Connects to a document (`meeting:<id>`, `family:<id>`, `discussion:<meetingId>:<familyId>`)
 * while mounted; null until connected, and always null for a null name. `user` must be
 * referentially stable (memoised): a new object means a new connection.
 */
export function useDocumentConnection(
  docName: string | null,
  user: AwarenessUser,
): DocumentConnection | null {
  const link = useMemo(() => documentLink(docName, user), [docName, user]);
  useEffect(() => {
    link.start();
    return () => link.stop();
  }, [link]);
  return useSyncExternalStore(link.subscribe, link.getSnapshot);
}

const NOT_CONNECTED: SyncStatus = { save: 'connecting', closed: null, dropped: null };

/** Most urgent first: what one indicator shows for several documents saved at once. */
const SAVE_URGENCY: readonly SaveState[] = [
  'refused-unsaved',
  'offline-unsaved',
  'saving',
  'offline',
  'connecting',
  'saved',
];

/** One status for several live documents: the most urgent save state, the first refusal. */
export function combineSyncStatus(statuses: readonly SyncStatus[]): SyncStatus {
  let save: SaveState = 'saved';
  for (const status of statuses) {
    if (SAVE_URGENCY.indexOf(status.save) < SAVE_URGENCY.indexOf(save)) save = status.save;
  }
  return {
    save,
    closed: statuses.find((status) => status.closed)?.closed ?? null,
    dropped: statuses.find((status) => status.dropped)?.dropped ?? null,
  };
}
const noSubscription = () => () => undefined;
const notConnected = () => NOT_CONNECTED;

/** Null while the connection is being made, so callers need not branch before calling it. */
export function useSyncStatus(saves: SaveTracker | null): SyncStatus {
  return useSyncExternalStore(saves?.subscribe ?? noSubscription, saves?.getStatus ?? notConnected);
}
