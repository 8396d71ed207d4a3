import { Router } from 'express';
import type { Kysely } from 'kysely';
import { API_ERROR_CODES, ID_PATTERN, canManageMembers } from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Database } from '../db/schema.js';
import { ensureConsultantRemains } from '../admin/administration.js';
import { DomainError } from '../domain/errors.js';
import { sendDomainError, sendError } from './errors.js';

/** The unit's membership, managed by its coordinator or consultant. */
export function memberRoutes(options: {
  db: Kysely<Database>;
  audit: AuditLog;
  revocations: AccessRevocations;
}): Router {
  const router = Router();
  const { db } = options;

  /**
   * Removes a member (softly: `removed_at`, so the audit trail keeps their history). Their open
   * sockets to the unit's documents and its live channel close at once, in every process.
   */
  router.delete('/units/:unitId/members/:userId', async (req, res, next) => {
    try {
      const { unitId, userId } = req.params;
      const actor = res.locals.user;
      if (!actor || !ID_PATTERN.test(unitId) || !ID_PATTERN.test(userId)) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such member in your units.');
        return;
      }
      const own = await activeMembership(db, actor.id, unitId);
      if (!own) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such member in your units.');
        return;
      }
      if (!canManageMembers(own.role)) {
        sendError(
          res,
          403,
          API_ERROR_CODES.FORBIDDEN,
          "Only the unit's coordinator or consultant can remove members.",
        );
        return;
      }
      if (userId === actor.id) {
        sendError(res, 400, API_ERROR_CODES.BAD_REQUEST, 'Ask a colleague to remove you.');
        return;
      }
      try {
        // [A4] The unit's last consultant stays until the administration names who takes over.
        await ensureConsultantRemains(db, unitId, userId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        sendDomainError(res, error);
        return;
      }
      const removed = await db
        .updateTable('memberships')
        .set({ removed_at: new Date().toISOString() })
        .where('unit_id', '=', unitId)
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (Number(removed.numUpdatedRows) === 0) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such member in your units.');
        return;
      }
      await options.revocations.publish({ kind: 'member', unitId, userId });
      await options.audit.record({
        action: 'member.removed',
        actorUserId: actor.id,
        target: userId,
        detail: { unitId },
        ip: req.ip ?? null,
      });
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  return router;
}
