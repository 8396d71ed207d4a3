import { DEFAULT_COLLAB_LIMITS, MAX_MESSAGE_BYTES, type CollabLimits } from '@unitroom/shared';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/signInThrottle.js';
import type { SessionLifetime } from './auth/sessions.js';
import type { DemoSeed } from './demo/seed.js';
import type { DocumentStore } from './storage/documentStore.js';

import type { AccessRevocations } from './revocation/revocations.js';
import type { CouncilSignInConfig } from './auth/councilSignIn.js';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Everything `createApp` needs; `main.ts` builds it from the environment, tests build it directly. */
export interface AppConfig {
  /** Directory for the embedded SQLite store. */
  dataDir: string;
  /** PostgreSQL instead of SQLite, for deployments of several processes. */
  database?: { url: string; schema?: string };
  /**
   * Several processes on one PostgreSQL: documents' updates and awareness, socket.io, the
   * meeting's live state (focus, timers, hands) and access revocations go through this Redis.
   * Every key and channel starts with `keyPrefix`.
   */
  redis?: { url: string; keyPrefix: string };
  /**
   * SQLite only: how long journaled updates wait before one transaction commits them
   * (`JOURNAL_COMMIT_INTERVAL_MS` by default). They are durable once journaled; this trades
   * bytes written for how much a restart replays.
   */
  journalCommitMs?: number;
  /**
   * How far back a document's attributed history is kept for restoring ([Y2]); 90 days
   * (`HISTORY_WINDOW_MS`) by default. Older history is pruned to the last checkpoint before it.
   */
  historyWindowMs?: number;
  /**
   * Wraps the document store the server opened (SQLite or PostgreSQL) before anything uses it:
   * a decorator seam, for instance to measure writes or to test a store that fails or is slow.
   */
  wrapDocumentStore?: (store: DocumentStore) => DocumentStore;
  /**
   * Exact origins allowed to open sockets and send state-changing requests. When absent, the
   * server allows its own `http://localhost:<port>` and `http://127.0.0.1:<port>` once listening.
   */
  allowedOrigins?: readonly string[];
  /** Allowed in addition to the defaults when `allowedOrigins` is absent (the Vite dev server). */
  extraOrigins?: readonly string[];
  /** Set the cookie's Secure flag; true everywhere but local development and tests over http. */
  secureCookies: boolean;
  /** Create the fictional demo unit when the store is empty, with or without its families' content. */
  seedDemo: DemoSeed;
  /** Built client to serve at `/`, or null to serve the API only. */
  clientDir: string | null;
  /** Progressive delays and a cap on wrong passwords, per account and per address ([I2]). */
  signInLimit: SignInLimits;
  /**
   * Proxies whose `X-Forwarded-For` is believed for the client's address (addresses, CIDR ranges
   * or Express's names such as `loopback`). Absent or empty: none, and the address is the TCP
   * peer's. Behind a reverse proxy, name it, or every person shares the proxy's address.
   */
  trustProxy?: readonly string[];
  /** Idle and absolute session lifetimes (12 h each by default). */
  sessionLifetime?: SessionLifetime;
  /** How often expired sessions are ended and their sockets closed (60 s by default). */
  sessionSweepMs?: number;
  /** The sessions' clock; tests move it forward instead of waiting hours. */
  sessionClock?: () => Date;
  /**
   * Council sign-in through the council's OpenID Connect provider (Entra ID or another): the
   * sign-in page then offers "Sign in with your council account". Absent: local accounts only.
   */
  councilSignIn?: CouncilSignInConfig;
  /** Offer the e-mail and password form of local accounts (default true). */
  passwordSignIn?: boolean;
  maxMessageBytes: number;
  /** Per-connection sizes and rates and sockets per user on the sync endpoint. */
  collabLimits: CollabLimits;
  /**
   * The referee of document updates (shared/SPEC.md [V1]-[V8]). `allowUnknownRoots` accepts
   * roots no document kind has: only for test suites that exercise sync with scratch roots;
   * never in production (`UNITROOM_ALLOW_UNKNOWN_ROOTS` is ignored there).
   */
  collabAuthority?: { allowUnknownRoots: boolean };
  logger: Logger;
  /**
   * How a member's removal reaches every process: over Redis when `redis` is set, in-process
   * otherwise; set to override either.
   */
  revocations?: AccessRevocations;
  /**
   * Give memory back to the system when the server falls idle ([H1]-[H3], `ops/idleMemory.ts`):
   * SQLite's page cache, glibc's free pages and, with `collectGarbage`, V8's heap. Off unless set
   * (`UNITROOM_RECLAIM_IDLE_MEMORY=true`).
   */
  reclaimIdleMemory?: boolean;
  /**
   * A full V8 garbage collection, run only with `reclaimIdleMemory`, once for a few seconds no
   * document has been loaded and no connection open, so that what a busy meeting left goes back
   * to the system at once rather than minutes later (see `ops/nativeHeap.ts`). Absent: V8 decides.
   */
  collectGarbage?: () => void;
}

export const quietLogger: Logger = { info: () => undefined, error: () => undefined };

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error ?? ''),
};

export function defaultConfig(
  overrides: Partial<AppConfig> & Pick<AppConfig, 'dataDir'>,
): AppConfig {
  return {
    secureCookies: false,
    seedDemo: 'off',
    clientDir: null,
    signInLimit: DEFAULT_SIGN_IN_LIMITS,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    collabLimits: DEFAULT_COLLAB_LIMITS,
    logger: quietLogger,
    ...overrides,
  };
}
