import type { MeetingHands, MeetingTimers } from '@unitroom/shared';
import { guestsRoom, meetingRoom, type UnitServer, type UnitSocket } from './channel.js';
import type { FocusStore } from './focusStore.js';
import type { HandState, HandStore } from './handStore.js';
import type { TimerState, TimerStore } from './timerStore.js';

export interface LiveMeetingOptions {
  focusStore: FocusStore;
  timerStore: TimerStore;
  handStore: HandStore;
  log: (message: string, error?: unknown) => void;
  onDiscussionEnded?: (meetingId: string, familyId: string) => Promise<void>;
}

/** A live meeting's room: who leaves it, what they leave behind, and its closing. */
export interface LiveMeetings {
  leaveMeeting(socket: UnitSocket, meeting: { id: string; unitId: string }): void;
  afterLeaving(meetingId: string, userId: string): void;
  emitHands(meetingId: string, hands: HandState): void;
  emitTimers(meetingId: string, timers: TimerState): void;
  meetingClosed(meetingId: string, nextMeetingId: string): void;
  discussionEnded(meetingId: string, familyId: string): void;
}

export function liveMeetings(
  io: UnitServer,
  options: LiveMeetingOptions,
  refresh: (unitId: string) => void,
): LiveMeetings {
  const { focusStore, timerStore, handStore } = options;

  function leaveMeeting(socket: UnitSocket, meeting: { id: string; unitId: string }): void {
    socket.data.meeting = null;
    void socket.leave(meetingRoom(meeting.id));
    void socket.leave(guestsRoom(meeting.unitId));
    refresh(meeting.unitId);
    afterLeaving(meeting.id, socket.data.user.id);
  }

  /**
   * A hand goes down with its owner's last socket in the room; an empty room ends its discussion.
   * `fetchSockets` asks every process, and a socket has left its rooms before its process asks,
   * so when an owner's last two sockets leave on two processes at once, at least one of the two
   * sees neither and lowers the hand.
   */
  function afterLeaving(meetingId: string, userId: string): void {
    io.in(meetingRoom(meetingId))
      .fetchSockets()
      .then(async (sockets) => {
        if (!sockets.some((other) => other.data.user.id === userId)) {
          const hands = await handStore.lower(meetingId, userId);
          if (hands) emitHands(meetingId, hands);
        }
        if (sockets.length === 0) {
          // Whichever process stops the clock tells the room; another finding it stopped is quiet.
          const timers = await timerStore.stop(meetingId, Date.now());
          if (timers) emitTimers(meetingId, timers);
          const familyId = (await focusStore.get(meetingId))?.familyId;
          if (familyId) discussionEnded(meetingId, familyId);
        }
      })
      .catch((error: unknown) => options.log(`checking who is left in ${meetingId} failed`, error));
  }

  /**
   * Changes are told once, by the process that made them, to the room on every process (the
   * adapter spans them); the version lets a client drop one overtaken by a later change.
   */
  function emitHands(meetingId: string, hands: HandState): void {
    io.to(meetingRoom(meetingId)).emit('meeting:hands', handsMessage(meetingId, hands));
  }

  function emitTimers(meetingId: string, timers: TimerState): void {
    io.to(meetingRoom(meetingId)).emit('meeting:timers', timersMessage(meetingId, timers));
  }

  function meetingClosed(meetingId: string, nextMeetingId: string): void {
    focusStore
      .clear(meetingId)
      .then((focus) => {
        if (focus?.familyId) discussionEnded(meetingId, focus.familyId);
      })
      .catch((error: unknown) => options.log(`clearing the focus of ${meetingId} failed`, error));
    Promise.all([timerStore.clear(meetingId), handStore.clear(meetingId)]).catch((error: unknown) =>
      options.log(`clearing the timers and hands of ${meetingId} failed`, error),
    );
    io.to(meetingRoom(meetingId)).emit('meeting:closed', { meetingId, nextMeetingId });
    io.in(meetingRoom(meetingId))
      .fetchSockets()
      .then((sockets) => {
        const units = new Set<string>();
        for (const socket of sockets) {
          const meeting = socket.data.meeting;
          if (meeting?.id !== meetingId) continue;
          units.add(meeting.unitId);
          // A guest's access ended with the meeting: told above, now let go.
          if (meeting.role === 'guest') {
            socket.data.meeting = null;
            socket.disconnect(true);
          }
        }
        units.forEach(refresh);
      })
      .catch((error: unknown) => options.log(`closing the room of ${meetingId} failed`, error));
  }

  function discussionEnded(meetingId: string, familyId: string): void {
    options
      .onDiscussionEnded?.(meetingId, familyId)
      .catch((error: unknown) =>
        options.log(`keeping the genogram of ${familyId} at ${meetingId} failed`, error),
      );
  }

  return { leaveMeeting, afterLeaving, emitHands, emitTimers, meetingClosed, discussionEnded };
}

export function timersMessage(meetingId: string, { timers, version }: TimerState): MeetingTimers {
  return { meetingId, timers, version, serverNow: Date.now() };
}

export function handsMessage(meetingId: string, { hands, version }: HandState): MeetingHands {
  return { meetingId, hands, version };
}
