import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  API_ERROR_CODES,
  addDays,
  carryOver,
  suggestAgenda,
  type AddGuestResponse,
  type CloseMeetingResponse,
  type FamilyOverview,
  type Guest,
  type MeetingPlan,
  type SetAgendaRequest,
} from '@unitroom/shared';
import { lastDiscussedByFamily } from '../access/me.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database, MeetingsTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';

/** Ids made here are URL-safe and match ID_PATTERN: 20 characters of base64url. */
const newId = () => randomBytes(15).toString('base64url');

/** 16 characters of base64url, about 96 bits: read out over the phone if need be, never guessed. */
const newGuestPassword = () => randomBytes(12).toString('base64url');

const conflict = (message: string) =>
  new DomainError('conflict', API_ERROR_CODES.CONFLICT, message);
const badRequest = (message: string) =>
  new DomainError('invalid', API_ERROR_CODES.BAD_REQUEST, message);

/**
 * Planning and closing meetings against the relational store. Callers have already checked that
 * the actor may manage the meeting's unit; everything here keeps the data consistent on its own
 * (one transaction per change, a closed meeting is never changed again).
 */
export class MeetingPlanner {
  constructor(private readonly db: Kysely<Database>) {}

  /** A weekly series: one meeting a week on the weekday of `firstDate`, for `weeks` weeks. */
  async createSeries(
    unitId: string,
    request: { title: string; firstDate: string; startTime: string; weeks: number },
  ): Promise<{ seriesId: string; meetingIds: string[] }> {
    const now = new Date().toISOString();
    const seriesId = newId();
    const meetingIds: string[] = [];
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('meeting_series')
        .values({
          id: seriesId,
          unit_id: unitId,
          title: request.title,
          start_time: request.startTime,
          created_at: now,
        })
        .execute();
      for (let week = 0; week < request.weeks; week += 1) {
        const meetingId = newId();
        meetingIds.push(meetingId);
        await tx
          .insertInto('meetings')
          .values({
            id: meetingId,
            unit_id: unitId,
            title: request.title,
            date: addDays(request.firstDate, 7 * week),
            start_time: request.startTime,
            series_id: seriesId,
            created_at: now,
          })
          .execute();
      }
    });
    return { seriesId, meetingIds };
  }

  async plan(meetingId: string, canManage: boolean): Promise<MeetingPlan> {
    const meeting = await this.meeting(this.db, meetingId);
    const agenda = await this.db
      .selectFrom('agenda_items')
      .innerJoin('families', 'families.id', 'agenda_items.family_id')
      .leftJoin('meetings as source', 'source.id', 'agenda_items.carried_from')
      .select([
        'agenda_items.family_id',
        'families.name',
        'agenda_items.position',
        'agenda_items.timebox_minutes',
        'agenda_items.reached_at',
        'agenda_items.carried_from',
        'source.date as carried_from_date',
      ])
      .where('agenda_items.meeting_id', '=', meetingId)
      .orderBy('agenda_items.position')
      .execute();
    const families = await this.db
      .selectFrom('families')
      .select(['id', 'name', 'very_active'])
      .where('unit_id', '=', meeting.unit_id)
      .execute();
    const lastDiscussed = await lastDiscussedByFamily(this.db, meeting.unit_id);
    const suggestions = suggestAgenda(
      meeting.date,
      families.map((family) => ({
        familyId: family.id,
        familyName: family.name,
        veryActive: family.very_active === 1,
        lastDiscussed: lastDiscussed.get(family.id) ?? null,
      })),
      new Set(agenda.map((item) => item.family_id)),
    );
    return {
      meeting: {
        id: meeting.id,
        unitId: meeting.unit_id,
        title: meeting.title,
        date: meeting.date,
        startTime: meeting.start_time,
        seriesId: meeting.series_id,
        status: meeting.closed_at ? 'closed' : 'planned',
        closedAt: meeting.closed_at,
      },
      agenda: agenda.map((item) => ({
        familyId: item.family_id,
        familyName: item.name,
        position: item.position,
        timeboxMinutes: item.timebox_minutes,
        reached: item.reached_at !== null,
        carriedFrom:
          item.carried_from && item.carried_from_date
            ? { meetingId: item.carried_from, date: item.carried_from_date }
            : null,
      })),
      suggestions,
      guests: canManage ? await this.guests(meetingId) : [],
      canManage,
    };
  }

  /**
   * Replaces the agenda: order, families and time boxes; what was reached or carried stays.
   * Returns the families that left it (whose guests' access ends with it).
   */
  async setAgenda(meetingId: string, request: SetAgendaRequest): Promise<{ removed: string[] }> {
    return this.db.transaction().execute(async (tx) => {
      const meeting = await this.openMeeting(tx, meetingId);
      const requested = request.items.map((item) => item.familyId);
      if (requested.length > 0) {
        const ofUnit = await tx
          .selectFrom('families')
          .select('id')
          .where('unit_id', '=', meeting.unit_id)
          .where('status', '=', 'open')
          .where('id', 'in', requested)
          .execute();
        // [F8] A closed family leaves the agenda and comes back only when reopened.
        if (ofUnit.length !== requested.length)
          throw badRequest('Only open families held by this unit can go on its agenda.');
      }
      const existing = await tx
        .selectFrom('agenda_items')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .execute();
      const kept = new Map(existing.map((item) => [item.family_id, item]));
      await tx.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).execute();
      for (const [position, item] of request.items.entries()) {
        const before = kept.get(item.familyId);
        await tx
          .insertInto('agenda_items')
          .values({
            meeting_id: meetingId,
            family_id: item.familyId,
            position,
            timebox_minutes: item.timeboxMinutes,
            reached_at: before?.reached_at ?? null,
            carried_from: before?.carried_from ?? null,
          })
          .execute();
      }
      const staying = new Set(requested);
      return { removed: existing.map((item) => item.family_id).filter((id) => !staying.has(id)) };
    });
  }

  /** The chair focused the family: the meeting reached it (kept the first time only). */
  async markReached(meetingId: string, familyId: string): Promise<void> {
    await this.db
      .updateTable('agenda_items')
      .set({ reached_at: new Date().toISOString() })
      .where('meeting_id', '=', meetingId)
      .where('family_id', '=', familyId)
      .where('reached_at', 'is', null)
      .execute();
  }

  /**
   * Closes the meeting: `reached` (when given) says which families were discussed, else the ones
   * the chair focused count. The others are carried to the top of the series' next meeting, made
   * a week later if none is planned yet. Refuses a meeting closed already, so it runs once.
   */
  async close(
    meetingId: string,
    reached: readonly string[] | undefined,
  ): Promise<CloseMeetingResponse> {
    return this.db.transaction().execute(async (tx) => {
      const now = new Date().toISOString();
      const meeting = await this.openMeeting(tx, meetingId);
      const closing = await tx
        .updateTable('meetings')
        .set({ closed_at: now })
        .where('id', '=', meetingId)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      if (Number(closing.numUpdatedRows) !== 1) throw conflict('This meeting is already closed.');

      const agenda = await tx
        .selectFrom('agenda_items')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute();
      if (reached) {
        const said = new Set(reached);
        for (const item of agenda) {
          const wasReached = said.has(item.family_id);
          item.reached_at = wasReached ? (item.reached_at ?? now) : null;
          await tx
            .updateTable('agenda_items')
            .set({ reached_at: item.reached_at })
            .where('meeting_id', '=', meetingId)
            .where('family_id', '=', item.family_id)
            .execute();
        }
      }
      const notReached = agenda.filter((item) => item.reached_at === null);

      const nextMeetingId = await this.nextMeeting(tx, meeting, now);
      const nextAgenda = await tx
        .selectFrom('agenda_items')
        .selectAll()
        .where('meeting_id', '=', nextMeetingId)
        .orderBy('position')
        .execute();
      const withFamilyId = <T extends { family_id: string }>(rows: T[]) =>
        rows.map((row) => ({ ...row, familyId: row.family_id }));
      const { agenda: merged, carried } = carryOver(
        withFamilyId(notReached),
        withFamilyId(nextAgenda),
      );
      const carriedIds = new Set(carried.map((item) => item.familyId));
      for (const [position, item] of merged.entries()) {
        if (carriedIds.has(item.familyId)) {
          await tx
            .insertInto('agenda_items')
            .values({
              meeting_id: nextMeetingId,
              family_id: item.familyId,
              position,
              timebox_minutes: item.timebox_minutes,
              reached_at: null,
              carried_from: meetingId,
            })
            .execute();
        } else {
          await tx
            .updateTable('agenda_items')
            .set({ position })
            .where('meeting_id', '=', nextMeetingId)
            .where('family_id', '=', item.familyId)
            .execute();
        }
      }
      return { nextMeetingId, carried: carried.map((item) => item.familyId) };
    });
  }

  /** The meeting after this one in its series (or the unit's, for a one-off), made if missing. */
  private async nextMeeting(
    tx: Transaction<Database>,
    meeting: MeetingRow,
    now: string,
  ): Promise<string> {
    let query = tx
      .selectFrom('meetings')
      .select('id')
      .where('unit_id', '=', meeting.unit_id)
      .where('closed_at', 'is', null)
      .where('date', '>', meeting.date);
    query = meeting.series_id
      ? query.where('series_id', '=', meeting.series_id)
      : query.where('series_id', 'is', null);
    const existing = await query.orderBy('date').orderBy('id').executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await tx
      .insertInto('meetings')
      .values({
        id,
        unit_id: meeting.unit_id,
        title: meeting.title,
        date: addDays(meeting.date, 7),
        start_time: meeting.start_time,
        series_id: meeting.series_id,
        created_at: now,
      })
      .execute();
    return id;
  }

  /**
   * Invites a guest to this meeting only. A new person gets an account and a password shown once;
   * an e-mail that already has an account (a guest of another meeting or unit, a member of another
   * unit) is invited as it is: an invitation never changes anyone's password, name or sessions
   * ([I1]), so it cannot be used to take an account over. A member of the meeting's own unit needs
   * no invitation and is refused.
   */
  async addGuest(
    meetingId: string,
    addedBy: string,
    request: { name: string; email: string; canEdit: boolean },
  ): Promise<AddGuestResponse> {
    const oneTimePassword = newGuestPassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (tx) => {
      const meeting = await this.openMeeting(tx, meetingId);
      const existing = await tx
        .selectFrom('users')
        .select(['id', 'name'])
        .where('email', '=', request.email)
        .executeTakeFirst();
      if (existing) {
        const member = await tx
          .selectFrom('memberships')
          .select('unit_id')
          .where('user_id', '=', existing.id)
          .where('unit_id', '=', meeting.unit_id)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
        if (member)
          throw conflict(
            'That e-mail address belongs to a member of this unit, who needs no invitation.',
          );
      }
      const userId = existing?.id ?? newId();
      if (!existing) {
        await tx
          .insertInto('users')
          .values({
            id: userId,
            email: request.email,
            name: request.name,
            password_hash: passwordHash,
            created_at: now,
          })
          .execute();
      }
      const row = {
        meeting_id: meetingId,
        user_id: userId,
        can_edit: request.canEdit ? 1 : 0,
        added_by: addedBy,
        added_at: now,
        revoked_at: null,
      };
      await tx
        .insertInto('meeting_guests')
        .values(row)
        .onConflict((c) =>
          c.columns(['meeting_id', 'user_id']).doUpdateSet({
            can_edit: row.can_edit,
            added_by: addedBy,
            added_at: now,
            revoked_at: null,
          }),
        )
        .execute();
      const guest: Guest = {
        userId,
        name: existing?.name ?? request.name,
        email: request.email,
        canEdit: request.canEdit,
        addedAt: now,
      };
      return { guest, oneTimePassword: existing ? null : oneTimePassword };
    });
  }

  /**
   * Returns false when there was no such guest. Their sessions end with their last access: never
   * while they are still invited elsewhere or are a member of a unit (the caller's unit decides
   * about its own meeting only).
   */
  async revokeGuest(meetingId: string, userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('meeting_guests')
        .set({ revoked_at: new Date().toISOString() })
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const stillInvited = await tx
        .selectFrom('meeting_guests')
        .innerJoin('meetings', 'meetings.id', 'meeting_guests.meeting_id')
        .select('meeting_guests.meeting_id')
        .where('meeting_guests.user_id', '=', userId)
        .where('meeting_guests.revoked_at', 'is', null)
        .where('meetings.closed_at', 'is', null)
        .executeTakeFirst();
      const member = await tx
        .selectFrom('memberships')
        .select('unit_id')
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (!stillInvited && !member)
        await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      return true;
    });
  }

  async guests(meetingId: string): Promise<Guest[]> {
    const rows = await this.db
      .selectFrom('meeting_guests')
      .innerJoin('users', 'users.id', 'meeting_guests.user_id')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'meeting_guests.can_edit',
        'meeting_guests.added_at',
      ])
      .where('meeting_guests.meeting_id', '=', meetingId)
      .where('meeting_guests.revoked_at', 'is', null)
      .orderBy('users.name')
      .execute();
    return rows.map((row) => ({
      userId: row.id,
      name: row.name,
      email: row.email,
      canEdit: row.can_edit === 1,
      addedAt: row.added_at,
    }));
  }

  async setFamilyActivity(familyId: string, veryActive: boolean): Promise<void> {
    await this.db
      .updateTable('families')
      .set({ very_active: veryActive ? 1 : 0 })
      .where('id', '=', familyId)
      .execute();
  }

  /**
   * The family page's history: every meeting that had the family on its agenda, and the unit's
   * members who opened its records (from the audit trail), most recent first. Never a count or a
   * score per person.
   */
  async familyOverview(familyId: string): Promise<FamilyOverview> {
    const family = await this.db
      .selectFrom('families')
      .select(['unit_id', 'very_active'])
      .where('id', '=', familyId)
      .executeTakeFirstOrThrow();
    const discussions = await this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select([
        'meetings.id',
        'meetings.title',
        'meetings.date',
        'meetings.closed_at',
        'agenda_items.reached_at',
        'agenda_items.carried_from',
      ])
      .where('agenda_items.family_id', '=', familyId)
      .orderBy('meetings.date', 'desc')
      .execute();
    // `_` is a LIKE wildcard and ids contain it, so the family id is escaped.
    const discussionPattern = `discussion:%:${familyId.replace(/[\\%_]/g, '\\$&')}`;
    const opened = await this.db
      .selectFrom('audit_events')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'audit_events.actor_user_id')
          .on('memberships.unit_id', '=', family.unit_id),
      )
      .innerJoin('users', 'users.id', 'audit_events.actor_user_id')
      .select([
        'users.id',
        'users.name',
        'memberships.role',
        'audit_events.target',
        'audit_events.at',
      ])
      .where('audit_events.action', '=', 'document.opened')
      .where((eb) =>
        eb.or([
          eb('audit_events.target', '=', `family:${familyId}`),
          sql<boolean>`${eb.ref('audit_events.target')} like ${discussionPattern} escape '\\'`,
        ]),
      )
      .execute();
    const latest = new Map<
      string,
      { userId: string; name: string; role: string; lastAt: string }
    >();
    for (const row of opened) {
      const seen = latest.get(row.id);
      if (!seen || seen.lastAt < row.at)
        latest.set(row.id, { userId: row.id, name: row.name, role: row.role, lastAt: row.at });
    }
    return {
      discussions: discussions.map((row) => ({
        meetingId: row.id,
        meetingTitle: row.title,
        date: row.date,
        status: row.closed_at ? 'closed' : 'planned',
        reached: row.reached_at !== null,
        carriedFrom: row.carried_from,
      })),
      workedWith: [...latest.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt)),
      veryActive: family.very_active === 1,
    };
  }

  private async meeting(db: Kysely<Database>, meetingId: string): Promise<MeetingRow> {
    const meeting = await db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', meetingId)
      .executeTakeFirst();
    if (!meeting)
      throw new DomainError(
        'not_found',
        API_ERROR_CODES.NOT_FOUND,
        'No such meeting in your units.',
      );
    return meeting;
  }

  private async openMeeting(db: Kysely<Database>, meetingId: string): Promise<MeetingRow> {
    const meeting = await this.meeting(db, meetingId);
    if (meeting.closed_at) throw conflict('This meeting is closed, so it cannot change.');
    return meeting;
  }
}

type MeetingRow = Selectable<MeetingsTable>;
