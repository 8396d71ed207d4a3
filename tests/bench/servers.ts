import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MEMBERS } from '@unitroom/server';
import {
  COLLAB_PATH,
  meResponseSchema,
  minutesFragmentName,
  type MeResponse,
} from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { bytesOnDisk } from './procStats.js';
import type { ClientSpec } from './protocol.js';

/**
 * The two servers the bench compares, each started as its own Node process running its own
 * unmodified entry point, so /proc measures exactly one server and nothing of the load.
 */

const HOST = '127.0.0.1';
const LISTEN_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 30;

export interface BenchServer {
  /** Row label in the report. */
  readonly label: string;
  readonly pid: number;
  /** The stock `WebsocketProvider` server URL. */
  readonly serverUrl: string;
  readonly docName: string;
  readonly fragmentName: string;
  /** Participant `i` of `count`: the headers its socket sends and whom it types as. */
  clients(count: number): ClientSpec[];
  /** Bytes of durable state written so far, or null for a server that keeps none. */
  storeBytes(): number | null;
  /** Stops the server; resolves with its store's size after a clean shutdown (null: none). */
  stop(): Promise<number | null>;
}

/** A started child with the tail of its output, for error messages when it dies. */
class ServerProcess {
  private readonly tail: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - LOG_TAIL_LINES));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server process has no pid');
    return this.child.pid;
  }

  /** Resolves with the first match of `pattern` in the output; rejects if the process exits. */
  waitForLine(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const match = pattern.exec(buffered);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`server exited before listening:\n${this.output()}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`server did not listen within ${LISTEN_TIMEOUT_MS} ms:\n${this.output()}`),
        );
      }, LISTEN_TIMEOUT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
    });
  }

  /** SIGTERM, then SIGKILL if a clean shutdown takes too long. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  output(): string {
    return this.tail.join('\n');
  }
}

/** Environment for a server child without settings from the caller's shell that change it. */
function serverEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'PORT',
    'HOST',
    'YPERSISTENCE',
    'DATA_DIR',
    'ALLOWED_ORIGINS',
    'SEED_DEMO',
    'DATABASE_URL',
    'REDIS_URL',
    'NODE_ENV',
    'NODE_OPTIONS',
  ]) {
    delete env[key];
  }
  return { ...env, ...overrides };
}

/** The stock server prints its configured port, so it needs a real one rather than 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The baseline: `@y/websocket-server`'s own bin (`setupWSConnection` on a bare HTTP server),
 * in memory only because YPERSISTENCE is unset. It accepts any socket on any path, so the
 * document name merely mirrors Unitroom's.
 */
export async function startPlainServer(): Promise<BenchServer> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('@y/websocket-server/package.json'));
  const port = await freePort();
  const server = new ServerProcess(
    spawn(process.execPath, [path.join(packageDir, 'src', 'server.js')], {
      env: serverEnv({ HOST, PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await server.waitForLine(/running at '[^']*' on port (\d+)/);
  const origin = `http://${HOST}:${port}`;
  return {
    label: 'plain @y/websocket-server',
    pid: server.pid,
    serverUrl: `ws://${HOST}:${port}${COLLAB_PATH}`,
    docName: 'meeting:bench',
    fragmentName: minutesFragmentName('bench'),
    clients: (count) =>
      Array.from({ length: count }, (_, i) => ({ headers: { origin }, userId: `bench-${i}` })),
    storeBytes: () => null,
    stop: async () => {
      await server.stop();
      return null;
    },
  };
}

interface Writer {
  cookie: string;
  userId: string;
}

/**
 * Unitroom as `npm start` runs it (the built `server/dist/main.js`), on a fresh SQLite store in
 * a temporary directory with the demo unit seeded. Participants are the demo unit's members who
 * may write, signed in through the real API; their sockets share those few cookies.
 */
export async function startUnitroom(): Promise<BenchServer> {
  const entry = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
  if (!fs.existsSync(entry)) throw new Error('server/dist/main.js is missing: run `npm run build`');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-bench-'));
  const server = new ServerProcess(
    spawn(process.execPath, [entry], {
      env: serverEnv({ HOST, PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  try {
    const [, port] = await server.waitForLine(/Unitroom listening on \S+ \(port (\d+)\)/);
    const baseUrl = `http://${HOST}:${port}`;
    const { writers, me } = await signInWriters(baseUrl);
    const unit = me.units[0];
    const meeting = unit?.meetings[0];
    const family = meeting?.agenda[0];
    if (!meeting || !family) throw new Error('the demo unit has no meeting with an agenda');
    return {
      label: 'Unitroom (SQLite, every update)',
      pid: server.pid,
      serverUrl: `ws://${HOST}:${port}${COLLAB_PATH}`,
      docName: meeting.docName,
      fragmentName: minutesFragmentName(family.familyId),
      clients: (count) =>
        Array.from({ length: count }, (_, i) => {
          const writer = writers[i % writers.length] as Writer;
          return { headers: { cookie: writer.cookie, origin: baseUrl }, userId: writer.userId };
        }),
      storeBytes: () => bytesOnDisk(dataDir),
      stop: async () => {
        const code = await server.stop();
        const bytes = bytesOnDisk(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
        // A non-zero exit means the final flush failed: the store figures would be wrong.
        if (code !== 0) throw new Error(`Unitroom exited with ${code}:\n${server.output()}`);
        return bytes;
      },
    };
  } catch (error) {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function fetchMe(baseUrl: string, cookie: string): Promise<MeResponse> {
  const response = await fetch(`${baseUrl}/api/me`, { headers: { cookie, origin: baseUrl } });
  if (!response.ok) throw new Error(`GET /api/me failed: ${response.status}`);
  return meResponseSchema.parse(await response.json());
}

/** Signs in every demo member and keeps those the server lets write to the first one's unit. */
async function signInWriters(baseUrl: string): Promise<{ writers: Writer[]; me: MeResponse }> {
  let first: MeResponse | null = null;
  const writers: Writer[] = [];
  for (const member of DEMO_MEMBERS) {
    const cookie = await signIn(baseUrl, member.email);
    const me = await fetchMe(baseUrl, cookie);
    first ??= me;
    const unitId = first.units[0]?.id;
    const membership = me.units.find((unit) => unit.id === unitId);
    if (membership && !membership.readOnly) writers.push({ cookie, userId: me.user.id });
  }
  if (!first || writers.length === 0) throw new Error('no demo member may write to the unit');
  return { writers, me: first };
}
