import { activeMembership } from '../../access/documentAccess.js';
import { answer } from '../answer.js';
import { idSchema, unitRoom } from '../channel.js';
import type { ConnectionContext } from './context.js';

/** `unit:watch`: a member follows who is online in one of their units. */
export function onWatchEvents({ socket, user, db, refresh }: ConnectionContext): void {
  socket.on('unit:watch', (unitId, ack) => {
    answer(ack, async () => {
      const id = idSchema.parse(unitId);
      const membership = await activeMembership(db, user.id, id);
      if (!membership) throw new Error('not a member of this unit');
      socket.data.roles = { ...socket.data.roles, [id]: membership.role };
      await socket.join(unitRoom(id));
      refresh(id);
      return undefined;
    });
  });
}
