import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import { API_ERROR_CODES } from '@unitroom/shared';
import { loadMe } from '../access/me.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { sendError } from './errors.js';
import { requireAllowedOrigin, requireSession } from './requireSession.js';
import { sessionRoutes } from './sessionRoutes.js';
import { councilSignInRoutes } from './councilSignInRoutes.js';
import type { CouncilSignIn } from '../auth/councilSignIn.js';
import type { SignInThrottle } from '../auth/signInThrottle.js';
import { familyRoutes } from './familyRoutes.js';
import { memberRoutes } from './memberRoutes.js';
import type { AccessRevocations } from '../revocation/revocations.js';
import { unitSettingsRoutes } from './unitSettingsRoutes.js';
import { questionBankRoutes } from './questionBankRoutes.js';
import type { GenogramHistory } from '../history/genogramHistory.js';
import type { MeetingPlanner } from '../meetings/meetingPlanner.js';
import type { OpenItems } from '../meetings/openItems.js';
import { meetingRoutes } from './meetingRoutes.js';
import type { Finalisation } from '../finalisation/finalisation.js';
import { finalisationRoutes } from './finalisationRoutes.js';
import type { Exports } from '../export/exports.js';
import { exportRoutes } from './exportRoutes.js';
import type { AccountLinks } from '../admin/accountLinks.js';
import type { Administration } from '../admin/administration.js';
import { accountRoutes, adminRoutes } from './adminRoutes.js';
import type { Families } from '../families/families.js';
import { familyLifecycleRoutes } from './familyLifecycleRoutes.js';
import { historyRoutes } from './historyRoutes.js';
import type { DocumentRestore } from '../history/restore.js';

export interface ApiOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  audit: AuditLog;
  allowedOrigins: ReadonlySet<string>;
  secureCookies: boolean;
  signInThrottle: SignInThrottle;
  isHealthy: () => boolean;
  history: GenogramHistory;
  planner: MeetingPlanner;
  openItems: OpenItems;
  onMeetingClosed: (meetingId: string, nextMeetingId: string) => void;
  revocations: AccessRevocations;
  finalisation: Finalisation;
  exports: Exports;
  administration: Administration;
  links: AccountLinks;
  /** Null when council sign-in is not configured. */
  councilSignIn: CouncilSignIn | null;
  passwordSignIn: boolean;
  sessionCookieMs: number;
  log: (message: string, error?: unknown) => void;
  families: Families;
  restore: DocumentRestore;
}

export function apiRouter(options: ApiOptions): Router {
  const router = Router();
  router.use((_req, res, next) => {
    // Case data must never sit in a shared council PC's browser cache.
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/health', (_req, res) => {
    if (options.isHealthy()) res.json({ ok: true });
    else res.status(503).json({ ok: false });
  });
  router.use(express.json({ limit: '64kb' }));
  router.use(requireAllowedOrigin(options.allowedOrigins));
  router.use(councilSignInRoutes(options));
  router.use(sessionRoutes(options));
  // Before the routes that need a session: a one-time link is how a person without one gets in.
  router.use(accountRoutes(options));
  router.get('/me', requireSession(options.sessions), async (_req, res, next) => {
    try {
      const user = res.locals.user;
      if (!user) throw new Error('requireSession let an anonymous request through');
      res.json(await loadMe(options.db, user));
    } catch (error) {
      next(error);
    }
  });
  router.use(
    requireSession(options.sessions),
    familyRoutes(options),
    meetingRoutes(options),
    questionBankRoutes(options),
    memberRoutes(options),
  );
  router.use(requireSession(options.sessions), finalisationRoutes(options));
  router.use(requireSession(options.sessions), exportRoutes(options));
  router.use(requireSession(options.sessions), unitSettingsRoutes(options));
  router.use(requireSession(options.sessions), adminRoutes(options));
  router.use(requireSession(options.sessions), familyLifecycleRoutes(options));
  router.use(requireSession(options.sessions), historyRoutes(options));
  router.use((_req, res) =>
    sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'No such address in the Unitroom API.'),
  );
  return router;
}
