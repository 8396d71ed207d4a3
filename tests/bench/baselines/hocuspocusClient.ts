import { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import type { HocuspocusConnection } from '../clients.js';

/**
 * A participant of the Hocuspocus baseline, through its own stock `HocuspocusProvider`. Loaded by
 * clients.ts only when a bench runs against Hocuspocus, from this package's own install.
 */
export function connectHocuspocus(
  serverUrl: string,
  docName: string,
  doc: Y.Doc,
  webSocket: typeof globalThis.WebSocket,
): HocuspocusConnection {
  const provider = new HocuspocusProvider({
    url: serverUrl,
    name: docName,
    document: doc,
    WebSocketPolyfill: webSocket,
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  const synced = new Promise<void>((resolve) => {
    const onSynced = ({ state }: { state: boolean }) => {
      if (!state) return;
      provider.off('synced', onSynced);
      resolve();
    };
    provider.on('synced', onSynced);
  });
  return {
    awareness: provider.awareness as HocuspocusConnection['awareness'],
    synced,
    onStatus: (listener) =>
      provider.on('status', ({ status }: { status: string }) => listener(status)),
    destroy: () => provider.destroy(),
  };
}
