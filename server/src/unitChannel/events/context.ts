import type { Kysely } from 'kysely';
import type { SessionUser } from '../../auth/sessions.js';
import type { Database } from '../../db/schema.js';
import type { UnitChannelOptions, UnitServer, UnitSocket } from '../channel.js';
import type { LiveMeetings } from '../liveMeetings.js';

/** What every event handler of one connection works with. */
export interface ConnectionContext {
  io: UnitServer;
  socket: UnitSocket;
  user: SessionUser;
  db: Kysely<Database>;
  options: UnitChannelOptions;
  live: LiveMeetings;
  /** Tells the unit's room who is online now. */
  refresh(unitId: string): void;
  /** Charges this user for an event sent to everyone in `room`; throws when over ([T3]). */
  chargeFanOut(room: string): void;
}
