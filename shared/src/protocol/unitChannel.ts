import type { DiscussionState } from '../model/finalisation.js';
import type { Role } from '../model/role.js';
import type { ChairView, SetViewRequest } from './chairView.js';

/**
 * The unit's live control channel over socket.io. It never carries document content: only who is
 * online, which meeting is live, the chair's focus, the per-family timer and raised hands. Every event is scoped to a unit the
 * socket's user belongs to; the server checks membership on every event.
 */
export interface OnlineMember {
  userId: string;
  name: string;
  role: Role;
  /** The meeting this member has open, if any. */
  meetingId: string | null;
}

export interface UnitPresence {
  unitId: string;
  online: OnlineMember[];
}

export interface LiveMeeting {
  unitId: string;
  meetingId: string;
  /** Members in the meeting room right now. */
  present: OnlineMember[];
}

export interface MeetingFocus {
  meetingId: string;
  /** The agenda item (family) the chair is on; null before the chair has chosen. */
  familyId: string | null;
  /** Who set it. */
  by: { userId: string; name: string } | null;
  /** Milliseconds since the epoch, from the server clock. */
  at: number;
  /**
   * What the chair has in view on that family ([W10]); null (or absent) until they share one, and
   * again each time they move to another family.
   */
  view?: ChairView | null;
}

/**
 * The per-family timer: each family on the agenda keeps its own running total, which runs while
 * the chair's focus is on it. Times are from the server clock; `serverNow` lets a client with a
 * wrong clock still show the right minutes.
 */
export interface FamilyTimer {
  familyId: string;
  /** Time counted before `runningSince`. */
  elapsedMs: number;
  /** Server time the timer last started; null while stopped. */
  runningSince: number | null;
}

/**
 * `version` grows with every change to a meeting's timers (hands: its own count). With several
 * processes two changes made on two of them can reach a client in either order; the client keeps
 * the highest version it has seen on its current connection.
 */
export interface MeetingTimers {
  meetingId: string;
  timers: FamilyTimer[];
  serverNow: number;
  version: number;
}

export interface RaisedHand {
  userId: string;
  name: string;
  role: Role;
  raisedAt: number;
}

/** Raised hands in the order they went up; `version` as for `MeetingTimers`. */
export interface MeetingHands {
  meetingId: string;
  hands: RaisedHand[];
  version: number;
}

export type Ack<T = undefined> = (
  result: { ok: true; value: T } | { ok: false; error: string },
) => void;

export interface ServerToClientEvents {
  'unit:presence': (presence: UnitPresence) => void;
  'unit:live-meetings': (payload: { unitId: string; meetings: LiveMeeting[] }) => void;
  'meeting:focus': (focus: MeetingFocus) => void;
  /** Sent to everyone in the room on every change, and to each socket as it enters. */
  'meeting:timers': (timers: MeetingTimers) => void;
  'meeting:hands': (hands: MeetingHands) => void;
  /** The coordinator closed the meeting; the room is read from now on. */
  'meeting:closed': (payload: { meetingId: string; nextMeetingId: string }) => void;
  /**
   * A family's discussion in this meeting was finalised: its document is frozen, so laptops stop
   * writing to it (the minutes' recorders included) before they find out by a refused write.
   */
  'meeting:discussion-finalised': (payload: { meetingId: string; familyId: string }) => void;
  /**
   * A family's discussion in this meeting was marked ready or returned to draft ([W11]): every
   * laptop in the room shows where the minutes stand at once (the approver sees "Approve").
   */
  'meeting:discussion-status': (payload: {
    meetingId: string;
    familyId: string;
    state: DiscussionState;
  }) => void;
  /** Sent just before the server disconnects a member removed from `unitId`. */
  'unit:access-revoked': (payload: { unitId: string }) => void;
}

export interface ClientToServerEvents {
  /** Subscribe to a unit's presence and live meetings. */
  'unit:watch': (unitId: string, ack: Ack) => void;
  /** Say that this socket is in a meeting room (one at a time); answers the current focus. */
  'meeting:enter': (meetingId: string, ack: Ack<MeetingFocus>) => void;
  'meeting:leave': (meetingId: string) => void;
  /** Chair only: move everyone following to this family. */
  'meeting:set-focus': (
    payload: { meetingId: string; familyId: string },
    ack: Ack<MeetingFocus>,
  ) => void;
  /** Chair only: share the pane, person or hypothesis and minutes section in view ([W10]). */
  'meeting:set-view': (payload: SetViewRequest, ack: Ack<MeetingFocus>) => void;
  /** Anyone in the room, guests too: raise or lower one's own hand. */
  'meeting:raise-hand': (payload: { meetingId: string; raised: boolean }, ack: Ack) => void;
  /** Chair only: lower someone else's hand once they have spoken. */
  'meeting:lower-hand': (payload: { meetingId: string; userId: string }, ack: Ack) => void;
}

/** socket.io path; the default, named so both sides agree. */
export const UNIT_CHANNEL_PATH = '/socket.io';
