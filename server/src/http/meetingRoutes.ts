import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  ACTIONS_DUE_WITHIN_DAYS,
  API_ERROR_CODES,
  ID_PATTERN,
  addGuestRequestSchema,
  canManageMeetings,
  closeMeetingRequestSchema,
  createSeriesRequestSchema,
  setAgendaRequestSchema,
  setFamilyActivityRequestSchema,
  safeLine,
  type MemberRole,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Database } from '../db/schema.js';
import type { MeetingPlanner } from '../meetings/meetingPlanner.js';
import type { OpenItems } from '../meetings/openItems.js';
import { localIsoDate } from '../demo/seed.js';
import { HttpError } from './errors.js';

export interface MeetingRoutesOptions {
  db: Kysely<Database>;
  audit: AuditLog;
  planner: MeetingPlanner;
  openItems: OpenItems;
  /** Tells the rooms of the unit channel that a meeting closed. */
  onMeetingClosed: (meetingId: string, nextMeetingId: string) => void;
  /** Closes the open sockets of guests whose access ended (revoked, or the meeting closed). */
  revocations: AccessRevocations;
}

const notFound = (what: string) =>
  new HttpError(404, API_ERROR_CODES.NOT_FOUND, `No such ${what} in your units.`);
const forbidden = () =>
  new HttpError(
    403,
    API_ERROR_CODES.FORBIDDEN,
    'Only the unit coordinator or the consultant social worker can plan meetings.',
  );

/**
 * Planning the weekly meeting: series, agenda (with suggestions), time boxes, guests, closing
 * with carry-over; and the family's history. Members of the unit read; the coordinator and the
 * consultant change. Anyone else, guests included, gets 404, never learning what exists.
 */
