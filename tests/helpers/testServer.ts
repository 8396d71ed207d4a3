import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { dropPostgresSchema, postgresTestSchema } from './postgres.js';
import * as Y from 'yjs';
import {
  createApp,
  defaultConfig,
  type App,
  type AppConfig,
  type SeededDemo,
} from '@unitroom/server';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  demo: SeededDemo;
  /** Stops this server; the data directory stays for a restart. */
  stop(): Promise<void>;
  /** Stops and starts a new server on the same data directory (new port). */
  restart(): Promise<TestServer>;
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-test-'));
}

/**
 * A real server on port 0 over a fresh store (SQLite, or a PostgreSQL schema of its own) with
 * the demo unit seeded. It registers its
 * own teardown with the running test (or pass `register` for beforeAll-style use).
 */
export async function startTestServer(
  options: {
    /** PostgreSQL (in a schema of its own, dropped after the test) instead of SQLite. */
    postgres?: { url: string };
    dataDir?: string;
    demo?: SeededDemo;
    config?: Partial<AppConfig>;
    register?: (stop: () => Promise<void>) => void;
  } = {},
): Promise<TestServer> {
  const register = options.register ?? ((stop: () => Promise<void>) => onTestFinished(stop));
  const database = options.postgres
    ? { url: options.postgres.url, schema: postgresTestSchema('it') }
    : undefined;
  // Every server started on this store, restarts included; the schema goes after the last.
  const started: App[] = [];
  if (database) {
    register(async () => {
      for (const app of started) await app.close();
      await dropPostgresSchema(database.url, database.schema);
    });
  }
  return start(
    { ...options, dataDir: options.dataDir ?? makeDataDir() },
    database,
    started,
    register,
  );
}

async function start(
  options: { dataDir: string; demo?: SeededDemo; config?: Partial<AppConfig> },
  database: { url: string; schema: string } | undefined,
  started: App[],
  register: (stop: () => Promise<void>) => void,
): Promise<TestServer> {
  const { dataDir } = options;
  const app = await createApp(
    defaultConfig({
      dataDir,
      ...(database ? { database } : {}),
      // The sync suites write scratch roots (`getText('scratch')`) to exercise sync itself; the
      // hostile-writer suite passes `collabAuthority` to run with the production default.
      collabAuthority: { allowUnknownRoots: true },
      ...options.config,
    }),
  );
  started.push(app);
  // A server configured to seed (config.seedDemo) seeded itself on a fresh store; others get the
  // demo unit's records only, with empty family documents.
  const demo = options.demo ?? app.demo ?? (await app.seedDemo('blank'));
  const { port, url } = await app.listen(0, '127.0.0.1');
  register(() => app.close());
  return {
    app,
    url,
    wsUrl: url.replace('http', 'ws'),
    port,
    dataDir,
    demo,
    stop: () => app.close(),
    async restart() {
      await app.close();
      return start({ dataDir, demo, config: options.config }, database, started, register);
    },
  };
}

/** The document exactly as the store holds it: what a restart would load. */
export async function loadStoredDoc(server: TestServer, docName: string): Promise<Y.Doc> {
  const stored = new Y.Doc();
  for (const entry of (await server.app.persistence.documents.load(docName)).entries) {
    Y.applyUpdate(stored, entry);
  }
  return stored;
}
