import { describe, expect, it, onTestFinished } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_COLLAB_LIMITS } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { eventually } from '../helpers/yClient.js';

function connect(server: TestServer, cookie: string): Promise<{ socket: Socket; error?: string }> {
  const socket = io(server.url, {
    transports: ['websocket'],
    extraHeaders: { cookie, origin: server.url },
    reconnection: false,
  });
  onTestFinished(() => void socket.disconnect());
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, error: error.message }));
  });
}

describe('unit channel: sockets per user', () => {
  it('refuses a socket over the per-user limit, counts each user apart, and frees a place on disconnect', async () => {
    const server = await startTestServer({
      config: { collabLimits: { ...DEFAULT_COLLAB_LIMITS, maxSocketsPerUser: 2 } },
    });
    const cookie = await signIn(server.url, 'csw@demo.test');
    const first = await connect(server, cookie);
    const second = await connect(server, cookie);
    expect([first.error, second.error]).toEqual([undefined, undefined]);
    expect((await connect(server, cookie)).error).toBe('too many sockets');
    expect((await connect(server, await signIn(server.url, 'sw@demo.test'))).error).toBeUndefined();
    const closed = new Promise((resolve) => first.socket.once('disconnect', resolve));
    first.socket.disconnect();
    await closed;
    // The server sees the close a moment after the client.
    await eventually(async () => expect((await connect(server, cookie)).error).toBeUndefined());
  });
});
