import { Router, type Response } from 'express';
import { API_ERROR_CODES, exportFormatSchema, type ExportFormat } from '@unitroom/shared';
import type { ExportFile, Exports } from '../export/exports.js';
import { HttpError } from './errors.js';
import { actorOf } from './finalisationRoutes.js';

/** Downloads of finalised minutes and case notes, as DOCX, PDF or plain text. */
export function exportRoutes(options: { exports: Exports }): Router {
  const { exports } = options;
  const router = Router();

  router.get('/meetings/:meetingId/export/minutes/:format', async (req, res, next) => {
    try {
      const format = formatOf(req.params.format);
      send(res, await exports.meetingMinutes(actorOf(req, res), req.params.meetingId, format));
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/meetings/:meetingId/discussions/:familyId/export/minutes/:format',
    async (req, res, next) => {
      try {
        const { meetingId, familyId } = req.params as { meetingId: string; familyId: string };
        const format = formatOf(req.params.format as string);
        send(res, await exports.discussionMinutes(actorOf(req, res), meetingId, familyId, format));
      } catch (error) {
        next(error);
      }
    },
  );

  router.get(
    '/meetings/:meetingId/discussions/:familyId/export/case-notes/:childId/:format',
    async (req, res, next) => {
      try {
        const { meetingId, familyId, childId } = req.params as Record<string, string>;
        const format = formatOf(req.params.format as string);
        send(
          res,
          await exports.caseNote(actorOf(req, res), meetingId!, familyId!, childId!, format),
        );
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}

function formatOf(value: string): ExportFormat {
  const format = exportFormatSchema.safeParse(value);
  if (!format.success) {
    throw new HttpError(404, API_ERROR_CODES.NOT_FOUND, 'Exports come as docx, pdf or txt.');
  }
  return format.data;
}

function send(res: Response, file: ExportFile): void {
  res
    .status(200)
    .type(file.contentType)
    .set('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .send(file.body);
}
