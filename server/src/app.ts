import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { AuditLog } from './audit/auditLog.js';
import { Sessions } from './auth/sessions.js';
import { SyncServer } from './collab/syncServer.js';
import { attachWebSocketTransport } from './collab/transport/webSocket.js';
import type { AppConfig } from './config.js';
import type { Persistence } from './db/persistence.js';
import { openPostgresPersistence } from './db/postgres.js';
import { openSqlitePersistence } from './db/sqlite.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { auditExtension } from './extensions/audit.js';
import { discussionTemplateExtension } from './extensions/discussionTemplate.js';
import { authExtension } from './extensions/auth.js';
import { persistenceExtension } from './extensions/persistence.js';
import { migrationExtension, schemaGuardExtension } from './extensions/schemaVersion.js';
import { apiRouter } from './http/api.js';
import { errorHandler } from './http/errors.js';
import { GenogramHistory } from './history/genogramHistory.js';
import { DiscussionFreeze } from './finalisation/freeze.js';
import { Finalisation } from './finalisation/finalisation.js';
import { Exports } from './export/exports.js';
import { openRedisScaleOut } from './scale/redisScaleOut.js';
import { MemoryFocusStore } from './unitChannel/focusStore.js';
import { attachUnitChannel } from './unitChannel/unitChannel.js';

export interface App {
  readonly httpServer: http.Server;
  readonly persistence: Persistence;
  readonly sync: SyncServer;
  /** The origins currently allowed; filled with the listening address when not configured. */
  readonly allowedOrigins: ReadonlySet<string>;
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
    : await openSqlitePersistence(config.dataDir, log, { groupCommitMs: config.groupCommitMs });
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
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) logger.info('seeded the fictional demo unit (password: unitroom-demo)');
  }

  const allowedOrigins = new Set<string>(config.allowedOrigins ?? []);
  const sessions = new Sessions(db);
  const audit = new AuditLog(db, log);
  let healthy = true;
  const freeze = new DiscussionFreeze(db, audit);

  const sync = new SyncServer({
    log,
    ...(scaleOut ? { relay: scaleOut.relay } : {}),
    extensions: [
      schemaGuardExtension(),
      authExtension({ db, sessions, allowedOrigins }),
      // Order matters on load: stored state first, then migrations over it.
      persistenceExtension(persistence.documents, log),
      migrationExtension(),
      discussionTemplateExtension({ db, store: persistence.documents }),
      freeze.extension(),
      auditExtension(audit),
    ],
  });
  const history = new GenogramHistory(db, persistence.documents, sync);
  const finalisation = new Finalisation({
    db,
    sync,
    documents: persistence.documents,
    freeze,
    audit,
    history,
    log,
  });
  const exports = new Exports({ finalisation, audit });
  finalisation.onFinalised((stored) => exports.warm(stored));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // Tiptap's caret extension sets inline styles for each collaborator's colour.
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
    }),
  );
  app.use(
    '/api',
    apiRouter({
      db,
      sessions,
      audit,
      allowedOrigins,
      secureCookies: config.secureCookies,
      signInLimit: config.signInLimit,
      isHealthy: () => healthy,
      history,
      finalisation,
      exports,
    }),
  );
  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    const clientDir = config.clientDir;
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET is the app shell, never cached.
    app.get(/^(?!\/(api|collab|socket\.io)\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-store');
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  app.use(errorHandler(log));

  const httpServer = http.createServer(app);
  const transport = attachWebSocketTransport(httpServer, sync, {
    maxMessageBytes: config.maxMessageBytes,
  });
  const unitChannel = attachUnitChannel(httpServer, {
    db,
    sessions,
    allowedOrigins,
    log,
    focusStore: scaleOut?.focusStore ?? new MemoryFocusStore(),
    ...(scaleOut ? { adapter: scaleOut.socketIoAdapter } : {}),
    onDiscussionEnded: (meetingId, familyId) => history.snapshot(familyId, meetingId),
  });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    persistence,
    sync,
    allowedOrigins,
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
      return { port: actual, url: `http://127.0.0.1:${actual}` };
    },
    close() {
      closing ??= (async () => {
        healthy = false;
        await sync.close();
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
