import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { COUNCIL_CALLBACK_PATH } from '@unitroom/shared';
import type { CouncilSignInConfig } from './auth/councilSignIn.js';
import { consoleLogger, defaultConfig } from './config.js';
import type { DemoSeed } from './demo/seed.js';
import { startEventLoopStats } from './ops/eventLoopStats.js';
import { mainThreadWork } from './ops/mainThreadWork.js';
import { exposedGarbageCollector } from './ops/idleMemory.js';

/**
 * The only module that reads the environment. Everything below receives plain configuration.
 *
 * PORT (3000) · DATA_DIR (./data) · ALLOWED_ORIGINS (comma-separated; default: this server's own
 * localhost origins) · NODE_ENV (unset or development: cookies without Secure; production: no
 * demo) · SEED_DEMO (override: true, blank or false) ·
 * DATABASE_URL (PostgreSQL instead of the embedded SQLite) ·
 * REDIS_URL (several processes on one PostgreSQL: relay documents, socket.io, the meeting's live
 * state and access revocations through Redis) · REDIS_KEY_PREFIX (unitroom:; every Redis key and
 * channel starts with it) · DATABASE_SCHEMA (PostgreSQL schema instead of public) ·
 * JOURNAL_COMMIT_MS (SQLite: how long journaled updates wait before SQLite commits them; 30 000) ·
 * Council sign-in (docs/sign-in.md): OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
 * OIDC_ALLOWED_DOMAINS (comma-separated), OIDC_REDIRECT_URL (default: the first allowed origin
 * followed by /api/sign-in/council/callback) · PASSWORD_SIGN_IN (false: council sign-in only)
 */
const env = process.env;
const production = env.NODE_ENV === 'production';
// Giving memory back when idle ([H1]-[H3]): off unless asked for (docs/operations.md).
const reclaimIdleMemory = env.UNITROOM_RECLAIM_IDLE_MEMORY === 'true';
// `npm start` runs without NODE_ENV: that is development, over plain http on localhost.
const development = env.NODE_ENV === undefined || env.NODE_ENV === 'development';
const port = Number(env.PORT ?? 3000);
const here = path.dirname(fileURLToPath(import.meta.url));

/** SEED_DEMO: `true` the full demo, `blank` the unit with empty genograms and boards, else none. */
function demoSeed(value: string | undefined): DemoSeed {
  if (value === undefined || value === '') return production ? 'off' : 'full';
  if (value === 'true') return 'full';
  if (value === 'blank') return 'blank';
  return 'off';
}

if (env.REDIS_URL && !env.DATABASE_URL) {
  // Processes relaying through Redis must share one store; SQLite files are per process.
  consoleLogger.error('REDIS_URL needs DATABASE_URL: several processes share one PostgreSQL');
  process.exit(1);
}

/** A positive number of hours from the environment, in ms; the default when unset or invalid. */
function hours(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return (value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback) * 60 * 60 * 1000;
}

/** Council sign-in is configured completely or not at all: half a configuration stops the start. */
function councilSignIn(): CouncilSignInConfig | undefined {
  const named = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOWED_DOMAINS'];
  const given = named.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  if (given.length < named.length) {
    consoleLogger.error(`council sign-in needs ${named.join(', ')}; set all of them or none`);
    process.exit(1);
  }
  const origin = env.ALLOWED_ORIGINS?.split(',')[0]?.trim();
  const redirectUrl =
    env.OIDC_REDIRECT_URL || (origin ? `${origin}${COUNCIL_CALLBACK_PATH}` : undefined);
  return {
    issuer: env.OIDC_ISSUER ?? '',
    clientId: env.OIDC_CLIENT_ID ?? '',
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
    ...(redirectUrl ? { redirectUrl } : {}),
  };
}

const council = councilSignIn();
const app = await createApp(
  defaultConfig({
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    ...(env.DATABASE_URL
      ? { database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA || undefined } }
      : {}),
    ...(env.REDIS_URL
      ? { redis: { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX ?? 'unitroom:' } }
      : {}),
    ...(env.JOURNAL_COMMIT_MS ? { journalCommitMs: Number(env.JOURNAL_COMMIT_MS) } : {}),
    allowedOrigins: env.ALLOWED_ORIGINS
      ? env.ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : undefined,
    // The Vite dev server (`npm run dev -w client`) proxies to us from its own origin.
    extraOrigins: development ? ['http://localhost:5173', 'http://127.0.0.1:5173'] : [],
    secureCookies: !development,
    seedDemo: demoSeed(env.SEED_DEMO),
    ...(council ? { councilSignIn: council } : {}),
    passwordSignIn: env.PASSWORD_SIGN_IN !== 'false',
    trustProxy: (env.TRUST_PROXY ?? '')
      .split(',')
      .map((proxy) => proxy.trim())
      .filter(Boolean),
    sessionLifetime: {
      idleMs: hours(env.SESSION_IDLE_HOURS, 12),
      absoluteMs: hours(env.SESSION_LIFETIME_HOURS, 12),
    },
    // CLIENT_DIR serves another build of the client (the first-load bench compares two).
    clientDir: path.resolve(env.CLIENT_DIR ?? path.resolve(here, '../../client/dist/app')),
    logger: consoleLogger,
    // Test suites that exercise sync with scratch roots; never honoured in production.
    ...(env.UNITROOM_ALLOW_UNKNOWN_ROOTS === 'true' && !production
      ? { collabAuthority: { allowUnknownRoots: true } }
      : {}),
    // Off by default: docs/performance-log.md has the idle figures with and without it.
    ...(reclaimIdleMemory
      ? { reclaimIdleMemory, collectGarbage: await exposedGarbageCollector() }
      : {}),
  }),
);
const { url, port: actualPort } = await app.listen(port, env.HOST);
// Tests that start this file as a child process read the port from this exact line.
consoleLogger.info(
  `Unitroom listening on ${url.replace('127.0.0.1', 'localhost')} (port ${actualPort})`,
);

// Started by a parent process with an IPC channel (tests of hostile input, benchmarks): answer its
// questions about this process's event loop. A server started any other way has no channel.
if (process.send) {
  const stats = startEventLoopStats();
  process.on('message', (message: unknown) => {
    if (message === 'stats:reset') {
      stats.reset();
      mainThreadWork.reset();
    }
    if (message === 'stats:reset' || message === 'stats')
      process.send?.({ ...stats.read(), work: mainThreadWork.read() });
  });
  process.channel?.unref();
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  consoleLogger.info(`${signal}: flushing documents and closing`);
  const deadline = setTimeout(() => {
    consoleLogger.error('shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, 10_000);
  deadline.unref();
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      consoleLogger.error('shutdown failed', error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
