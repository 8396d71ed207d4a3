import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { ZodType } from 'zod';
import {
  API_ERROR_CODES,
  ID_PATTERN,
  MAX_FAMILY_NAME_CHARS,
  closeFamilyRequestSchema,
  openFamilyRequestSchema,
  transferFamilyRequestSchema,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Families, FamilyActor } from '../families/families.js';
import { sendDomainError, sendError } from './errors.js';

/**
 * Families' lifecycle over REST ([F6]-[F11]): open, read, check before closing, transfer, close,
 * reopen. The service decides; this file reads requests and maps its refusals to statuses.
 */
export function familyLifecycleRoutes(options: {
  db: Kysely<Database>;
  families: Families;
}): Router {
  const router = Router();
  const { families, db } = options;

  const actorOf = (res: Response, ip: string | undefined): FamilyActor => {
    const user = res.locals.user;
    if (!user) throw new Error('requireSession let an anonymous request through');
    return { id: user.id, name: user.name, ip: ip ?? null };
  };

  /** Runs `work`, answering a refusal with its status and code. */
  const handle =
    (work: (req: Parameters<Parameters<Router['get']>[1]>[0], res: Response) => Promise<void>) =>
    async (
      req: Parameters<Parameters<Router['get']>[1]>[0],
      res: Response,
      next: (e?: unknown) => void,
    ) => {
      try {
        await work(req, res);
      } catch (error) {
        if (error instanceof DomainError) {
          sendDomainError(res, error);
          return;
        }
        next(error);
      }
    };

  function parse<T>(schema: ZodType<T>, body: unknown, res: Response): T | null {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    if (path[0] === 'name') {
      sendError(
        res,
        400,
        API_ERROR_CODES.FAMILY_NAME_INVALID,
        `Give the family a name of 1 to ${MAX_FAMILY_NAME_CHARS} characters.`,
      );
    } else if (path[0] === 'children') {
      const row = typeof path[1] === 'number' ? `Child ${path[1] + 1}` : 'Children';
      const field = String(path[2] ?? '');
      const what =
        field === 'birthDate'
          ? 'give the date as YYYY-MM-DD (or just the year)'
          : field === 'caseRecordId'
            ? 'the case record id may hold letters, digits, spaces and . / _ - (up to 100)'
            : field === 'name'
              ? 'give a name of 1 to 200 characters'
              : 'check this child';
      sendError(res, 400, API_ERROR_CODES.CHILD_INVALID, `${row}: ${what}.`);
    } else {
      sendError(res, 400, API_ERROR_CODES.BAD_REQUEST, 'The request could not be read.');
    }
    return null;
  }

  const validId = (id: string, res: Response, what = 'family') => {
    if (ID_PATTERN.test(id)) return true;
    sendError(res, 404, API_ERROR_CODES.NOT_FOUND, `No such ${what} in your units.`);
    return false;
  };

  router.post(
    '/units/:unitId/families',
    handle(async (req, res) => {
      const unitId = String(req.params.unitId);
      if (!validId(unitId, res, 'unit')) return;
      const body = parse(openFamilyRequestSchema, req.body, res);
      if (!body) return;
      const familyId = await families.open(actorOf(res, req.ip), unitId, body);
      res.status(201).json(await families.detail(actorOf(res, req.ip), familyId));
    }),
  );

  /** Who can lead the work with a family: the unit's members who may write. */
  router.get(
    '/units/:unitId/lead-workers',
    handle(async (req, res) => {
      const unitId = String(req.params.unitId);
      if (!validId(unitId, res, 'unit')) return;
      if (!(await activeMembership(db, actorOf(res, req.ip).id, unitId))) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such unit.');
        return;
      }
      const members = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name', 'memberships.role'])
        .where('memberships.unit_id', '=', unitId)
        .where('memberships.removed_at', 'is', null)
        .where('memberships.role', '!=', 'manager')
        .orderBy('users.name')
        .execute();
      res.json({ members });
    }),
  );

  router.get(
    '/families/:familyId',
    handle(async (req, res) => {
      const familyId = String(req.params.familyId);
      if (!validId(familyId, res)) return;
      res.json(await families.detail(actorOf(res, req.ip), familyId));
    }),
  );

  router.get(
    '/families/:familyId/closing-check',
    handle(async (req, res) => {
      const familyId = String(req.params.familyId);
      if (!validId(familyId, res)) return;
      res.json(await families.closingCheck(actorOf(res, req.ip), familyId));
    }),
  );

  router.post(
    '/families/:familyId/transfer',
    handle(async (req, res) => {
      const familyId = String(req.params.familyId);
      if (!validId(familyId, res)) return;
      const body = parse(transferFamilyRequestSchema, req.body, res);
      if (!body) return;
      if (!ID_PATTERN.test(body.toUnitId)) {
        sendError(
          res,
          400,
          API_ERROR_CODES.UNIT_ARCHIVED,
          'That unit is archived or does not exist; a family can only move to a working unit.',
        );
        return;
      }
      await families.transfer(actorOf(res, req.ip), familyId, body.toUnitId);
      res.status(204).end();
    }),
  );

  router.post(
    '/families/:familyId/close',
    handle(async (req, res) => {
      const familyId = String(req.params.familyId);
      if (!validId(familyId, res)) return;
      const body = closeFamilyRequestSchema.safeParse(req.body);
      if (!body.success) {
        sendError(
          res,
          400,
          API_ERROR_CODES.BAD_REQUEST,
          'Write a short closing summary (up to 2,000 characters).',
        );
        return;
      }
      const actor = actorOf(res, req.ip);
      await families.close(actor, familyId, body.data.summary);
      res.json(await families.detail(actor, familyId));
    }),
  );

  router.post(
    '/families/:familyId/reopen',
    handle(async (req, res) => {
      const familyId = String(req.params.familyId);
      if (!validId(familyId, res)) return;
      const actor = actorOf(res, req.ip);
      await families.reopen(actor, familyId);
      res.json(await families.detail(actor, familyId));
    }),
  );

  return router;
}