export function meetingRoutes(options: MeetingRoutesOptions): Router {
  const { db, audit, planner, openItems } = options;
  const router = Router();

  async function roleIn(unitId: string | undefined, res: Response, what: string) {
    const userId = res.locals.user?.id;
    const membership = unitId && userId ? await activeMembership(db, userId, unitId) : undefined;
    if (!membership) throw notFound(what);
    return membership.role;
  }

  async function meetingRole(req: Request, res: Response) {
    const meetingId = String(req.params.meetingId);
    if (!ID_PATTERN.test(meetingId)) throw notFound('meeting');
    const meeting = await db
      .selectFrom('meetings')
      .select('unit_id')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return {
      meetingId,
      unitId: meeting?.unit_id ?? '',
      role: await roleIn(meeting?.unit_id, res, 'meeting'),
    };
  }

  async function familyRole(req: Request, res: Response) {
    const familyId = String(req.params.familyId);
    if (!ID_PATTERN.test(familyId)) throw notFound('family');
    const family = await db
      .selectFrom('families')
      .select('unit_id')
      .where('id', '=', familyId)
      .executeTakeFirst();
    return { familyId, role: await roleIn(family?.unit_id, res, 'family') };
  }

  const requireManager = (role: MemberRole) => {
    if (!canManageMeetings(role)) throw forbidden();
  };

  function body<S extends z.ZodType>(schema: S, req: Request, message: string): z.output<S> {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, API_ERROR_CODES.BAD_REQUEST, message);
    return parsed.data;
  }

  const record = (
    req: Request,
    res: Response,
    action: Parameters<AuditLog['record']>[0]['action'],
    target: string,
    detail: Record<string, unknown> = {},
  ) =>
    audit.record({ action, actorUserId: res.locals.user?.id ?? null, target, detail, ip: req.ip });

  /** Express 5 forwards rejected promises to the error handler, which answers HttpErrors. */
  type Handler = (req: Request, res: Response) => Promise<void>;
  const route = (handler: Handler) => (req: Request, res: Response) => handler(req, res);

  router.post(
    '/units/:unitId/meeting-series',
    route(async (req, res) => {
      const unitId = String(req.params.unitId);
      if (!ID_PATTERN.test(unitId)) throw notFound('unit');
      requireManager(await roleIn(unitId, res, 'unit'));
      const request = body(
        createSeriesRequestSchema,
        req,
        'Give a title, a first date (YYYY-MM-DD), a start time (HH:MM) and 1 to 12 weeks.',
      );
      const created = await planner.createSeries(unitId, request);
      await record(req, res, 'meeting.scheduled', `unit:${unitId}`, {
        seriesId: created.seriesId,
        meetings: created.meetingIds.length,
      });
      res.status(201).json(created);
    }),
  );

  router.get(
    '/meetings/:meetingId/plan',
    route(async (req, res) => {
      const { meetingId, role } = await meetingRole(req, res);
      res.json(await planner.plan(meetingId, canManageMeetings(role)));
    }),
  );

  router.put(
    '/meetings/:meetingId/agenda',
    route(async (req, res) => {
      const { meetingId, unitId, role } = await meetingRole(req, res);
      requireManager(role);
      const request = body(
        setAgendaRequestSchema,
        req,
        'Give the agenda as families in order, each once, with a time box of 5 to 240 minutes.',
      );
      const { removed } = await planner.setAgenda(meetingId, request);
      // A family off the agenda is off its guests' screens at once ([I5]).
      if (removed.length > 0)
        await options.revocations.publish({
          kind: 'agenda',
          unitId,
          meetingId,
          familyIds: removed,
        });
      await record(req, res, 'meeting.agenda-set', `meeting:${meetingId}`, {
        families: request.items.length,
      });
      res.json(await planner.plan(meetingId, true));
    }),
  );

  router.post(
    '/meetings/:meetingId/guests',
    route(async (req, res) => {
      const { meetingId, role } = await meetingRole(req, res);
      requireManager(role);
      const given = body(addGuestRequestSchema, req, "Give the guest's name and e-mail address.");
      // Bidi overrides and characters no document can hold never reach a name ([I7]).
      const request = { ...given, name: safeLine(given.name).trim() };
      if (!request.name)
        throw new HttpError(400, API_ERROR_CODES.BAD_REQUEST, "Give the guest's name.");
      const added = await planner.addGuest(meetingId, res.locals.user?.id ?? '', request);
      await record(req, res, 'meeting.guest-added', `meeting:${meetingId}`, {
        guestUserId: added.guest.userId,
        canEdit: added.guest.canEdit,
      });
      res.status(201).json(added);
    }),
  );

  router.delete(
    '/meetings/:meetingId/guests/:userId',
    route(async (req, res) => {
      const { meetingId, unitId, role } = await meetingRole(req, res);
      requireManager(role);
      const userId = String(req.params.userId);
      if (!ID_PATTERN.test(userId) || !(await planner.revokeGuest(meetingId, userId)))
        throw notFound('guest');
      await options.revocations.publish({ kind: 'guest', unitId, meetingId, userId });
      await record(req, res, 'meeting.guest-revoked', `meeting:${meetingId}`, {
        guestUserId: userId,
      });
      res.status(204).end();
    }),
  );

  router.post(
    '/meetings/:meetingId/close',
    route(async (req, res) => {
      const { meetingId, unitId, role } = await meetingRole(req, res);
      requireManager(role);
      const request = body(closeMeetingRequestSchema, req, 'Say which families were reached.');
      const closed = await planner.close(meetingId, request.reached);
      await record(req, res, 'meeting.closed', `meeting:${meetingId}`, {
        nextMeetingId: closed.nextMeetingId,
        carried: closed.carried.length,
      });
      options.onMeetingClosed(meetingId, closed.nextMeetingId);
      // Every guest of it loses access with the close ([M6]); told it closed first, just above.
      await options.revocations.publish({ kind: 'guest', unitId, meetingId, userId: null });
      res.json(closed);
    }),
  );

  router.put(
    '/families/:familyId/activity',
    route(async (req, res) => {
      const { familyId, role } = await familyRole(req, res);
      requireManager(role);
      const { veryActive } = body(setFamilyActivityRequestSchema, req, 'Say whether very active.');
      await planner.setFamilyActivity(familyId, veryActive);
      await record(req, res, 'family.activity-set', `family:${familyId}`, { veryActive });
      res.status(204).end();
    }),
  );

  router.get(
    '/families/:familyId/overview',
    route(async (req, res) => {
      const { familyId } = await familyRole(req, res);
      res.json(await planner.familyOverview(familyId));
    }),
  );

  router.get(
    '/families/:familyId/open-items',
    route(async (req, res) => {
      const { familyId } = await familyRole(req, res);
      const before = typeof req.query.before === 'string' ? req.query.before : undefined;
      if (before !== undefined && !ID_PATTERN.test(before)) throw notFound('meeting');
      res.json(await openItems.forFamily(familyId, before));
    }),
  );

  router.get(
    '/units/:unitId/actions-due',
    route(async (req, res) => {
      const unitId = String(req.params.unitId);
      if (!ID_PATTERN.test(unitId)) throw notFound('unit');
      await roleIn(unitId, res, 'unit');
      // The unit's own calendar day, from the page; the server's otherwise.
      const asked = typeof req.query.today === 'string' ? req.query.today : '';
      const today = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : localIsoDate(new Date());
      res.json({ actions: await openItems.dueInUnit(unitId, today, ACTIONS_DUE_WITHIN_DAYS) });
    }),
  );

  return router;
}
