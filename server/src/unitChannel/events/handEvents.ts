import { z } from 'zod';
import { meetingAccess } from '../../access/documentAccess.js';
import { answer } from '../answer.js';
import { idSchema, meetingRoom } from '../channel.js';
import { requireChair } from './chair.js';
import type { ConnectionContext } from './context.js';

const raiseHandSchema = z.object({ meetingId: idSchema, raised: z.boolean() });
const lowerHandSchema = z.object({ meetingId: idSchema, userId: idSchema });

/** `meeting:raise-hand` (anyone in the meeting, their own) and `meeting:lower-hand` (the chair). */
export function onHandEvents(context: ConnectionContext): void {
  const { socket, user, db, options, live, chargeFanOut } = context;
  const { handStore } = options;

  socket.on('meeting:raise-hand', (payload, ack) => {
    answer(ack, async () => {
      const { meetingId, raised } = raiseHandSchema.parse(payload);
      const current = socket.data.meeting;
      if (current?.id !== meetingId) throw new Error('enter the meeting first');
      chargeFanOut(meetingRoom(meetingId));
      const access = await meetingAccess(db, user.id, meetingId);
      if (!access) throw new Error('no access to this meeting');
      const hands = raised
        ? await handStore.raise(meetingId, {
            userId: user.id,
            name: user.name,
            role: access.role,
            raisedAt: Date.now(),
          })
        : await handStore.lower(meetingId, user.id);
      if (hands) live.emitHands(meetingId, hands);
      return undefined;
    });
  });

  socket.on('meeting:lower-hand', (payload, ack) => {
    answer(ack, async () => {
      const { meetingId, userId } = lowerHandSchema.parse(payload);
      await requireChair(context, meetingId);
      chargeFanOut(meetingRoom(meetingId));
      const hands = await handStore.lower(meetingId, userId);
      if (hands) live.emitHands(meetingId, hands);
      return undefined;
    });
  });
}
