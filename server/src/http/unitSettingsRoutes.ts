import { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  API_ERROR_CODES,
  ID_PATTERN,
  canChair,
  isReadOnlyRole,
  unitSettingsSchema,
  type UnitSettings,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Database } from '../db/schema.js';
import { sendError } from './errors.js';

/**
 * A unit's settings: any member reads them; the unit's chair (the consultant) changes them,
 * because switching the prompts off is a decision about how the unit works, not a personal view.
 */
export function unitSettingsRoutes(options: { db: Kysely<Database>; audit: AuditLog }): Router {
  const router = Router();

  async function readSettings(unitId: string): Promise<UnitSettings | null> {
    const unit = await options.db
      .selectFrom('units')
      .select('criteria_prompts')
      .where('id', '=', unitId)
      .executeTakeFirst();
    return unit ? { criteriaPromptsEnabled: Number(unit.criteria_prompts) !== 0 } : null;
  }

  router.get('/units/:unitId/settings', async (req, res, next) => {
    try {
      const { unitId } = req.params;
      const member =
        ID_PATTERN.test(unitId) &&
        (await activeMembership(options.db, res.locals.user?.id ?? '', unitId));
      const settings = member ? await readSettings(unitId) : null;
      if (!settings) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such unit among yours.');
        return;
      }
      res.json(settings);
    } catch (error) {
      next(error);
    }
  });

  router.put('/units/:unitId/settings', async (req, res, next) => {
    try {
      const { unitId } = req.params;
      const userId = res.locals.user?.id ?? '';
      const member =
        ID_PATTERN.test(unitId) && (await activeMembership(options.db, userId, unitId));
      if (!member) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such unit among yours.');
        return;
      }
      if (!canChair(member.role) || isReadOnlyRole(member.role)) {
        sendError(
          res,
          403,
          API_ERROR_CODES.FORBIDDEN,
          'Only the unit’s consultant can change how the unit works.',
        );
        return;
      }
      const parsed = unitSettingsSchema.safeParse(req.body);
      if (!parsed.success) {
        sendError(
          res,
          400,
          API_ERROR_CODES.BAD_REQUEST,
          'Send { criteriaPromptsEnabled: boolean }.',
        );
        return;
      }
      await options.db
        .updateTable('units')
        .set({ criteria_prompts: parsed.data.criteriaPromptsEnabled ? 1 : 0 })
        .where('id', '=', unitId)
        .execute();
      await options.audit.record({
        action: 'unit.settings-changed',
        actorUserId: userId,
        target: unitId,
        detail: { criteriaPromptsEnabled: parsed.data.criteriaPromptsEnabled },
        ip: req.ip ?? null,
      });
      res.json(await readSettings(unitId));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
