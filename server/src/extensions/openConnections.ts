import { CLOSE_CODES } from '@unitroom/shared';
import { Refusal, type ConnectionHandle, type Extension } from '../collab/types.js';

/**
 * Every open collaboration connection of this process, by user: the per-user socket limit, and
 * closing a member's sockets the moment they lose access. In-process only: with several server
 * processes, a removal is relayed to each (see `AccessRevocations`) and the socket limit holds
 * per process.
 */
export class OpenConnections {
  private readonly byUser = new Map<string, Map<string, ConnectionHandle>>();

  constructor(private readonly maxSocketsPerUser: number) {}

  readonly extension: Extension = {
    beforeJoin: async ({ connection }) => {
      const userId = connection.context.user.id;
      const open = this.byUser.get(userId) ?? new Map<string, ConnectionHandle>();
      if (open.size >= this.maxSocketsPerUser)
        throw new Refusal(CLOSE_CODES.TOO_MANY_SOCKETS, `${open.size} sockets already open`);
      open.set(connection.id, connection);
      this.byUser.set(userId, open);
    },
    onDisconnect: async ({ connection }) => {
      const userId = connection.context.user.id;
      const open = this.byUser.get(userId);
      open?.delete(connection.id);
      if (open?.size === 0) this.byUser.delete(userId);
    },
    counts: () => ({
      'openConnections.users': this.byUser.size,
      'openConnections.connections': this.connections(null).length,
    }),
  };

  countForUser(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** The open connections of one user, or of everyone (null). */
  connections(userId: string | null): ConnectionHandle[] {
    if (userId !== null) return Array.from(this.byUser.get(userId)?.values() ?? []);
    return Array.from(this.byUser.values()).flatMap((open) => Array.from(open.values()));
  }

  /** Closes the user's sockets to documents of `unitId` (all units when null); returns how many. */
  closeForUser(userId: string, unitId: string | null, code: number, reason: string): number {
    const open = this.byUser.get(userId);
    if (!open) return 0;
    let closed = 0;
    for (const connection of Array.from(open.values())) {
      if (unitId !== null && connection.context.unitId !== unitId) continue;
      connection.close(code, reason);
      closed += 1;
    }
    return closed;
  }
}
