import type { Kysely } from 'kysely';
import {
  asFamilyId,
  asMeetingId,
  familyDocName,
  isReadOnlyRole,
  meetingDocName,
  type FamilySummary,
  type MeResponse,
  type MeetingSummary,
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
      .select(['id', 'name', 'very_active'])
      .where('unit_id', '=', membership.id)
      // [F8] A closed family leaves the home page; its page still opens from its address.
      .where('status', '=', 'open')
      .orderBy('name')
      .execute();
    const lastDiscussed = await lastDiscussedByFamily(db, membership.id);
    const children = families.length
      ? await db
          .selectFrom('children')
          .select(['id', 'family_id', 'name', 'birth_year', 'person_id'])
          .where(
            'family_id',
            'in',
            families.map((f) => f.id),
          )
          // [F3] The children the unit works for now.
          .where('removed_at', 'is', null)
          .orderBy('birth_year')
          .orderBy('name')
          .execute()
      : [];
    const meetings = await db
      .selectFrom('meetings')
      .select(['id', 'title', 'date', 'start_time', 'closed_at'])
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
      guest: false,
      families: families.map((family) =>
        familySummary(family, children, lastDiscussed.get(family.id) ?? null),
      ),
      meetings: meetings.map((meeting) => meetingSummary(meeting, agenda)),
    });
  }
  units.push(...(await guestUnits(db, user.id)));
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      administrator: user.administrator === true,
    },
    units,
  };
}

/**
 * What a guest sees: per meeting they are invited to (not revoked, not closed), that meeting and
 * the families on its agenda, as a unit entry with role `guest`. Nothing else of the unit: no
 * other families, meetings, members, or when families were last discussed.
 */
async function guestUnits(db: Kysely<Database>, userId: string): Promise<UnitMembership[]> {
  const invitations = await db
    .selectFrom('meeting_guests')
    .innerJoin('meetings', 'meetings.id', 'meeting_guests.meeting_id')
    .innerJoin('units', 'units.id', 'meetings.unit_id')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.date',
      'meetings.start_time',
      'meetings.closed_at',
      'meeting_guests.can_edit',
      'units.id as unit_id',
      'units.name as unit_name',
    ])
    .where('meeting_guests.user_id', '=', userId)
    .where('meeting_guests.revoked_at', 'is', null)
    .where('meetings.closed_at', 'is', null)
    .orderBy('meetings.date')
    .execute();
  const units: UnitMembership[] = [];
  for (const invitation of invitations) {
    const agenda = await db
      .selectFrom('agenda_items')
      .selectAll()
      .where('meeting_id', '=', invitation.id)
      .orderBy('position')
      .execute();
    const familyIds = agenda.map((item) => item.family_id);
    const families = familyIds.length
      ? await db
          .selectFrom('families')
          .select(['id', 'name', 'very_active'])
          .where('id', 'in', familyIds)
          .orderBy('name')
          .execute()
      : [];
    const children = familyIds.length
      ? await db
          .selectFrom('children')
          .select(['id', 'family_id', 'name', 'birth_year', 'person_id'])
          .where('family_id', 'in', familyIds)
          .where('removed_at', 'is', null)
          .orderBy('birth_year')
          .orderBy('name')
          .execute()
      : [];
    units.push({
      id: invitation.unit_id,
      name: invitation.unit_name,
      role: 'guest',
      readOnly: invitation.can_edit !== 1,
      guest: true,
      families: families.map((family) => familySummary(family, children, null)),
      meetings: [meetingSummary(invitation, agenda)],
    });
  }
  return units;
}

/** Per family of the unit, the date of the latest meeting that reached it. */
export async function lastDiscussedByFamily(
  db: Kysely<Database>,
  unitId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select(['agenda_items.family_id', (eb) => eb.fn.max('meetings.date').as('last')])
    .where('meetings.unit_id', '=', unitId)
    .where('agenda_items.reached_at', 'is not', null)
    .groupBy('agenda_items.family_id')
    .execute();
  return new Map(rows.map((row) => [row.family_id, String(row.last)]));
}

function familySummary(
  family: { id: string; name: string; very_active: number },
  children: {
    id: string;
    family_id: string;
    name: string;
    birth_year: number | null;
    person_id: string | null;
  }[],
  lastDiscussed: string | null,
): FamilySummary {
  return {
    id: family.id,
    name: family.name,
    docName: familyDocName(asFamilyId(family.id)),
    children: children
      .filter((child) => child.family_id === family.id)
      .map((child) => ({
        id: child.id,
        name: child.name,
        birthYear: child.birth_year,
        personId: child.person_id,
      })),
    veryActive: family.very_active === 1,
    lastDiscussed,
  };
}

function meetingSummary(
  meeting: {
    id: string;
    title: string;
    date: string;
    start_time: string | null;
    closed_at: string | null;
  },
  agenda: {
    meeting_id: string;
    family_id: string;
    position: number;
    timebox_minutes: number;
    carried_from: string | null;
  }[],
): MeetingSummary {
  return {
    id: meeting.id,
    title: meeting.title,
    date: meeting.date,
    docName: meetingDocName(asMeetingId(meeting.id)),
    startTime: meeting.start_time,
    status: meeting.closed_at ? 'closed' : 'planned',
    agenda: agenda
      .filter((item) => item.meeting_id === meeting.id)
      .map((item) => ({
        familyId: item.family_id,
        position: item.position,
        timeboxMinutes: item.timebox_minutes,
        carriedOver: item.carried_from !== null,
      })),
  };
}
