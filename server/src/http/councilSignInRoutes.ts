import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  COUNCIL_CALLBACK_PATH,
  COUNCIL_SIGN_IN_PATH,
  SESSION_COOKIE,
  type SignInOptions,
} from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import {
  CouncilSignInRefused,
  PENDING_SIGN_IN_MS,
  type CouncilSignIn,
  type PendingSignIn,
} from '../auth/councilSignIn.js';
import type { Sessions } from '../auth/sessions.js';

export interface CouncilSignInRoutesOptions {
  sessions: Sessions;
  audit: AuditLog;
  secureCookies: boolean;
  /** Null when council sign-in is not configured. */
  councilSignIn: CouncilSignIn | null;
  /** Whether the e-mail and password form is offered (and `POST /api/session` accepted). */
  passwordSignIn: boolean;
  /** The session cookie's lifetime. */
  sessionCookieMs: number;
  log: (message: string, error?: unknown) => void;
}

/** The cookie that carries the PKCE verifier, state and nonce across the trip to the provider. */
const PENDING_COOKIE = 'unitroom_council_sign_in';
const pendingSchema = z.object({
  verifier: z.string().min(43).max(128),
  state: z.string().min(1).max(256),
  nonce: z.string().min(1).max(256),
  returnTo: z.string().max(2048),
  expires: z.number(),
});

/** Only a path of our own app, never another site (`//evil.example`) or the API. */
function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?!\/)[^\\\s]*$/.test(value) || value.startsWith('/api'))
    return '/';
  return value.slice(0, 2048);
}

function readPending(req: Request): PendingSignIn | null {
  const raw = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${PENDING_COOKIE}=`))
    ?.slice(PENDING_COOKIE.length + 1);
  if (!raw) return null;
  try {
    const parsed = pendingSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `GET /api/sign-in/options` (what the sign-in page offers), and council sign-in:
 * `GET /api/sign-in/council` sends the browser to the provider, `GET .../callback` takes it back,
 * signs the person in and goes on to where they were going, or to the sign-in page with a reason
 * (`?council=not-known`: "ask your administrator") and no session.
 */
export function councilSignInRoutes(options: CouncilSignInRoutesOptions): Router {
  const router = Router();
  const { councilSignIn, audit, sessions } = options;
  // Lax, not Strict: the provider's redirect back to us is a navigation from another site.
  const pendingCookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
    path: COUNCIL_SIGN_IN_PATH,
  };

  router.get('/sign-in/options', (_req, res) => {
    const answer: SignInOptions = {
      password: options.passwordSignIn,
      council: councilSignIn !== null,
    };
    res.json(answer);
  });
  if (!councilSignIn) return router;

  const refuse = (req: Request, res: Response, refusal: CouncilSignInRefused) => {
    void audit.recordRefusal({
      action: 'sign-in.failed',
      reason: `council-${refusal.reason}`,
      target: refusal.email,
      detail: { method: 'council', reason: refusal.reason, why: refusal.detail },
      ip: req.ip ?? null,
    });
    res.clearCookie(PENDING_COOKIE, pendingCookie);
    res.redirect(303, `/sign-in?council=${refusal.reason}`);
  };

  router.get(COUNCIL_SIGN_IN_PATH.replace(/^\/api/, ''), async (req, res) => {
    let started: Awaited<ReturnType<CouncilSignIn['begin']>>;
    try {
      started = await councilSignIn.begin(safeReturnPath(req.query.from));
    } catch (error) {
      // The provider could not be reached: say so on the sign-in page rather than a bare 500.
      options.log('council sign-in could not start', error);
      refuse(req, res, new CouncilSignInRefused('failed', 'the provider could not be reached'));
      return;
    }
    const { url, pending } = started;
    res.cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      ...pendingCookie,
      maxAge: PENDING_SIGN_IN_MS,
    });
    res.redirect(303, url);
  });

  router.get(COUNCIL_CALLBACK_PATH.replace(/^\/api/, ''), async (req, res, next) => {
    const pending = readPending(req);
    let signedIn: Awaited<ReturnType<CouncilSignIn['complete']>>;
    try {
      const search = new URL(req.originalUrl, 'http://callback.invalid').search;
      signedIn = await councilSignIn.complete(search, pending);
    } catch (error) {
      if (!(error instanceof CouncilSignInRefused)) options.log('council sign-in failed', error);
      refuse(
        req,
        res,
        error instanceof CouncilSignInRefused
          ? error
          : new CouncilSignInRefused('failed', 'the provider could not be reached'),
      );
      return;
    }
    try {
      const { userId, email, linked } = signedIn;
      const token = await sessions.create(userId);
      await audit.record({
        action: 'sign-in',
        actorUserId: userId,
        target: email,
        detail: { method: 'council', linked },
        ip: req.ip ?? null,
      });
      res.clearCookie(PENDING_COOKIE, pendingCookie);
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        maxAge: options.sessionCookieMs,
      });
      res.redirect(303, pending?.returnTo ?? '/');
    } catch (error) {
      next(error);
    }
  });

  return router;
}
