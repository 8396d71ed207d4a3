import { Router } from 'express';
import type { Kysely } from 'kysely';
import { API_ERROR_CODES, ID_PATTERN, asFamilyId, familyDocName } from '@unitroom/shared';
import { documentAccessFor } from '../access/documentAccess.js';
import type { Database } from '../db/schema.js';
import type { GenogramHistory } from '../history/genogramHistory.js';
import { sendError } from './errors.js';

/**
 * The family's history: its genogram as it stood at each meeting that discussed it. Members
 * only: a guest reads the family as it stands today, never the unit's history of it ([M6], [M9]).
 */
export function familyRoutes(options: { db: Kysely<Database>; history: GenogramHistory }): Router {
  const router = Router();

  /** Resolves the family for a member of its unit, or answers 404 (never revealing existence). */
  async function familyFor(familyId: string, userId: string): Promise<string | null> {
    if (!ID_PATTERN.test(familyId)) return null;
    const access = await documentAccessFor(options.db, userId, familyDocName(asFamilyId(familyId)));
    return access && access.role !== 'guest' ? familyId : null;
  }

  router.get('/families/:familyId/genograms', async (req, res, next) => {
    try {
      const familyId = await familyFor(req.params.familyId, res.locals.user?.id ?? '');
      if (!familyId) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such family in your units.');
        return;
      }
      res.json({ snapshots: await options.history.list(familyId) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/families/:familyId/genograms/:meetingId', async (req, res, next) => {
    try {
      const familyId = await familyFor(req.params.familyId, res.locals.user?.id ?? '');
      const state = familyId ? await options.history.state(familyId, req.params.meetingId) : null;
      if (!state) {
        sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No genogram was kept for that meeting.');
        return;
      }
      res.type('application/octet-stream').send(Buffer.from(state));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
