import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Kysely } from 'kysely';
import {
  API_ERROR_CODES,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  signInRequestSchema,
} from '@unitroom/shared';
import type { AccessRevocations } from '../access/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { sendError } from './errors.js';

export interface SessionRoutesOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  audit: AuditLog;
  secureCookies: boolean;
  signInLimit: { attempts: number; windowMs: number };
  /** Closes the sockets opened with a session when it ends. */
  revocations: AccessRevocations;
  /** False when this deployment signs in through the council's provider only. */
  passwordSignIn: boolean;
}

export function sessionRoutes(options: SessionRoutesOptions): Router {
  const router = Router();
  const { db, sessions, audit } = options;

  // Counted per address and e-mail, so one busy council NAT does not lock out a whole office,
  // while guessing one person's password is still capped.
  const limiter = rateLimit({
    windowMs: options.signInLimit.windowMs,
    limit: options.signInLimit.attempts,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}|${email}`;
    },
    handler: (req, res) => {
      void audit.record({
        action: 'sign-in.failed',
        target: String(req.body?.email ?? ''),
        detail: { reason: 'rate-limited' },
        ip: req.ip ?? null,
      });
      sendError(
        res,
        429,
        API_ERROR_CODES.TOO_MANY_ATTEMPTS,
        'Too many attempts. Wait 15 minutes and try again.',
      );
    },
  });

  router.post('/session', limiter, async (req, res, next) => {
    try {
      if (!options.passwordSignIn) {
        sendError(
          res,
          403,
          API_ERROR_CODES.FORBIDDEN,
          'Sign in with your council account instead.',
        );
        return;
      }
      const parsed = signInRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        sendError(res, 400, API_ERROR_CODES.BAD_REQUEST, 'Enter an email address and a password.');
        return;
      }
      const { email, password } = parsed.data;
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
      if (!user || !ok) {
        await audit.record({
          action: 'sign-in.failed',
          target: email,
          detail: { reason: 'invalid-credentials' },
          ip: req.ip ?? null,
        });
        sendError(
          res,
          401,
          API_ERROR_CODES.INVALID_CREDENTIALS,
          'The email address or password is not right.',
        );
        return;
      }
      const token = await sessions.create(user.id);
      await audit.record({
        action: 'sign-in',
        actorUserId: user.id,
        target: email,
        ip: req.ip ?? null,
      });
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        maxAge: SESSION_IDLE_MS,
      });
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  router.delete('/session', async (req, res, next) => {
    try {
      const token = sessionTokenFrom(req.headers.cookie);
      const user = await sessions.resolve(token);
      await sessions.destroy(token);
      if (user && token) {
        await options.revocations.publish({
          kind: 'session',
          userId: user.id,
          sessionId: sessionIdOf(token),
        });
        await audit.record({ action: 'sign-out', actorUserId: user.id, ip: req.ip ?? null });
      }
      res.clearCookie(SESSION_COOKIE, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
      });
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  return router;
}
