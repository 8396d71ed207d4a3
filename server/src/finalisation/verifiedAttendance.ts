import type { Kysely } from 'kysely';
import type { Attendee, Role } from '@unitroom/shared';
import type { Database } from '../db/schema.js';

/** Someone the server saw open the meeting or the discussion, as their account says they are. */
export interface SeenPerson {
  id: string;
  name: string;
  role: Role;
}

/**
 * The people the server itself saw at a discussion (shared/SPEC.md [U1]): everyone who opened an
 * authenticated connection to the meeting's document (its room) or to this discussion's document,
 * as the audit trail recorded it (`document.opened`, written before the socket is answered), and
 * who is a member of the unit or a guest of the meeting; with their account's name and their role
 * there. Sorted by id, so the same people always build the same record.
 */
export async function seenAtDiscussion(
  db: Kysely<Database>,
  unitId: string,
  meetingId: string,
  familyId: string,
): Promise<SeenPerson[]> {
  const opened = await db
    .selectFrom('audit_events')
    .innerJoin('users', 'users.id', 'audit_events.actor_user_id')
    .select(['users.id', 'users.name'])
    .distinct()
    .where('audit_events.action', '=', 'document.opened')
    .where('audit_events.target', 'in', [
      `meeting:${meetingId}`,
      `discussion:${meetingId}:${familyId}`,
    ])
    .execute();
  if (opened.length === 0) return [];
  const ids = opened.map((row) => row.id);
  const memberships = await db
    .selectFrom('memberships')
    .select(['user_id', 'role', 'created_at'])
    .where('unit_id', '=', unitId)
    .where('user_id', 'in', ids)
    .execute();
  const guests = await db
    .selectFrom('meeting_guests')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', 'in', ids)
    .execute();
  // A member's role in the unit (the latest membership, should they have left and come back);
  // a guest of the meeting is a guest.
  const roles = new Map<string, { role: Role; since: string }>();
  for (const row of memberships) {
    const known = roles.get(row.user_id);
    if (!known || known.since < row.created_at)
      roles.set(row.user_id, { role: row.role, since: row.created_at });
  }
  const guestIds = new Set(guests.map((row) => row.user_id));
  const seen: SeenPerson[] = [];
  for (const { id, name } of opened) {
    const role = roles.get(id)?.role ?? (guestIds.has(id) ? 'guest' : null);
    if (role) seen.push({ id, name, role });
  }
  return seen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The attendance as the server can vouch for it ([U1]), whatever a client wrote into the
 * document: an entry filled from presence, or any entry under the id of someone the server saw,
 * stands only for a person the server saw, under their account's name and role; an entry from
 * presence for anyone else (an invented officer, a member who never connected) is dropped.
 * People added by hand ([D11]: a health visitor, a teacher) stay as added by hand, described,
 * with no role of the unit (roles belong to accounts).
 */
export function verifiedAttendance(
  attendance: readonly Attendee[],
  seen: readonly SeenPerson[],
): Attendee[] {
  const byId = new Map(seen.map((person) => [person.id, person]));
  const out: Attendee[] = [];
  for (const attendee of attendance) {
    const person = byId.get(attendee.id);
    if (person) {
      out.push({
        ...attendee,
        name: person.name,
        role: person.role,
        source: 'presence',
        description: '',
      });
    } else if (attendee.source === 'added') {
      out.push({ ...attendee, role: null });
    }
  }
  // As the reader orders it: by name, then id (names may have changed above).
  return out.sort((a, b) =>
    a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}
