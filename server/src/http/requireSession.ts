import type { RequestHandler } from 'express';
import { API_ERROR_CODES } from '@unitroom/shared';
import { sessionTokenFrom } from '../auth/cookies.js';
import type { SessionUser, Sessions } from '../auth/sessions.js';
import { isOriginAllowed } from '../auth/origin.js';
import { sendError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Locals {
    user?: SessionUser;
  }
}

export function requireSession(sessions: Sessions): RequestHandler {
  return (req, res, next) => {
    sessions
      .resolve(sessionTokenFrom(req.headers.cookie))
      .then((user) => {
        if (!user) {
          sendError(res, 401, API_ERROR_CODES.UNAUTHENTICATED, 'Please sign in.');
          return;
        }
        res.locals.user = user;
        next();
      })
      .catch(next);
  };
}

/**
 * Requests that change state must come from our own pages. SameSite=Strict already keeps the
 * cookie off cross-site requests; the Origin check is the second lock on the same door.
 */
export function requireAllowedOrigin(allowedOrigins: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    if (!isOriginAllowed(req.headers.origin, allowedOrigins)) {
      sendError(
        res,
        403,
        API_ERROR_CODES.ORIGIN_NOT_ALLOWED,
        'This request did not come from Unitroom.',
      );
      return;
    }
    next();
  };
}
