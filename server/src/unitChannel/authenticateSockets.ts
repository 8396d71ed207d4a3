import { sessionTokenFrom } from '../auth/cookies.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { UnitServer } from './channel.js';

/**
 * Lets in only sockets with a live session, at most `maxSocketsPerUser` per user in this
 * process, and records on each who opened it and with which session.
 */
export function authenticateSockets(
  io: UnitServer,
  options: {
    sessions: Sessions;
    maxSocketsPerUser: number;
    log: (message: string, error?: unknown) => void;
  },
): void {
  /** Open unit-channel sockets per user in this process, against `maxSocketsPerUser`. */
  const socketsByUser = new Map<string, number>();

  io.use((socket, next) => {
    const token = sessionTokenFrom(socket.request.headers.cookie);
    options.sessions
      .resolve(token)
      .then((user) => {
        if (!user || !token) {
          next(new Error('unauthenticated'));
          return;
        }
        const open = socketsByUser.get(user.id) ?? 0;
        if (open >= options.maxSocketsPerUser) {
          options.log(`refused a unit-channel socket of ${user.id}: ${open} already open`);
          next(new Error('too many sockets'));
          return;
        }
        socketsByUser.set(user.id, open + 1);
        socket.once('disconnect', () => {
          const left = (socketsByUser.get(user.id) ?? 1) - 1;
          if (left > 0) socketsByUser.set(user.id, left);
          else socketsByUser.delete(user.id);
        });
        socket.data.user = user;
        socket.data.roles = {};
        socket.data.meeting = null;
        socket.data.sessionId = sessionIdOf(token);
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });
}
