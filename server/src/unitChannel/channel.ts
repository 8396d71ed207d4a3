import type { Kysely } from 'kysely';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { z } from 'zod';
import {
  ID_PATTERN,
  type ClientToServerEvents,
  type Role,
  type ServerToClientEvents,
} from '@unitroom/shared';
import type { SessionUser, Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { FocusStore } from './focusStore.js';
import type { HandStore } from './handStore.js';
import type { TimerStore } from './timerStore.js';

/** What the server keeps on each socket; socket.io's Redis adapter can read it across processes. */
export interface SocketData {
  user: SessionUser;
  /** Units this socket watches, with the user's role in each. */
  roles: Record<string, Role>;
  /** A guest is in the meeting only, never in the unit's room: they see nothing else of it. */
  meeting: { id: string; unitId: string; role: Role } | null;
  /** The session it was opened with (never the token): signing out disconnects it. */
  sessionId: string;
}

export type UnitSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type UnitServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const idSchema = z.string().regex(ID_PATTERN);

export const unitRoom = (unitId: string) => `unit:${unitId}`;
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** Guests in a unit's meetings: listed among who is in a live meeting, sent nothing of the unit. */
export const guestsRoom = (unitId: string) => `unit-guests:${unitId}`;

export interface UnitChannelOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  allowedOrigins: ReadonlySet<string>;
  log: (message: string, error?: unknown) => void;
  /** The chair's focus per meeting: in this process, or shared by every process (Redis). */
  focusStore: FocusStore;
  /** Each meeting's family timers, the same way. */
  timerStore: TimerStore;
  /** Each meeting's raised hands, the same way. */
  handStore: HandStore;
  /** socket.io's adapter for several processes (Redis); the in-memory default otherwise. */
  adapter?: ServerOptions['adapter'];
  /** Open sockets one user may have on this channel, per process. */
  maxSocketsPerUser: number;
  /**
   * The meeting has finished with a family for now: the chair moved on, or everyone left while it
   * was in focus. The family's genogram is kept as it stood (see history/).
   */
  onDiscussionEnded?: (meetingId: string, familyId: string) => Promise<void>;
  /** The chair focused a family: the meeting has reached it (for carry-over on closing). */
  onFamilyReached?: (meetingId: string, familyId: string) => Promise<void>;
}
