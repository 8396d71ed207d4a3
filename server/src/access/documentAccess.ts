import type { Kysely } from 'kysely';
import {
  canChair,
  isReadOnlyRole,
  parseDocName,
  type MemberRole,
  type Role,
} from '@unitroom/shared';
import type { Database } from '../db/schema.js';

export interface DocumentAccess {
  unitId: string;
  role: Role;
  readOnly: boolean;
}

/**
 * The one place that decides who may open which document:
 * - a current (not removed) member of the unit that owns the family or meeting;
 * - a discussion `discussion:<meetingId>:<familyId>` is open to exactly who may open its meeting,
 *   and only while the family is on that meeting's agenda (shared/SPEC.md [D1]);
 * - a guest of a meeting (a partner professional): that meeting and its discussions, read-only
 *   unless the coordinator allowed editing, and the families on its agenda, always read-only;
 *   nothing else, and nothing once the guest is revoked or the meeting is closed.
 * - a family, and its discussions, belong to the family's current unit ([F7]): after a transfer the
 *   receiving unit reads the discussions held by the unit before it, read-only, and the sending
 *   unit has no access at all; a closed family and its discussions are read-only to all ([F8]).
 * Returns null for anything else, including names that do not parse or ids that do not exist, so
 * a refusal never reveals whether a document exists.
 */
export async function documentAccessFor(
  db: Kysely<Database>,
  userId: string,
  docName: string,
): Promise<DocumentAccess | null> {
  const parsed = parseDocName(docName);
  if (!parsed) return null;
  if (parsed.kind === 'family') return familyAccess(db, userId, parsed.id);
  if (parsed.kind === 'meeting') return meetingAccess(db, userId, parsed.id);
  return discussionAccess(db, userId, parsed.meetingId, parsed.familyId);
}

/** A member of the owning unit, or a guest of this meeting. */
export async function meetingAccess(
  db: Kysely<Database>,
  userId: string,
  meetingId: string,
): Promise<DocumentAccess | null> {
  const meeting = await db
    .selectFrom('meetings')
    .select('unit_id')
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return null;
  const membership = await activeMembership(db, userId, meeting.unit_id);
  if (membership) return memberAccess(meeting.unit_id, membership.role);
  const guest = await activeGuest(db, userId, meetingId);
  if (!guest) return null;
  return { unitId: meeting.unit_id, role: 'guest', readOnly: !guest.canEdit };
}

/** A member of the owning unit; a guest of an open meeting with the family on its agenda reads. */
export async function familyAccess(
  db: Kysely<Database>,
  userId: string,
  familyId: string,
): Promise<DocumentAccess | null> {
  const family = await db
    .selectFrom('families')
    .select(['unit_id', 'status'])
    .where('id', '=', familyId)
    .executeTakeFirst();
  if (!family) return null;
  const closed = family.status === 'closed';
  const membership = await activeMembership(db, userId, family.unit_id);
  if (membership) return readOnlyIf(closed, memberAccess(family.unit_id, membership.role));
  const invited = await db
    .selectFrom('meeting_guests')
    .innerJoin('meetings', 'meetings.id', 'meeting_guests.meeting_id')
    .innerJoin('agenda_items', 'agenda_items.meeting_id', 'meeting_guests.meeting_id')
    .select('meetings.id')
    .where('meeting_guests.user_id', '=', userId)
    .where('meeting_guests.revoked_at', 'is', null)
    .where('meetings.closed_at', 'is', null)
    .where('meetings.unit_id', '=', family.unit_id)
    .where('agenda_items.family_id', '=', familyId)
    .executeTakeFirst();
  return invited ? { unitId: family.unit_id, role: 'guest', readOnly: true } : null;
}

/**
 * One family's discussion at one meeting: who may open the meeting, for a family on its agenda
 * (shared/SPEC.md [D1]). A guest writes only if allowed to write in the meeting.
 */
export async function discussionAccess(
  db: Kysely<Database>,
  userId: string,
  meetingId: string,
  familyId: string,
): Promise<DocumentAccess | null> {
  const onAgenda = await db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('families', 'families.id', 'agenda_items.family_id')
    .select([
      'families.unit_id as family_unit',
      'meetings.unit_id as meeting_unit',
      'families.status',
    ])
    .where('agenda_items.meeting_id', '=', meetingId)
    .where('agenda_items.family_id', '=', familyId)
    .executeTakeFirst();
  if (!onAgenda) return null;
  const closed = onAgenda.status === 'closed';
  if (onAgenda.family_unit === onAgenda.meeting_unit) {
    const access = await meetingAccess(db, userId, meetingId);
    return access ? readOnlyIf(closed, access) : null;
  }
  // The family has moved since: its history goes with it, to read, and nowhere else.
  const membership = await activeMembership(db, userId, onAgenda.family_unit);
  return membership
    ? { unitId: onAgenda.family_unit, role: membership.role, readOnly: true }
    : null;
}

/**
 * Whether the user may chair the meeting (move the focus, lower others' hands): a current member
 * of its unit whose role chairs; guests never. Null if not, else whether the meeting is closed.
 */
export async function chairOf(
  db: Kysely<Database>,
  userId: string,
  meetingId: string,
): Promise<{ closed: boolean } | null> {
  const row = await db
    .selectFrom('meetings')
    .select(['unit_id', 'closed_at'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  const membership = row ? await activeMembership(db, userId, row.unit_id) : undefined;
  if (!row || !membership || !canChair(membership.role)) return null;
  return { closed: Boolean(row.closed_at) };
}

const readOnlyIf = (readOnly: boolean, access: DocumentAccess): DocumentAccess =>
  readOnly ? { ...access, readOnly: true } : access;

const memberAccess = (unitId: string, role: MemberRole): DocumentAccess => ({
  unitId,
  role,
  readOnly: isReadOnlyRole(role),
});

export async function activeMembership(
  db: Kysely<Database>,
  userId: string,
  unitId: string,
): Promise<{ role: MemberRole } | undefined> {
  return db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** A guest's access to one meeting: not revoked, and the meeting not closed. */
export async function activeGuest(
  db: Kysely<Database>,
  userId: string,
  meetingId: string,
): Promise<{ canEdit: boolean } | undefined> {
  const row = await db
    .selectFrom('meeting_guests')
    .innerJoin('meetings', 'meetings.id', 'meeting_guests.meeting_id')
    .select('meeting_guests.can_edit')
    .where('meeting_guests.user_id', '=', userId)
    .where('meeting_guests.meeting_id', '=', meetingId)
    .where('meeting_guests.revoked_at', 'is', null)
    .where('meetings.closed_at', 'is', null)
    .executeTakeFirst();
  return row ? { canEdit: row.can_edit === 1 } : undefined;
}
