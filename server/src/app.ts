import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpApp } from './app/httpApp.js';
import { createHttpServer } from './app/httpServer.js';
import { enforceRevocationsLive } from './revocation/liveRevocations.js';
import { InProcessRevocations, type AccessRevocations } from './revocation/revocations.js';
import { AuditLog } from './audit/auditLog.js';
import { DEFAULT_SESSION_LIFETIME, Sessions } from './auth/sessions.js';
import { SignInThrottle } from './auth/signInThrottle.js';
import { CouncilSignIn } from './auth/councilSignIn.js';
import { SyncServer } from './collab/syncServer.js';
import { attachWebSocketTransport } from './collab/transport/webSocket.js';
import type { AppConfig } from './config.js';
import type { Persistence } from './db/persistence.js';
import { openPostgresPersistence } from './db/openPostgres.js';
import { openSqlitePersistence } from './db/sqlite.js';
import { seedDemo, seedDemoIfEmpty, type DemoServices, type SeededDemo } from './demo/seed.js';
import { auditExtension } from './extensions/audit.js';
import { authorityExtension } from './extensions/authority.js';
import { discussionTemplateExtension } from './extensions/discussionTemplate.js';
import { authExtension } from './extensions/auth.js';
import { limitsExtension } from './extensions/limits.js';
import { OpenConnections } from './extensions/openConnections.js';
import { DEFAULT_COMPACTION, persistenceExtension } from './extensions/persistence.js';
import { migrationExtension, schemaGuardExtension } from './extensions/schemaVersion.js';
import { AccountLinks } from './admin/accountLinks.js';
import { Administration } from './admin/administration.js';
import { ChildrenMirror } from './families/childrenMirror.js';
import { Families } from './families/families.js';
import { securityHeaders } from './http/securityHeaders.js';
import { GenogramHistory } from './history/genogramHistory.js';
import { AttributionLog } from './history/attributionLog.js';
import { DocumentRestore } from './history/restore.js';
import { MeetingPlanner } from './meetings/meetingPlanner.js';
import { OpenItems } from './meetings/openItems.js';
import { DiscussionFreeze } from './finalisation/freeze.js';
import { Finalisation } from './finalisation/finalisation.js';
import { Exports } from './export/exports.js';
import { HeavyWork } from './export/heavyWork.js';
import { idleMemory } from './ops/idleMemory.js';
import { LargeUpdateVetter } from './limits/largeUpdates.js';
import { openRedisScaleOut } from './scale/openRedisScaleOut.js';
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
  /** Seeds the demo unit now, through the same services (for tests on a server that did not). */
  seedDemo(seed?: 'full' | 'blank', today?: Date): Promise<SeededDemo>;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Flushes every document, closes every socket and the store. Safe to call twice. */
  close(): Promise<void>;
}

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
  const memory = idleMemory({
    enabled: config.reclaimIdleMemory ?? false,
    log,
    collectGarbage: config.collectGarbage,
    releaseStoreMemory: () => persistence.releaseMemory(),
    nobodyThere: () => sync.isIdle && tcpConnections() === 0,
  });
  if (scaleOut) {
    await freeze.shareThrough(scaleOut.relay).catch(async (error: unknown) => {
      await scaleOut.close();
      await persistence.close();
      throw error;
    });
  }

  const childrenMirror = new ChildrenMirror({
    db,
    audit,
    log,
    ...(scaleOut ? { sharedWith: { documents: persistence.documents } } : {}),
  });
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
  const authority = authorityExtension({
    db,
    log,
    allowUnknownRoots: config.collabAuthority?.allowUnknownRoots ?? false,
  });
  const sync = new SyncServer({
    log,
    ...(scaleOut ? { relay: scaleOut.relay } : {}),
    onIdle: () => memory.onIdle(),
    onUnload: () => memory.onUnload(),
    extensions: [
      schemaGuardExtension(),
      authExtension({ db, sessions, allowedOrigins }),
      // A large update's pieces are refereed in the worker, all before any is applied ([U3]).
      limitsExtension(config.collabLimits, largeUpdates, authority.largeUpdates),
      // Last to decide on joining: it counts only sockets that every other extension admitted.
      openConnections.extension,
      // The referee of updates; before persistence, so the client ids an update claims are
      // written before the update is.
      authority,
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
  // Through the services the administration area and the family routes use, before anyone can
  // connect.
  const demoServices: DemoServices = {
    db,
    documents: persistence.documents,
    administration,
    links,
    families,
  };
  const demo = await seedDemoIfEmpty(demoServices, config.seedDemo);
  if (demo) logger.info('seeded the fictional demo unit (password: unitroom-demo)');
  const restore = new DocumentRestore({
    db,
    history: attribution,
    sync,
    freeze,
    audit,
    // Previews rebuild the document from its history: off the event loop ([U5]).
    previewer: heavy,
  });
  finalisation.onFinalised((stored) => exports.warm(stored));

  const app = httpApp({
    api: {
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
    },
    trustProxy: config.trustProxy,
    clientDir: config.clientDir,
    log,
  });

  const { httpServer, tcpConnections } = createHttpServer(app, {
    logger,
    onConnectionClosed: () => memory.onConnectionClosed(),
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
  finalisation.onStatusChanged(({ meetingId, familyId, state }) =>
    unitChannel.discussionStatusChanged(meetingId, familyId, state),
  );

  const stopEnforcing = enforceRevocationsLive({
    db,
    revocations,
    sessions,
    openConnections,
    unitChannel,
    sessionSweepMs: config.sessionSweepMs,
    log,
  });

  // First on every request, socket.io's included (it takes over the 'request' event for its path).
  httpServer.prependListener('request', securityHeaders({ https: config.secureCookies }));

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    persistence,
    sync,
    allowedOrigins,
    demo,
    seedDemo: (seed = 'blank', today = new Date()) => seedDemo(demoServices, seed, today),
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
        stopEnforcing();
        await sync.close();
        await largeUpdates.close();
        await heavy.close();
        memory.close();
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
