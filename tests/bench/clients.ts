import fs from 'node:fs';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { allowProviderExitListener } from '../helpers/yClient.js';

/** The wire protocol a bench server speaks: y-websocket's (plain, Unitroom) or Hocuspocus's. */
export type BenchProtocol = 'y-websocket' | 'hocuspocus';

/** One participant's connection, whichever protocol: the stock provider of each server. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /**
   * From now on, hand every incoming document update to `observe` instead of applying it, where
   * the protocol allows (y-websocket): a load client then costs a few varint reads per update
   * instead of a Yjs integration, so the load processes stay far from saturating a core and the
   * bench measures the server. Returns false where the client keeps applying updates.
   */
  observeInsteadOfApplying(observe: (update: Uint8Array) => void): boolean;
  readonly awareness: Awareness;
  /** Resolves after the first full sync. */
  readonly synced: Promise<void>;
  /** Called with 'connected' and 'disconnected' as the socket comes and goes. */
  onStatus(listener: (status: string) => void): void;
  destroy(): void;
}

/** What baselines/hocuspocusClient.ts gives for one participant of the Hocuspocus baseline. */
export interface HocuspocusConnection {
  readonly awareness: Awareness;
  readonly synced: Promise<void>;
  onStatus(listener: (status: string) => void): void;
  destroy(): void;
}

/**
 * The Hocuspocus client lives in the baselines package (tests/bench/baselines), installed on
 * demand by `npm run bench:deps`, never by the default `npm ci`. Loaded here when installed; a
 * run against Hocuspocus without it says what to run.
 */
const hocuspocusClientUrl = new URL('./baselines/hocuspocusClient.ts', import.meta.url);
const baselinesInstalled = fs.existsSync(
  new URL('./baselines/node_modules/@hocuspocus/provider/package.json', import.meta.url),
);
const hocuspocusClient = baselinesInstalled
  ? ((await import(hocuspocusClientUrl.href)) as {
      connectHocuspocus(
        serverUrl: string,
        docName: string,
        doc: Y.Doc,
        webSocket: typeof globalThis.WebSocket,
      ): HocuspocusConnection;
    })
  : null;

/** y-websocket's message type for sync, and y-protocols' sync step 2 and update. */
const SYNC_MESSAGE = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

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
    if (!hocuspocusClient)
      throw new Error('the Hocuspocus baseline is not installed: run `npm run bench:deps`');
    const connection = hocuspocusClient.connectHocuspocus(
      serverUrl,
      docName,
      doc,
      browserLikeWebSocket(headers),
    );
    return {
      doc,
      awareness: connection.awareness,
      synced: connection.synced,
      observeInsteadOfApplying: () => false,
      onStatus: (listener) => connection.onStatus(listener),
      destroy: () => connection.destroy(),
    };
  }
  const release = allowProviderExitListener();
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
    observeInsteadOfApplying(observe) {
      const original = provider.messageHandlers[SYNC_MESSAGE];
      provider.messageHandlers[SYNC_MESSAGE] = (encoder, decoder, ...rest) => {
        const peek = decoding.clone(decoder);
        const kind = decoding.readVarUint(peek);
        if (kind === SYNC_STEP_2 || kind === SYNC_UPDATE) {
          observe(decoding.readVarUint8Array(peek));
          return;
        }
        original?.(encoder, decoder, ...rest);
      };
      return true;
    },
    onStatus: (listener) => provider.on('status', ({ status }) => listener(status)),
    destroy: () => {
      provider.destroy();
      release();
    },
  };
}
