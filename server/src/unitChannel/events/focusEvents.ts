import { z } from 'zod';
import { setViewRequestSchema, type MeetingFocus } from '@unitroom/shared';
import { answer } from '../answer.js';
import { idSchema, meetingRoom } from '../channel.js';
import { requireChair } from './chair.js';
import type { ConnectionContext } from './context.js';

const setFocusSchema = z.object({ meetingId: idSchema, familyId: idSchema });

/**
 * `meeting:set-focus`: the chair moves the meeting to a family on its agenda. `meeting:set-view`:
 * the chair shares what they have open on that family ([W10]).
 */
export function onFocusEvents(context: ConnectionContext): void {
  const { io, socket, user, db, options, live, chargeFanOut } = context;
  const { focusStore, timerStore } = options;

  socket.on('meeting:set-focus', (payload, ack) => {
    answer(ack, async () => {
      const { meetingId, familyId } = setFocusSchema.parse(payload);
      await requireChair(context, meetingId);
      chargeFanOut(meetingRoom(meetingId));
      const onAgenda = await db
        .selectFrom('agenda_items')
        .select('family_id')
        .where('meeting_id', '=', meetingId)
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      if (!onAgenda) throw new Error('that family is not on this agenda');
      const focus: MeetingFocus = {
        meetingId,
        familyId,
        by: { userId: user.id, name: user.name },
        at: Date.now(),
      };
      const previous = (await focusStore.swap(focus))?.familyId;
      if (previous && previous !== familyId) live.discussionEnded(meetingId, previous);
      io.to(meetingRoom(meetingId)).emit('meeting:focus', focus);
      const timers = await timerStore.run(meetingId, familyId, focus.at);
      if (timers) live.emitTimers(meetingId, timers);
      options
        .onFamilyReached?.(meetingId, familyId)
        .catch((error: unknown) =>
          options.log(`recording that ${meetingId} reached ${familyId} failed`, error),
        );
      return focus;
    });
  });
  socket.on('meeting:set-view', (payload, ack) => {
    answer(ack, async () => {
      const { meetingId, familyId, view } = setViewRequestSchema.parse(payload);
      await requireChair(context, meetingId);
      chargeFanOut(meetingRoom(meetingId));
      // Only on the family in focus: the view names its people and hypotheses.
      const focus = await focusStore.setView(meetingId, familyId, view);
      if (!focus) throw new Error('that family is not in focus');
      io.to(meetingRoom(meetingId)).emit('meeting:focus', focus);
      return focus;
    });
  });
}
