import type { Kysely } from 'kysely';
import {
  asFamilyId,
  asMeetingId,
  familyDocName,
  isReadOnlyRole,
  meetingDocName,
  type MeResponse,
  type UnitMembership,
} from '@unitroom/shared';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';

/** Everything the signed-in user may see, unit by unit: the body of `GET /api/me`. */
export async function loadMe(db: Kysely<Database>, user: SessionUser): Promise<MeResponse> {
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('units', 'units.id', 'memberships.unit_id')
    .select(['units.id', 'units.name', 'memberships.role'])
    .where('memberships.user_id', '=', user.id)
    .where('memberships.removed_at', 'is', null)
    .orderBy('units.name')
    .execute();

  const units: UnitMembership[] = [];
  for (const membership of memberships) {
    const families = await db
      .selectFrom('families')
      .select(['id', 'name'])
      .where('unit_id', '=', membership.id)
      .orderBy('name')
      .execute();
    const children = families.length
      ? await db
          .selectFrom('children')
          .select(['id', 'family_id', 'name', 'birth_year'])
          .where(
            'family_id',
            'in',
            families.map((f) => f.id),
          )
          .orderBy('birth_year')
          .orderBy('name')
          .execute()
      : [];
    const meetings = await db
      .selectFrom('meetings')
      .select(['id', 'title', 'date'])
      .where('unit_id', '=', membership.id)
      .orderBy('date', 'desc')
      .execute();
    const agenda = meetings.length
      ? await db
          .selectFrom('agenda_items')
          .selectAll()
          .where(
            'meeting_id',
            'in',
            meetings.map((m) => m.id),
          )
          .orderBy('position')
          .execute()
      : [];

    units.push({
      id: membership.id,
      name: membership.name,
      role: membership.role,
      readOnly: isReadOnlyRole(membership.role),
      families: families.map((family) => ({
        id: family.id,
        name: family.name,
        docName: familyDocName(asFamilyId(family.id)),
        children: children
          .filter((child) => child.family_id === family.id)
          .map((child) => ({ id: child.id, name: child.name, birthYear: child.birth_year })),
      })),
      meetings: meetings.map((meeting) => ({
        id: meeting.id,
        title: meeting.title,
        date: meeting.date,
        docName: meetingDocName(asMeetingId(meeting.id)),
        agenda: agenda
          .filter((item) => item.meeting_id === meeting.id)
          .map((item) => ({
            familyId: item.family_id,
            position: item.position,
            timeboxMinutes: item.timebox_minutes,
          })),
      })),
    });
  }
  return { user: { id: user.id, email: user.email, name: user.name }, units };
}
