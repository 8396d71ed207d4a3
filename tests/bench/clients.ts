import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The wire protocol a bench server speaks: y-websocket's (plain, Unitroom) or Hocuspocus's. */
export type BenchProtocol = 'y-websocket' | 'hocuspocus';

/** One participant's connection, whichever protocol: the stock provider of each server. */
export interface BenchClient {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Resolves after the first full sync. */
  readonly synced: Promise<void>;
  /** Called with 'connected' and 'disconnected' as the socket comes and goes. */
  onStatus(listener: (status: string) => void): void;
  destroy(): void;
}

/** `ws` with the headers a browser would send on the upgrade: its cookie and page origin. */
function browserLikeWebSocket(headers: Record<string, string>): typeof globalThis.WebSocket {
  class BrowserLikeWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
      // Providers learn of a failed attempt from 'close' and retry; an 'error' nobody listens
      // to (a socket closed while still connecting, under load) would end the whole bench.
      this.on('error', () => undefined);
    }
  }
  // `ws` implements the part of the browser API the providers use; the types differ in detail.
  return BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;
}

export function connectBenchClient(
  protocol: BenchProtocol,
  serverUrl: string,
  docName: string,
  headers: Record<string, string>,
  doc: Y.Doc = new Y.Doc(),
): BenchClient {
  if (protocol === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: serverUrl,
      name: docName,
      document: doc,
      WebSocketPolyfill: browserLikeWebSocket(headers),
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
      doc,
      awareness: provider.awareness as Awareness,
      synced,
      onStatus: (listener) =>
        provider.on('status', ({ status }: { status: string }) => listener(status)),
      destroy: () => provider.destroy(),
    };
  }
  const provider = new WebsocketProvider(serverUrl, docName, doc, {
    WebSocketPolyfill: browserLikeWebSocket(headers),
    // Everything must go through the server, as between two browsers.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    awareness: provider.awareness,
    synced,
    onStatus: (listener) => provider.on('status', ({ status }) => listener(status)),
    destroy: () => provider.destroy(),
  };
}
