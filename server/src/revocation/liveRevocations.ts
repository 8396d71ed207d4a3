import type { Kysely } from 'kysely';
import type { Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { OpenConnections } from '../extensions/openConnections.js';
import type { UnitChannel } from '../unitChannel/unitChannel.js';
import { enforceRevocation } from './enforceRevocation.js';
import type { AccessRevocations } from './revocations.js';

/** How often expired sessions are looked for, so their open sockets close within this long. */
export const SESSION_SWEEP_MS = 60_000;

/**
 * Keeps open sockets true to access as it changes: every revocation heard closes the sockets it
 * covers in this process, and a session that ends by expiry is announced as signing out is
 * ([I4]), whether a request noticed it or the periodic sweep did. Returns the stop.
 */
export function enforceRevocationsLive(options: {
  db: Kysely<Database>;
  revocations: AccessRevocations;
  sessions: Sessions;
  openConnections: OpenConnections;
  unitChannel: UnitChannel;
  sessionSweepMs: number | undefined;
  log: (message: string, error?: unknown) => void;
}): () => void {
  const { db, revocations, sessions, openConnections, unitChannel, log } = options;
  const stopRevoking = revocations.subscribe((revocation) => {
    enforceRevocation(revocation, { db, openConnections, unitChannel }).catch((error: unknown) =>
      log(`closing the sockets of a ${revocation.kind} revocation failed`, error),
    );
  });
  // A session that ends by expiry closes its sockets as signing out does ([I4]), whether a request
  // noticed it or the sweep below did.
  const stopEnding = sessions.onEnded((userId, sessionId) => {
    revocations
      .publish({ kind: 'session', userId, sessionId })
      .catch((error: unknown) => log('announcing an expired session failed', error));
  });
  const sweeping = setInterval(() => {
    sessions.sweep().catch((error: unknown) => log('sweeping expired sessions failed', error));
  }, options.sessionSweepMs ?? SESSION_SWEEP_MS);
  sweeping.unref();
  return () => {
    clearInterval(sweeping);
    stopEnding();
    stopRevoking();
  };
}
