import {
  COLLAB_PATH,
  SCHEMA_VERSION,
  SCHEMA_VERSION_PARAM,
  type AwarenessUser,
} from '@unitroom/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { trackSaves, type SaveTracker, type SyncStatus } from './saveTracker';

/** One meeting document, its live connection and what we know about saving it. */
export interface MeetingConnection {
  docName: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
}

function connectMeeting(docName: string, user: AwarenessUser): MeetingConnection {
  const doc = new Y.Doc();
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const provider = new WebsocketProvider(
    `${scheme}//${window.location.host}${COLLAB_PATH}`,
    docName,
    doc,
    { params: { [SCHEMA_VERSION_PARAM]: String(SCHEMA_VERSION) } },
  );
  // Published before any editor mounts, so presence shows people who are only reading.
  provider.awareness.setLocalStateField('user', user);
  return { docName, doc, provider, saves: trackSaves(provider) };
}

function disconnectMeeting({ doc, provider, saves }: MeetingConnection): void {
  saves.destroy();
  provider.destroy();
  // Also destroys the awareness instance, which listens for this.
  doc.destroy();
}

/**
 * Connects to a meeting document while mounted. `user` must be referentially stable (memoised):
 * a new object reconnects. Null until the connection object exists.
 */
export function useMeetingConnection(
  docName: string,
  user: AwarenessUser,
): MeetingConnection | null {
  const [connection, setConnection] = useState<MeetingConnection | null>(null);
  useEffect(() => {
    const next = connectMeeting(docName, user);
    setConnection(next);
    return () => disconnectMeeting(next);
  }, [docName, user]);
  return connection?.docName === docName ? connection : null;
}

const NOT_CONNECTED: SyncStatus = { save: 'connecting', closed: null };
const noSubscription = () => () => undefined;
const notConnected = () => NOT_CONNECTED;

/** Null while the connection is being made, so callers need not branch before calling it. */
export function useSyncStatus(saves: SaveTracker | null): SyncStatus {
  return useSyncExternalStore(saves?.subscribe ?? noSubscription, saves?.getStatus ?? notConnected);
}
