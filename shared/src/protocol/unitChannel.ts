import type { Role } from '../model/role.js';

/**
 * The unit's live control channel over socket.io. It never carries document content: only who is
 * online, which meeting is live, and the chair's focus. Every event is scoped to a unit the
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
}

export type Ack<T = undefined> = (
  result: { ok: true; value: T } | { ok: false; error: string },
) => void;

export interface ServerToClientEvents {
  'unit:presence': (presence: UnitPresence) => void;
  'unit:live-meetings': (payload: { unitId: string; meetings: LiveMeeting[] }) => void;
  'meeting:focus': (focus: MeetingFocus) => void;
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
}

/** socket.io path; the default, named so both sides agree. */
export const UNIT_CHANNEL_PATH = '/socket.io';
