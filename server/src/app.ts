import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { API_ERROR_CODES } from '@unitroom/shared';
import { enforceRevocation } from './access/enforceRevocation.js';
import { InProcessRevocations, type AccessRevocations } from './access/revocations.js';
import { AuditLog } from './audit/auditLog.js';
import { DEFAULT_SESSION_LIFETIME, Sessions } from './auth/sessions.js';
import { SignInThrottle } from './auth/signInThrottle.js';
import { CouncilSignIn } from './auth/councilSignIn.js';
import { SyncServer } from './collab/syncServer.js';
import { attachWebSocketTransport } from './collab/transport/webSocket.js';
import type { AppConfig } from './config.js';
import type { Persistence } from './db/persistence.js';
import { openPostgresPersistence } from './db/postgres.js';
import { openSqlitePersistence } from './db/sqlite.js';
import { seedDemoIfEmpty, type SeededDemo } from './demo/seed.js';
import { auditExtension } from './extensions/audit.js';
import { authorityExtension } from './extensions/authority.js';
import { discussionTemplateExtension } from './extensions/discussionTemplate.js';
import { authExtension } from './extensions/auth.js';
import { limitsExtension } from './extensions/limits.js';
import { OpenConnections } from './extensions/openConnections.js';
import { DEFAULT_COMPACTION, persistenceExtension } from './extensions/persistence.js';
import { migrationExtension, schemaGuardExtension } from './extensions/schemaVersion.js';
import { apiRouter } from './http/api.js';
import { AccountLinks } from './admin/accountLinks.js';
import { Administration } from './admin/administration.js';
import { ChildrenMirror } from './families/childrenMirror.js';
import { Families } from './families/families.js';
import { errorHandler, sendError } from './http/errors.js';
import { rawSecurityHeaderLines, securityHeaders } from './http/securityHeaders.js';
import { GenogramHistory } from './history/genogramHistory.js';
import { AttributionLog } from './history/attributionLog.js';
import { DocumentRestore } from './history/restore.js';
import { MeetingPlanner } from './meetings/meetingPlanner.js';
import { OpenItems } from './meetings/openItems.js';
import { DiscussionFreeze } from './finalisation/freeze.js';
import { precompressedAssets } from './http/precompressed.js';
import { Finalisation } from './finalisation/finalisation.js';
import { Exports } from './export/exports.js';
import { HeavyWork } from './export/heavyWork.js';
import { openNativeHeap } from './ops/nativeHeap.js';
import { LargeUpdateVetter } from './limits/largeUpdates.js';
import { openRedisScaleOut } from './scale/redisScaleOut.js';
import { MemoryFocusStore } from './unitChannel/focusStore.js';
import { DiscussionActivityLog } from './finalisation/discussionActivity.js';
import { MemoryHandStore } from './unitChannel/handStore.js';
import { MemoryTimerStore } from './unitChannel/timerStore.js';
import { attachUnitChannel } from './unitChannel/unitChannel.js';

export interface App {
  readonly httpServer: http.Server;
  readonly persistence: Persistence;
  readonly sync: SyncServer;
  /** The origins currently allowed; filled with the listening address when not configured. */
  readonly allowedOrigins: ReadonlySet<string>;
  /** The demo unit this start seeded; null when seeding was off or the store had data. */
  readonly demo: SeededDemo | null;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Flushes every document, closes every socket and the store. Safe to call twice. */
  close(): Promise<void>;
}

/** How long documents must have stopped unloading before the freed native memory is trimmed. */
const UNLOADS_SETTLE_MS = 30_000;
/** How often expired sessions are looked for, so their open sockets close within this long. */
const SESSION_SWEEP_MS = 60_000;
/** How long a server with no document loaded and no connection open waits to collect and trim. */
const IDLE_RECLAIM_MS = 5_000;

