import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { COLLAB_PATH, MESSAGE_TYPE, savedMessage } from '@unitroom/shared';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves after the first full sync with the server. */
  synced: Promise<void>;
  /** Resolves with the close code once the server refuses the connection for good. */
  refused: Promise<number>;
  destroy(): void;
}

/** `ws` with the headers a browser would send: its cookie and its page's Origin. */
function browserLikeWebSocket(headers: Record<string, string>): typeof globalThis.WebSocket {
  class BrowserLikeWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  // ws implements the browser WebSocket API the provider uses; the DOM types differ in detail.
  return BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Providers made here and not yet destroyed. */
let liveProviders = 0;

/**
 * Each stock y-websocket `WebsocketProvider` adds a process 'exit' listener (to clear its
 * awareness) until it is destroyed, so a room of twenty clients passes Node's default of ten and
 * prints a MaxListenersExceededWarning for listeners that are expected and bounded. The limit
 * follows the number of live providers instead, in every runner (Vitest, Playwright, benches),
 * and never goes below what the process already allowed (0 is no limit).
 */
export function allowProviderExitListener(): () => void {
  liveProviders += 1;
  const limit = process.getMaxListeners();
  if (limit !== 0 && limit < 10 + liveProviders) process.setMaxListeners(10 + liveProviders);
  let released = false;
  return () => {
    if (!released) liveProviders -= 1;
    released = true;
  };
}

/**
 * The stock y-websocket `WebsocketProvider` against a real server, with BroadcastChannel off so
 * nothing reaches another client except through the server.
 */
export function connectYClient(
  baseUrl: string,
  docName: string,
  options: {
    cookie?: string;
    origin?: string;
    params?: Record<string, string>;
    /** An existing replica to connect, as a client does after its server went away. */
    doc?: Y.Doc;
  } = {},
): YClient {
  const doc = options.doc ?? new Y.Doc();
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  headers.origin = options.origin ?? new URL(baseUrl).origin;
  const release = allowProviderExitListener();
  const provider = new WebsocketProvider(
    `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    docName,
    doc,
    {
      WebSocketPolyfill: browserLikeWebSocket(headers),
      disableBc: true,
      params: options.params ?? {},
    },
  );
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  const refused = new Promise<number>((resolve) => {
    provider.on('closed', (event: { code: number }) => resolve(event.code));
  });
  return {
    doc,
    provider,
    synced,
    refused,
    destroy() {
      provider.destroy();
      doc.destroy();
      release();
    },
  };
}

/** Polls `check` until it stops throwing, for assertions on eventually-consistent state. */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

let savedSeq = 0;

/**
 * Asks the server, with Unitroom's opt-in SAVED message, to confirm that every message this
 * client sent so far has been handled and is durable; resolves on the answer. Rejects, naming
 * the close code, if the server closes the connection first: a test then fails on the cause
 * instead of waiting out its time limit.
 */
export function serverSaved(client: YClient): Promise<void> {
  savedSeq += 1;
  const seq = savedSeq;
  return new Promise((resolve, reject) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      client.provider.off('connection-close', onClose);
      reject(new Error(`closed before saved: code ${event?.code} ${event?.reason ?? ''}`));
    };
    client.provider.messageHandlers[MESSAGE_TYPE.SAVED] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) < seq) return;
      client.provider.off('connection-close', onClose);
      resolve();
    };
    if (!client.provider.ws || !client.provider.wsconnected) {
      reject(new Error('not connected'));
      return;
    }
    client.provider.on('connection-close', onClose);
    client.provider.ws.send(savedMessage(seq));
  });
}
