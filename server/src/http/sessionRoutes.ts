import { Router } from 'express';
import type { Kysely } from 'kysely';
import { API_ERROR_CODES, SESSION_COOKIE, signInRequestSchema } from '@unitroom/shared';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import {
  dummyPasswordHash,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../auth/passwords.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { SignInThrottle } from '../auth/signInThrottle.js';
import type { Database } from '../db/schema.js';
import { sendError } from './errors.js';

export interface SessionRoutesOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  audit: AuditLog;
  secureCookies: boolean;
  signInThrottle: SignInThrottle;
  /** Closes the sockets opened with a session when it ends. */
  revocations: AccessRevocations;
  /** False when this deployment signs in through the council's provider only. */
  passwordSignIn: boolean;
}

export function sessionRoutes(options: SessionRoutesOptions): Router {
  const router = Router();
  const { db, sessions, audit, signInThrottle: throttle } = options;

  router.post('/session', async (req, res, next) => {
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
      const address = req.ip ?? 'unknown';
      // Too soon after wrong passwords: refused before the password is even looked at ([I2]).
      const verdict = throttle.check(email, address);
      if (!verdict.allowed) {
        const seconds = Math.ceil(verdict.retryAfterMs / 1000);
        await audit.recordRefusal({
          action: 'sign-in.failed',
          reason: 'slowed-down',
          target: email,
          detail: { reason: 'slowed-down' },
          ip: req.ip ?? null,
        });
        res.set('Retry-After', String(seconds));
        sendError(
          res,
          429,
          API_ERROR_CODES.TOO_MANY_ATTEMPTS,
          `Too many attempts. Wait ${seconds} seconds and try again.`,
        );
        return;
      }
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
      // [A7] A deactivated person cannot sign in; the answer does not say so to a guesser.
      if (!user || !ok || user.deactivated_at !== null) {
        throttle.failed(email, address);
        await audit.recordRefusal({
          action: 'sign-in.failed',
          reason: 'invalid-credentials',
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
      throttle.succeeded(email, address);
      if (passwordNeedsRehash(user.password_hash)) {
        await db
          .updateTable('users')
          .set({ password_hash: await hashPassword(password) })
          .where('id', '=', user.id)
          .execute();
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
        maxAge: sessions.cookieMaxAgeMs,
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
