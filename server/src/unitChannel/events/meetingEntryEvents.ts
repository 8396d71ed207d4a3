import { meetingAccess } from '../../access/documentAccess.js';
import { answer } from '../answer.js';
import { guestsRoom, idSchema, meetingRoom, unitRoom } from '../channel.js';
import { handsMessage, timersMessage } from '../liveMeetings.js';
import type { ConnectionContext } from './context.js';

/** `meeting:enter`, `meeting:leave` and the socket's disconnect: who is in a live meeting. */
export function onMeetingEntryEvents(context: ConnectionContext): void {
  const { socket, user, db, options, live, refresh, chargeFanOut } = context;
  const { focusStore, timerStore, handStore } = options;

  socket.on('meeting:enter', (meetingId, ack) => {
    answer(ack, async () => {
      const id = idSchema.parse(meetingId);
      const access = await meetingAccess(db, user.id, id);
      if (!access) throw new Error('no access to this meeting');
      const { unitId, role } = access;
      chargeFanOut(unitRoom(unitId));
      const previous = socket.data.meeting;
      if (previous && previous.id !== id) live.leaveMeeting(socket, previous);
      socket.data.meeting = { id, unitId, role };
      if (role === 'guest') {
        await socket.join([meetingRoom(id), guestsRoom(unitId)]);
      } else {
        socket.data.roles = { ...socket.data.roles, [unitId]: role };
        await socket.join([meetingRoom(id), unitRoom(unitId)]);
      }
      refresh(unitId);
      // A late joiner sees the clock and the hands as they are, not from the next change.
      const [timers, hands, focus] = await Promise.all([
        timerStore.get(id),
        handStore.get(id),
        focusStore.get(id),
      ]);
      socket.emit('meeting:timers', timersMessage(id, timers));
      socket.emit('meeting:hands', handsMessage(id, hands));
      return focus ?? { meetingId: id, familyId: null, by: null, at: Date.now() };
    });
  });

  socket.on('meeting:leave', (meetingId) => {
    const current = socket.data.meeting;
    if (!current || current.id !== meetingId) return;
    live.leaveMeeting(socket, current);
  });

  socket.on('disconnect', () => {
    for (const unitId of Object.keys(socket.data.roles ?? {})) refresh(unitId);
    const meeting = socket.data.meeting;
    if (meeting) {
      if (meeting.role === 'guest') refresh(meeting.unitId);
      live.afterLeaving(meeting.id, user.id);
    }
  });
}
