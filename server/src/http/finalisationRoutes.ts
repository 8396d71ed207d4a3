import { Router, type Request, type Response } from 'express';
import {
  addAddendumRequestSchema,
  finalisationSettingsSchema,
  API_ERROR_CODES,
} from '@unitroom/shared';
import type { Actor, Finalisation } from '../finalisation/finalisation.js';
import { HttpError } from './errors.js';

/** Marking minutes ready, approving them, addenda and the unit's approval setting. */
export function finalisationRoutes(options: { finalisation: Finalisation }): Router {
  const { finalisation } = options;
  const router = Router();
  const base = '/meetings/:meetingId/discussions/:familyId';

  router.get('/meetings/:meetingId/discussions', async (req, res, next) => {
    try {
      res.json(await finalisation.meetingDiscussions(actorOf(req, res), req.params.meetingId));
    } catch (error) {
      next(error);
    }
  });

  router.get('/families/:familyId/discussions', async (req, res, next) => {
    try {
      res.json(await finalisation.familyDiscussions(actorOf(req, res), req.params.familyId));
    } catch (error) {
      next(error);
    }
  });

  router.get(base, async (req, res, next) => {
    try {
      const { meetingId, familyId } = req.params as { meetingId: string; familyId: string };
      res.json(await finalisation.status(actorOf(req, res), meetingId, familyId));
    } catch (error) {
      next(error);
    }
  });

  // [C2][C6] What the prompts panel needs beyond the documents: genogram used, board contributors.
  router.get(`${base}/activity`, async (req, res, next) => {
    try {
      const { meetingId, familyId } = req.params as { meetingId: string; familyId: string };
      res.json(await finalisation.activity(actorOf(req, res), meetingId, familyId));
    } catch (error) {
      next(error);
    }
  });

  for (const [path, step] of [
    ['ready', 'markReady'],
    ['reopen', 'reopen'],
    ['approve', 'approve'],
  ] as const) {
    router.post(`${base}/${path}`, async (req, res, next) => {
      try {
        const { meetingId, familyId } = req.params as { meetingId: string; familyId: string };
        res.json(await finalisation[step](actorOf(req, res), meetingId, familyId));
      } catch (error) {
        next(error);
      }
    });
  }

  router.post(`${base}/addenda`, async (req, res, next) => {
    try {
      const body = addAddendumRequestSchema.safeParse(req.body);
      if (!body.success) {
        throw new HttpError(
          400,
          API_ERROR_CODES.BAD_REQUEST,
          'An addendum needs some text (at most 10,000 characters).',
        );
      }
      const { meetingId, familyId } = req.params as { meetingId: string; familyId: string };
      res
        .status(201)
        .json(
          await finalisation.addAddendum(actorOf(req, res), meetingId, familyId, body.data.text),
        );
    } catch (error) {
      next(error);
    }
  });

  router.get('/units/:unitId/settings/finalisation', async (req, res, next) => {
    try {
      res.json(await finalisation.settings(actorOf(req, res), req.params.unitId));
    } catch (error) {
      next(error);
    }
  });

  router.put('/units/:unitId/settings/finalisation', async (req, res, next) => {
    try {
      const body = finalisationSettingsSchema.safeParse(req.body);
      if (!body.success) {
        throw new HttpError(400, API_ERROR_CODES.BAD_REQUEST, 'Say whether approval is required.');
      }
      res.json(await finalisation.changeSettings(actorOf(req, res), req.params.unitId, body.data));
    } catch (error) {
      next(error);
    }
  });

  return router;
}

export function actorOf(req: Request, res: Response): Actor {
  const user = res.locals.user;
  if (!user) throw new Error('requireSession let an anonymous request through');
  return { id: user.id, name: user.name, ip: req.ip ?? null };
}
