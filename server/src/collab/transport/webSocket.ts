import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, COLLAB_PATH } from '@unitroom/shared';
import type { SyncServer } from '../syncServer.js';

/** Close codes `ws` sends for the errors it raises while reading frames. */
const TRANSPORT_ERROR_CODES: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE_CODES.MESSAGE_TOO_BIG,
  WS_ERR_INVALID_UTF8: CLOSE_CODES.INVALID_FRAME_DATA,
};

/** Browsers' own keep-alive is not enough behind council proxies that drop idle sockets. */
const PING_INTERVAL_MS = 30_000;

export interface WebSocketTransportOptions {
  maxMessageBytes: number;
}

/**
 * Binds the sync core to `ws` on the HTTP server's `upgrade` event for `/collab/<docName>`.
 * Everything else about a connection (who, which document, whether allowed) is the core's.
 */
export function attachWebSocketTransport(
  httpServer: HttpServer,
  sync: SyncServer,
  options: WebSocketTransportOptions,
): { close(): Promise<void> } {
  // perMessageDeflate off: Yjs updates are already compact, and deflate costs CPU per message.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
  });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://unitroom.invalid');
    if (!url.pathname.startsWith(`${COLLAB_PATH}/`)) return; // socket.io and others handle theirs
    const encodedName = url.pathname.slice(COLLAB_PATH.length + 1);
    let docName: string;
    try {
      docName = decodeURIComponent(encodedName);
    } catch {
      // Names no document: passed on as sent, so it is refused, logged and audited like any other.
      docName = encodedName;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      const attached = sync.handleConnection(
        {
          send: (message) => {
            if (ws.readyState === ws.OPEN) ws.send(message);
          },
          close: (code, reason) => ws.close(code, reason),
        },
        {
          docName,
          headers: request.headers,
          query: url.searchParams,
          remoteAddress: request.socket.remoteAddress ?? null,
        },
      );
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          // The protocol is binary only; a text frame is a confused or hostile client.
          ws.close(CLOSE_CODES.PROTOCOL_ERROR, 'binary frames only');
          attached.closed(CLOSE_CODES.PROTOCOL_ERROR, 'binary frames only');
          return;
        }
        attached.receive(toUint8Array(data));
      });
      ws.on('close', () => attached.closed());
      // `ws` closes the socket itself with the matching code (1009 over maxPayload, 1007 invalid
      // UTF-8, 1002 a malformed frame) and ends it if the peer does not answer the close.
      ws.on('error', (error: Error & { code?: string }) => {
        if (!error.code?.startsWith('WS_ERR_')) return;
        const code = TRANSPORT_ERROR_CODES[error.code ?? ''] ?? CLOSE_CODES.INVALID_FRAME;
        attached.closed(code, error.code ?? 'transport error');
      });
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    async close() {
      clearInterval(pinger);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function toUint8Array(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
