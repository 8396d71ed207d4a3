import http from 'node:http';
import type { RequestListener } from 'node:http';
import { rawSecurityHeaderLines } from '../http/securityHeaders.js';

/**
 * The HTTP server the Express app, the sync transport and the unit channel share. It counts open
 * TCP connections (`onConnectionClosed` hears each one end) and answers malformed requests itself.
 */
export function createHttpServer(
  app: RequestListener,
  options: {
    logger: { info(message: string): void };
    onConnectionClosed: () => void;
  },
): { httpServer: http.Server; tcpConnections: () => number } {
  const httpServer = http.createServer(app);
  let tcpConnections = 0;
  httpServer.on('connection', (socket) => {
    tcpConnections += 1;
    socket.once('close', () => {
      tcpConnections -= 1;
      options.onConnectionClosed();
    });
  });
  // Node answers malformed requests and oversized headers (over 16 KiB) itself; log them too.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    options.logger.info(`refused a malformed HTTP request: ${error.code ?? error.message}`);
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `${rawSecurityHeaderLines()}\r\nConnection: close\r\n\r\n`,
    );
  });
  return { httpServer, tcpConnections: () => tcpConnections };
}
