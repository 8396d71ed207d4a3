import { CLOSE_CODES } from '@unitroom/shared';
import type { Kysely } from 'kysely';
import { Refusal, type Extension } from '../collab/types.js';
import { documentAccessFor } from '../access/documentAccess.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import { isOriginAllowed } from '../auth/origin.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';

/**
 * Decides, once per socket, who it is and what it may do: exact Origin, a live session cookie,
 * membership of the unit that owns the document. The session travels in the cookie, never in
 * the URL.
 */
export function authExtension(options: {
  db: Kysely<Database>;
  sessions: Sessions;
  allowedOrigins: ReadonlySet<string>;
}): Extension {
  return {
    async onAuthenticate(request) {
      if (!isOriginAllowed(request.headers.origin, options.allowedOrigins)) {
        throw new Refusal(CLOSE_CODES.ORIGIN_NOT_ALLOWED, 'origin not allowed');
      }
      const token = sessionTokenFrom(request.headers.cookie);
      const user = await options.sessions.resolve(token);
      if (!user || !token) throw new Refusal(CLOSE_CODES.UNAUTHENTICATED, 'sign in first');
      const access = await documentAccessFor(options.db, user.id, request.docName);
      if (!access) throw new Refusal(CLOSE_CODES.FORBIDDEN, 'not a member of this unit');
      return {
        user: { id: user.id, name: user.name },
        role: access.role,
        readOnly: access.readOnly,
        unitId: access.unitId,
        sessionId: sessionIdOf(token),
      };
    },
  };
}