/** Builds the whole server without listening, so tests can start one on port 0 and stop it. */
export async function createApp(config: AppConfig): Promise<App> {
  const { logger } = config;
  const log = (message: string, error?: unknown) =>
    error === undefined ? logger.info(message) : logger.error(message, error);
  const opened = config.database
    ? await openPostgresPersistence({
        connectionString: config.database.url,
        schema: config.database.schema,
      })
    : // Several processes on one SQLite file must each see what the others wrote at once.
      await openSqlitePersistence(config.dataDir, log, {
        journal: !config.redis,
        ...(config.journalCommitMs ? { journalCommitMs: config.journalCommitMs } : {}),
      });
  const persistence: Persistence = config.wrapDocumentStore
    ? { ...opened, documents: config.wrapDocumentStore(opened.documents), close: opened.close }
    : opened;
  const { db } = persistence;
  const scaleOut = config.redis
    ? await openRedisScaleOut({ ...config.redis, log }).catch(async (error: unknown) => {
        await persistence.close();
        throw error;
      })
    : null;
  const demo = await seedDemoIfEmpty(db, persistence.documents, config.seedDemo);
  if (demo) logger.info('seeded the fictional demo unit (password: unitroom-demo)');

  const allowedOrigins = new Set<string>(config.allowedOrigins ?? []);
  const sessions = new Sessions(
    db,
    config.sessionLifetime ?? DEFAULT_SESSION_LIFETIME,
    config.sessionClock ?? (() => new Date()),
  );
  const councilSignIn = config.councilSignIn ? new CouncilSignIn(config.councilSignIn, db) : null;
  const audit = new AuditLog(db, log);
  let healthy = true;
  const openConnections = new OpenConnections(config.collabLimits.maxSocketsPerUser);
  const revocations: AccessRevocations =
    config.revocations ?? scaleOut?.revocations ?? new InProcessRevocations();
  const freeze = new DiscussionFreeze(db, audit, log);
  // Updates too large to integrate on the event loop unmeasured (an offline backlog) are
  // measured and cut on a worker thread first.
  const largeUpdates = new LargeUpdateVetter(log);
  // Building finalised records and rendering exports: on a worker thread, off the event loop.
  const heavy = new HeavyWork(log);
  const nativeHeap = openNativeHeap(log, config.collectGarbage);
  if (scaleOut) {
    await freeze.shareThrough(scaleOut.relay).catch(async (error: unknown) => {
      await scaleOut.close();
      await persistence.close();
      throw error;
    });
  }

  // A full collection pauses the event loop for as long as the heap is large, so it waits until
  // no document is loaded and nobody is connected at all: a REST caller must not pay for it.
  let tcpConnections = 0;
  const nobodyThere = () => sync.isIdle && tcpConnections === 0;
  const reclaimWhenNobodyThere = () => {
    if (nobodyThere()) nativeHeap.reclaimSoon(IDLE_RECLAIM_MS, nobodyThere);
  };
  const childrenMirror = new ChildrenMirror({ db, audit, log });
  // The chair's focus: the unit channel moves it, the prompts' activity log reads it.
  const focusStore = scaleOut?.focusStore ?? new MemoryFocusStore();
  const discussionActivity = new DiscussionActivityLog(db, focusStore, log);
  // Every stored update, attributed, beside its document in the same store ([Y1], [Y2]).
  const attribution = new AttributionLog(
    persistence.documents,
    config.historyWindowMs,
    Date.now,
    log,
  );
  const sync = new SyncServer({
    log,
    ...(scaleOut ? { relay: scaleOut.relay } : {}),
    onIdle: () => {
      // SQLite's page cache first: what it frees is what the trim then gives back.
      persistence.releaseMemory();
      nativeHeap.trimSoon(0);
      // Then what V8 holds: the heap it grew while documents were loaded and the native memory
      // of Buffers it has not yet found dead; or once the last connection closes.
      reclaimWhenNobodyThere();
    },
    // Documents closing while others stay open (one unit's meeting ends, another's goes on):
    // give back what they freed once closing has paused.
    onUnload: () => nativeHeap.trimSoon(UNLOADS_SETTLE_MS),
    extensions: [
      schemaGuardExtension(),
      authExtension({ db, sessions, allowedOrigins }),
      limitsExtension(config.collabLimits, largeUpdates),
      // Last to decide on joining: it counts only sockets that every other extension admitted.
      openConnections.extension,
      // The referee of updates; before persistence, so the client ids an update claims are
      // written before the update is.
      authorityExtension({
        db,
        log,
        allowUnknownRoots: config.collabAuthority?.allowUnknownRoots ?? false,
      }),
      // Order matters on load: stored state first, then migrations over it.
      persistenceExtension(
        persistence.documents,
        log,
        persistence.combinesAppends
          ? { ...DEFAULT_COMPACTION, atMostEntries: Infinity }
          : DEFAULT_COMPACTION,
        {
          // The attributed history goes in the same durable write as each batch ([Y1]).
          alongside: (payload) => attribution.entryFor(payload),
          merge: (entries) => heavy.stateOf(entries),
        },
      ),
      attribution.extension(),
      migrationExtension(),
      childrenMirror.extension,
      discussionTemplateExtension({ db, store: persistence.documents }),
      freeze.extension(),
      auditExtension(audit),
      // Last: it notes only changes every other extension let through.
      discussionActivity.extension(),
    ],
  });
  const history = new GenogramHistory(db, persistence.documents, sync);
  const planner = new MeetingPlanner(db);
  const openItems = new OpenItems(db, persistence.documents, sync);
  childrenMirror.attach(sync);
  const families = new Families({
    db,
    documents: persistence.documents,
    sync,
    audit,
    revocations,
    openItems,
  });
  // The REST routes are built before the unit channel exists; closing reaches it through this.
  let meetingClosed: (meetingId: string, nextMeetingId: string) => void = () => undefined;
  const finalisation = new Finalisation({
    db,
    sync,
    documents: persistence.documents,
    freeze,
    audit,
    history,
    heavy,
    log,
    activity: discussionActivity,
  });
  const exports = new Exports({ finalisation, audit, heavy });
  const links = new AccountLinks({ db, audit, revocations });
  const administration = new Administration({ db, audit, revocations, links });
  const restore = new DocumentRestore({ db, history: attribution, sync, freeze, audit });
  finalisation.onFinalised((stored) => exports.warm(stored));

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies named in the configuration ([I3]).
  app.set('trust proxy', config.trustProxy?.length ? [...config.trustProxy] : false);
  app.use(
    '/api',
    apiRouter({
      db,
      sessions,
      audit,
      allowedOrigins,
      secureCookies: config.secureCookies,
      signInThrottle: new SignInThrottle(config.signInLimit),
      isHealthy: () => healthy,
      history,
      planner,
      openItems,
      onMeetingClosed: (meetingId, nextMeetingId) => meetingClosed(meetingId, nextMeetingId),
      revocations,
      finalisation,
      exports,
      administration,
      links,
      councilSignIn,
      passwordSignIn: config.passwordSignIn ?? true,
      sessionCookieMs: sessions.cookieMaxAgeMs,
      log,
      families,
      restore,
    }),
  );
  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    const clientDir = config.clientDir;
    // The built client holds no case data; Vite's hashed assets never change.
    const cacheControl = (file: string) =>
      file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=3600';
    app.use(precompressedAssets(clientDir, cacheControl));
    app.use(
      express.static(clientDir, {
        index: false,
        setHeaders: (res, file) => {
          res.setHeader('Cache-Control', cacheControl(file));
          // The same address may be answered compressed (above): caches must tell them apart.
          res.setHeader('Vary', 'Accept-Encoding');
        },
      }),
    );
    // Client-side routes: every other GET is the app shell, never cached.
    app.get(/^(?!\/(api|collab|socket\.io)\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-store');
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  // Our own 404, so that it carries our headers rather than Express's default page.
  app.use((_req, res) => sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'Nothing here.'));
  app.use(errorHandler(log));

  const httpServer = http.createServer(app);
  httpServer.on('connection', (socket) => {
    tcpConnections += 1;
    socket.once('close', () => {
      tcpConnections -= 1;
      reclaimWhenNobodyThere();
    });
  });
  // Node answers malformed requests and oversized headers (over 16 KiB) itself; log them too.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    logger.info(`refused a malformed HTTP request: ${error.code ?? error.message}`);
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `${rawSecurityHeaderLines()}\r\nConnection: close\r\n\r\n`,
    );
  });
  const transport = attachWebSocketTransport(httpServer, sync, {
    maxMessageBytes: config.maxMessageBytes,
  });
  const unitChannel = attachUnitChannel(httpServer, {
    db,
    sessions,
    allowedOrigins,
    log,
    focusStore,
    timerStore: scaleOut?.timerStore ?? new MemoryTimerStore(),
    handStore: scaleOut?.handStore ?? new MemoryHandStore(),
    ...(scaleOut ? { adapter: scaleOut.socketIoAdapter } : {}),
    maxSocketsPerUser: config.collabLimits.maxSocketsPerUser,
    onDiscussionEnded: (meetingId, familyId) => history.snapshot(familyId, meetingId),
    onFamilyReached: (meetingId, familyId) => planner.markReached(meetingId, familyId),
  });
  meetingClosed = unitChannel.meetingClosed;
  finalisation.onFinalised((_stored, { meetingId, familyId }) =>
    unitChannel.discussionFinalised(meetingId, familyId),
  );

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
  }, config.sessionSweepMs ?? SESSION_SWEEP_MS);
  sweeping.unref();

  // First on every request, socket.io's included (it takes over the 'request' event for its path).
  httpServer.prependListener('request', securityHeaders({ https: config.secureCookies }));

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    persistence,
    sync,
    allowedOrigins,
    demo,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const actual = (httpServer.address() as AddressInfo).port;
      if (!config.allowedOrigins) {
        allowedOrigins.add(`http://localhost:${actual}`);
        allowedOrigins.add(`http://127.0.0.1:${actual}`);
        for (const origin of config.extraOrigins ?? []) allowedOrigins.add(origin);
      }
      councilSignIn?.listeningAt(`http://127.0.0.1:${actual}`);
      return { port: actual, url: `http://127.0.0.1:${actual}` };
    },
    close() {
      closing ??= (async () => {
        healthy = false;
        clearInterval(sweeping);
        stopEnding();
        stopRevoking();
        await sync.close();
        await largeUpdates.close();
        await heavy.close();
        nativeHeap.close();
        await transport.close();
        unitChannel.io.disconnectSockets(true);
        httpServer.closeAllConnections();
        await unitChannel.close();
        await scaleOut?.close();
        await persistence.close();
      })();
      return closing;
    },
  };
}
