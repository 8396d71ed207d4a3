import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import {
  createApp,
  defaultConfig,
  seedDemo,
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
 * A real server on port 0 over a fresh SQLite store with the demo unit seeded. It registers its
 * own teardown with the running test (or pass `register` for beforeAll-style use).
 */
export async function startTestServer(
  options: {
    dataDir?: string;
    demo?: SeededDemo;
    config?: Partial<AppConfig>;
    register?: (stop: () => Promise<void>) => void;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const app = await createApp(defaultConfig({ dataDir, ...options.config }));
  const demo = options.demo ?? (await seedDemo(app.persistence.db));
  const { port, url } = await app.listen(0, '127.0.0.1');
  const register = options.register ?? ((stop: () => Promise<void>) => onTestFinished(stop));
  const server: TestServer = {
    app,
    url,
    wsUrl: url.replace('http', 'ws'),
    port,
    dataDir,
    demo,
    stop: () => app.close(),
    async restart() {
      await app.close();
      return startTestServer({ dataDir, demo, config: options.config, register });
    },
  };
  register(() => app.close());
  return server;
}

/** The document exactly as the store holds it: what a restart would load. */
export async function loadStoredDoc(server: TestServer, docName: string): Promise<Y.Doc> {
  const stored = new Y.Doc();
  for (const entry of (await server.app.persistence.documents.load(docName)).entries) {
    Y.applyUpdate(stored, entry);
  }
  return stored;
}
