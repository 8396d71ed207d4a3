import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { API_ERROR_CODES, parseDocName, restoreTargetSchema } from '@unitroom/shared';
import { documentAccessFor } from '../access/documentAccess.js';
import type { Database } from '../db/schema.js';
import type { DocumentRestore } from '../history/restore.js';
import { sendError } from './errors.js';

/**
 * A family's or a discussion's attributed history and its restore ([Y4], [Y5]). Members of the
 * unit read the history; members who may write restore. Anyone else, guests included, is
 * answered 404 whether or not the document exists.
 */
export function historyRoutes(options: { db: Kysely<Database>; restore: DocumentRestore }): Router {
  const router = Router();

  /** The document, if the caller is a member who may see (and, to restore, write) it. */
  async function documentFor(
    req: Request,
    res: Response,
    toWrite: boolean,
  ): Promise<string | null> {
    const docName = String(req.params.docName ?? '');
    const kind = parseDocName(docName)?.kind;
    const access =
      kind === 'family' || kind === 'discussion'
        ? await documentAccessFor(options.db, res.locals.user?.id ?? '', docName)
        : null;
    if (!access || access.role === 'guest') {
      sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such document in your units.');
      return null;
    }
    if (toWrite && access.readOnly) {
      sendError(res, 403, API_ERROR_CODES.FORBIDDEN, 'Your role reads this document only.');
      return null;
    }
    return docName;
  }

  router.get('/history/:docName', async (req, res, next) => {
    try {
      const docName = await documentFor(req, res, false);
      if (docName) res.json(await options.restore.history(docName));
    } catch (error) {
      next(error);
    }
  });

  for (const action of ['preview', 'restore'] as const) {
    router.post(`/history/:docName/${action}`, async (req, res, next) => {
      try {
        const docName = await documentFor(req, res, true);
        if (!docName) return;
        const target = restoreTargetSchema.safeParse((req.body as { target?: unknown })?.target);
        if (!target.success) {
          sendError(res, 400, API_ERROR_CODES.BAD_REQUEST, 'Choose a time or a person.');
          return;
        }
        const user = res.locals.user;
        res.json(
          action === 'preview'
            ? await options.restore.preview(docName, target.data)
            : await options.restore.restore(docName, target.data, {
                userId: user?.id ?? '',
                ip: req.ip ?? null,
              }),
        );
      } catch (error) {
        next(error);
      }
    });
  }

  return router;
}
