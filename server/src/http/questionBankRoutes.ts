import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import {
  API_ERROR_CODES,
  DEFAULT_QUESTION_BANK,
  ID_PATTERN,
  isReadOnlyRole,
  questionBankSchema,
  saveQuestionBankRequestSchema,
  type UnitQuestionBank,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Database } from '../db/schema.js';
import { sendError } from './errors.js';

/**
 * A unit's question bank (shared/SPEC.md [Q1]-[Q3]): read by any member, saved whole by members
 * who may write, with the version it was edited from so a concurrent save is refused, not lost.
 */
export function questionBankRoutes(options: { db: Kysely<Database>; audit: AuditLog }): Router {
  const router = Router();
  const { db } = options;

  async function membershipFor(unitId: string, res: Response) {
    const userId = res.locals.user?.id ?? '';
    const membership = ID_PATTERN.test(unitId)
      ? await activeMembership(db, userId, unitId)
      : undefined;
    if (!membership) sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such unit of yours.');
    return membership;
  }

  async function current(unitId: string): Promise<UnitQuestionBank> {
    const row = await db
      .selectFrom('unit_question_banks')
      .select(['bank', 'version'])
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (!row) return { bank: [...DEFAULT_QUESTION_BANK], version: 0, custom: false };
    return {
      bank: questionBankSchema.parse(JSON.parse(row.bank)),
      version: row.version,
      custom: true,
    };
  }

  function refuseReadOnly(role: Parameters<typeof isReadOnlyRole>[0], res: Response): boolean {
    if (!isReadOnlyRole(role)) return false;
    sendError(res, 403, API_ERROR_CODES.FORBIDDEN, 'You have read-only access to this unit.');
    return true;
  }

  router.get('/units/:unitId/question-bank', async (req, res, next) => {
    try {
      if (!(await membershipFor(req.params.unitId, res))) return;
      res.json(await current(req.params.unitId));
    } catch (error) {
      next(error);
    }
  });

  router.put('/units/:unitId/question-bank', async (req, res, next) => {
    try {
      const { unitId } = req.params;
      const membership = await membershipFor(unitId, res);
      if (!membership || refuseReadOnly(membership.role, res)) return;
      const parsed = saveQuestionBankRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        sendError(
          res,
          400,
          API_ERROR_CODES.BAD_REQUEST,
          `The question bank is not valid${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`,
        );
        return;
      }
      const { bank, version } = parsed.data;
      const userId = res.locals.user?.id ?? '';
      const values = {
        bank: JSON.stringify(bank),
        version: version + 1,
        updated_at: new Date().toISOString(),
        updated_by: userId,
      };
      // The version check and the write are one statement, so two saves cannot both win.
      const written =
        version === 0
          ? await db
              .insertInto('unit_question_banks')
              .values({ unit_id: unitId, ...values })
              .onConflict((oc) => oc.column('unit_id').doNothing())
              .executeTakeFirst()
          : await db
              .updateTable('unit_question_banks')
              .set(values)
              .where('unit_id', '=', unitId)
              .where('version', '=', version)
              .executeTakeFirst();
      const count =
        'numInsertedOrUpdatedRows' in written
          ? Number(written.numInsertedOrUpdatedRows ?? 0)
          : Number(written.numUpdatedRows);
      if (count !== 1) {
        sendError(
          res,
          409,
          API_ERROR_CODES.CONFLICT,
          'Someone else changed the question bank first. It has been reloaded: make your change again.',
        );
        return;
      }
      await options.audit.record({
        action: 'question-bank.saved',
        actorUserId: userId,
        target: unitId,
        detail: { version: version + 1, templates: bank.length },
      });
      res.json({ bank, version: version + 1, custom: true } satisfies UnitQuestionBank);
    } catch (error) {
      next(error);
    }
  });

  router.delete('/units/:unitId/question-bank', async (req, res, next) => {
    try {
      const { unitId } = req.params;
      const membership = await membershipFor(unitId, res);
      if (!membership || refuseReadOnly(membership.role, res)) return;
      await db.deleteFrom('unit_question_banks').where('unit_id', '=', unitId).execute();
      await options.audit.record({
        action: 'question-bank.restored',
        actorUserId: res.locals.user?.id ?? null,
        target: unitId,
      });
      res.json(await current(unitId));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
