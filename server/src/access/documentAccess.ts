import type { Kysely } from 'kysely';
import { isReadOnlyRole, parseDocName, type Role } from '@unitroom/shared';
import type { Database } from '../db/schema.js';

export interface DocumentAccess {
  unitId: string;
  role: Role;
  readOnly: boolean;
}

/**
 * The one place that decides who may open which document: a current (not removed) member of the
 * unit that owns the family or meeting. A discussion `discussion:<meetingId>:<familyId>` is open to
 * exactly who may open its meeting, and only while the family is on that meeting's agenda. Returns
 * null for anything else, including names that do not parse or ids that do not exist, so a
 * refusal never reveals whether a document exists.
 */
export async function documentAccessFor(
  db: Kysely<Database>,
  userId: string,
  docName: string,
): Promise<DocumentAccess | null> {
  const parsed = parseDocName(docName);
  if (!parsed) return null;
  const owner =
    parsed.kind === 'family'
      ? await db
          .selectFrom('families')
          .select('unit_id')
          .where('id', '=', parsed.id)
          .executeTakeFirst()
      : parsed.kind === 'meeting'
        ? await db
            .selectFrom('meetings')
            .select('unit_id')
            .where('id', '=', parsed.id)
            .executeTakeFirst()
        : await db
            .selectFrom('agenda_items')
            .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
            .innerJoin('families', 'families.id', 'agenda_items.family_id')
            .select('meetings.unit_id')
            .where('agenda_items.meeting_id', '=', parsed.meetingId)
            .where('agenda_items.family_id', '=', parsed.familyId)
            // An agenda never lists another unit's family; checked anyway, as it costs nothing.
            .whereRef('families.unit_id', '=', 'meetings.unit_id')
            .executeTakeFirst();
  if (!owner) return null;
  const membership = await activeMembership(db, userId, owner.unit_id);
  if (!membership) return null;
  return {
    unitId: owner.unit_id,
    role: membership.role,
    readOnly: isReadOnlyRole(membership.role),
  };
}

export async function activeMembership(
  db: Kysely<Database>,
  userId: string,
  unitId: string,
): Promise<{ role: Role } | undefined> {
  return db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}
