import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MEMBERS, createApp, defaultConfig, type App } from '@unitroom/server';
import {
  COLLAB_PATH,
  meResponseSchema,
  minutesFragmentName,
  type MeResponse,
} from '@unitroom/shared';
import { childStats, npmStartNodeFlags, type ChildStats } from '../helpers/childServer.js';
import { dropPostgresSchema, postgresTestSchema } from '../helpers/postgres.js';
import { deleteRedisKeys, redisTestPrefix } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { bytesOnDisk } from './procStats.js';
import type { BenchProtocol } from './clients.js';
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
  readonly protocol: BenchProtocol;
  readonly pid: number;
  /** Every process of the server (several for Unitroom over Redis). */
  readonly pids: readonly number[];
  /** The server URL its stock provider takes. */
  readonly serverUrl: string;
  /** The document of room 0. */
  readonly docName: string;
  readonly fragmentName: string;
  /**
   * Participants `first` to `first + count - 1` of room `room`: their server, document, headers
   * and who they type as. Numbering participants across rooms spreads them over the server's
   * writers (Unitroom allows a user 24 sockets).
   */
  clients(count: number, room?: number, first?: number): ClientSpec[];
  /** The document of room `room`. */
  docNameOf(room: number): string;
  /** Bytes of durable state written so far, or null for a server that keeps none. */
  storeBytes(): number | null;
  /**
   * The first process's event-loop figures since the last call with `reset` (Unitroom with
   * BENCH_LOOP_STATS=1 only: the server measures them only for a parent that asks, over IPC).
   */
  loopStats?(reset: boolean): Promise<ChildStats>;
  /** Stops the server; resolves with its store's size after a clean shutdown (null: none). */
  stop(): Promise<number | null>;
  /**
   * Stops the server cleanly, keeping its store, and starts new processes on that store: a cold
   * start, with nothing of the documents in memory. This object is done with; the one returned
   * owns the store. Absent for a server that keeps nothing.
   */
  restart?(): Promise<BenchServer>;
}

/**
 * Whether Unitroom is started with an IPC channel, so that the bench can ask it how long its
 * event loop was held in each window. Off by default: with it, the server samples its own thread's
 * CPU every 10 ms, which the CPU-per-edit figure would count.
 */
const LOOP_STATS = process.env.BENCH_LOOP_STATS === '1';

/**
 * Where to keep each server process's whole output, as `<pid>.log` (BENCH_SERVER_OUTPUT_DIR), for
 * reading what a profiling flag printed (`--trace-gc`, `--trace-deopt`); otherwise only its tail
 * is kept, for the error when it dies.
 */
const OUTPUT_DIR = process.env.BENCH_SERVER_OUTPUT_DIR ?? null;

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
    if (OUTPUT_DIR && child.pid !== undefined) {
      // Both streams into one file, closed once the process is gone: whichever stream ended
      // first would otherwise close it under the other.
      const file = fs.createWriteStream(path.join(OUTPUT_DIR, `${child.pid}.log`));
      child.stdout?.pipe(file, { end: false });
      child.stderr?.pipe(file, { end: false });
      child.once('close', () => file.end());
    }
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server process has no pid');
    return this.child.pid;
  }

  /** Asks the process (started with an IPC channel) for its event-loop figures. */
  loopStats(reset: boolean): Promise<ChildStats> {
    return childStats({ process: this.child, output: () => this.output() }, reset);
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

/**
 * Extra Node flags for every server process, for profiling them (`--cpu-prof`; see
 * docs/performance-findings.md). Node refuses those in NODE_OPTIONS, hence a variable of ours.
 */
function profilingFlags(): string[] {
  return (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
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
  // Installed with the other baselines by `npm run bench:deps` (tests/bench/baselines).
  const require = createRequire(new URL('./baselines/package.json', import.meta.url));
  const packageDir = path.dirname(require.resolve('@y/websocket-server/package.json'));
  const port = await freePort();
  const server = new ServerProcess(
    spawn(process.execPath, [...profilingFlags(), path.join(packageDir, 'src', 'server.js')], {
      env: serverEnv({ HOST, PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await server.waitForLine(/running at '[^']*' on port (\d+)/);
  const origin = `http://${HOST}:${port}`;
  const docNameOf = (room: number) => `meeting:bench-${room}`;
  return {
    label: 'plain @y/websocket-server',
    protocol: 'y-websocket',
    pid: server.pid,
    pids: [server.pid],
    serverUrl: `ws://${HOST}:${port}${COLLAB_PATH}`,
    docName: docNameOf(0),
    docNameOf,
    fragmentName: minutesFragmentName('bench'),
    clients: (count, room = 0, first = 0) =>
      Array.from({ length: count }, (_, i) => ({
        headers: { origin },
        userId: `bench-${first + i}`,
        docName: docNameOf(room),
      })),
    storeBytes: () => null,
    stop: async () => {
      await server.stop();
      return null;
    },
  };
}

/**
 * `@hocuspocus/server` 4 with `@hocuspocus/extension-sqlite` on a file in a temporary directory
 * (baselines/hocuspocusServer.ts), spoken to by its own `HocuspocusProvider`.
 */
export async function startHocuspocus(): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-bench-hocuspocus-'));
  try {
    return await launchHocuspocus(dataDir);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A Hocuspocus process on the SQLite file in `dataDir`, which outlives it when restarted. */
async function launchHocuspocus(dataDir: string): Promise<BenchServer> {
  const port = await freePort();
  const server = new ServerProcess(
    spawn(
      process.execPath,
      [
        ...process.execArgv,
        ...profilingFlags(),
        fileURLToPath(new URL('./baselines/hocuspocusServer.ts', import.meta.url)),
      ],
      {
        env: serverEnv({
          PORT: String(port),
          SQLITE_FILE: path.join(dataDir, 'hocuspocus.sqlite'),
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  try {
    await server.waitForLine(/Hocuspocus listening on port (\d+)/);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const origin = `http://${HOST}:${port}`;
  const docNameOf = (room: number) => `meeting:bench-${room}`;
  let handedOver = false;
  /** Stops the process cleanly (it stores every loaded document); throws on a failed exit. */
  const stopProcess = async () => {
    const code = await server.stop();
    if (code !== 0) throw new Error(`Hocuspocus exited with ${code}:\n${server.output()}`);
  };
  return {
    label: 'Hocuspocus 4 + SQLite file',
    protocol: 'hocuspocus',
    pid: server.pid,
    pids: [server.pid],
    serverUrl: `ws://${HOST}:${port}`,
    docName: docNameOf(0),
    docNameOf,
    fragmentName: minutesFragmentName('bench'),
    clients: (count, room = 0, first = 0) =>
      Array.from({ length: count }, (_, i) => ({
        headers: { origin },
        userId: `bench-${first + i}`,
        docName: docNameOf(room),
      })),
    storeBytes: () => bytesOnDisk(dataDir),
    restart: async () => {
      handedOver = true;
      try {
        await stopProcess();
        return await launchHocuspocus(dataDir);
      } catch (error) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
    },
    stop: async () => {
      if (handedOver) return null;
      try {
        await stopProcess();
        return bytesOnDisk(dataDir);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

interface Writer {
  cookie: string;
  userId: string;
}

/** Extra writers for the bench unit: 60 x 24 sockets covers a thousand participants. */
const BENCH_WRITER_EMAILS = Array.from(
  { length: 60 },
  (_, i) => `bench${String(i).padStart(3, '0')}@bench.test`,
);

export interface UnitroomOptions {
  /** Meeting documents the demo unit has (rooms, resident documents, a year of minutes). */
  meetings?: number;
  /**
   * Several processes on one PostgreSQL schema and one Redis prefix of their own; participant
   * `i` goes to process `i % processes`. Without Redis (`redisUrl` empty) only one process.
   */
  postgres?: { databaseUrl: string; redisUrl: string; processes: number };
  label?: string;
  /** Another build's `main.js` (a baseline to compare against); default `server/dist/main.js`. */
  entry?: string;
}

/** Seeds the demo unit and adds meetings to it until it has `meetings`; returns their ids. */
async function prepareStore(app: App, meetings: number): Promise<string[]> {
  const { persistence } = app;
  const demo = await app.seedDemo('blank');
  // The server allows a user 24 open sockets per process: a thousand participants need more
  // people than the demo unit has. They share the demo members' password.
  const { password_hash } = await persistence.db
    .selectFrom('users')
    .select('password_hash')
    .executeTakeFirstOrThrow();
  for (const email of BENCH_WRITER_EMAILS) {
    const userId = `benchuser${email.slice(5, 8)}`;
    const now = new Date().toISOString();
    await persistence.db
      .insertInto('users')
      .values({
        id: userId,
        email,
        name: `Bench ${email.slice(5, 8)}`,
        password_hash,
        created_at: now,
      })
      .execute();
    await persistence.db
      .insertInto('memberships')
      .values({
        unit_id: demo.unitId,
        user_id: userId,
        role: 'social_worker',
        created_at: now,
        removed_at: null,
      })
      .execute();
  }
  const ids = [demo.meetingId];
  for (let i = 1; i < meetings; i += 1) {
    const id = `bench${String(i).padStart(6, '0')}`;
    await persistence.db
      .insertInto('meetings')
      .values({
        id,
        unit_id: demo.unitId,
        title: `Weekly unit meeting ${i}`,
        date: new Date(Date.UTC(2025, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
        created_at: new Date().toISOString(),
      })
      .execute();
    ids.push(id);
  }
  await app.close();
  return ids;
}

/**
 * Unitroom as `npm start` runs it (the built `server/dist/main.js`, with the same Node flags):
 * by default one process on a fresh SQLite store in a temporary directory; with `postgres`,
 * processes on a PostgreSQL schema of their own, relaying through Redis. Participants are the
 * demo unit's members who may write, signed in through the real API; their sockets share those
 * few cookies.
 */
export async function startUnitroom(options: UnitroomOptions = {}): Promise<BenchServer> {
  const entry =
    options.entry ?? fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\``);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-bench-'));
  const cluster = options.postgres;
  const schema = cluster ? postgresTestSchema('bench') : null;
  const keyPrefix = redisTestPrefix('bench');
  const cleanUp = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (cluster && schema) {
      await dropPostgresSchema(cluster.databaseUrl, schema);
      if (cluster.redisUrl) await deleteRedisKeys(cluster.redisUrl, keyPrefix);
    }
  };
  try {
    const meetingIds = await prepareStore(
      await createApp(
        defaultConfig({
          dataDir,
          ...(cluster && schema ? { database: { url: cluster.databaseUrl, schema } } : {}),
        }),
      ),
      options.meetings ?? 1,
    );
    const env: Record<string, string> = {
      HOST,
      PORT: '0',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ...(cluster && schema
        ? {
            DATABASE_URL: cluster.databaseUrl,
            DATABASE_SCHEMA: schema,
            ...(cluster.redisUrl
              ? { REDIS_URL: cluster.redisUrl, REDIS_KEY_PREFIX: keyPrefix }
              : {}),
          }
        : {}),
    };
    return await launchUnitroom({
      entry,
      env,
      options,
      meetingIds,
      storeBytes: () => (cluster ? null : bytesOnDisk(dataDir)),
      cleanUp,
      signedIn: null,
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Starts Unitroom's processes on a prepared store; `restart` starts new ones on the same. */
async function launchUnitroom(launch: {
  entry: string;
  env: Record<string, string>;
  options: UnitroomOptions;
  meetingIds: readonly string[];
  storeBytes: () => number | null;
  cleanUp: () => Promise<void>;
  /** The writers' sessions, kept in the store across a restart; null signs them in. */
  signedIn: { writers: Writer[]; me: MeResponse } | null;
}): Promise<BenchServer> {
  const { options, meetingIds } = launch;
  const cluster = options.postgres;
  const nodeFlags = npmStartNodeFlags();
  const servers: ServerProcess[] = [];
  const stopProcesses = () => Promise.all(servers.map((server) => server.stop()));
  try {
    const ports: string[] = [];
    for (let i = 0; i < (cluster?.processes ?? 1); i += 1) {
      const server = new ServerProcess(
        spawn(process.execPath, [...nodeFlags, ...profilingFlags(), launch.entry], {
          env: serverEnv(launch.env),
          stdio: LOOP_STATS ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
        }),
      );
      servers.push(server);
      const [, port] = await server.waitForLine(/Unitroom listening on \S+ \(port (\d+)\)/);
      ports.push(port ?? '');
    }
    const baseUrls = ports.map((port) => `http://${HOST}:${port}`);
    const baseUrl = baseUrls[0] ?? '';
    const signedIn = launch.signedIn ?? (await signInWriters(baseUrl));
    const { writers, me } = signedIn;
    // The demo's own meeting has the agenda; the meetings added for the bench have none.
    const family = me.units[0]?.meetings.flatMap((meeting) => meeting.agenda)[0];
    if (!family) throw new Error('the demo unit has no meeting with an agenda');
    const docNameOf = (room: number) => `meeting:${meetingIds[room % meetingIds.length]}`;
    const first = servers[0] as ServerProcess;
    let handedOver = false;
    /** Stops every process cleanly; a non-zero exit means the final flush failed. */
    const stopChecked = async () => {
      const codes = await stopProcesses();
      if (codes.some((code) => code !== 0))
        throw new Error(`Unitroom exited with ${codes.join(', ')}:\n${first.output()}`);
    };
    return {
      label:
        options.label ??
        (cluster
          ? `Unitroom (PostgreSQL, ${servers.length} process${servers.length > 1 ? 'es, Redis' : ''})`
          : 'Unitroom (SQLite)'),
      protocol: 'y-websocket',
      pid: first.pid,
      pids: servers.map((server) => server.pid),
      serverUrl: `ws://${HOST}:${ports[0]}${COLLAB_PATH}`,
      docName: docNameOf(0),
      docNameOf,
      fragmentName: minutesFragmentName(family.familyId),
      clients: (count, room = 0, firstParticipant = 0) =>
        Array.from({ length: count }, (_, index) => {
          const i = firstParticipant + index;
          const writer = writers[i % writers.length] as Writer;
          const home = baseUrls[i % baseUrls.length] ?? baseUrl;
          return {
            serverUrl: `${home.replace('http', 'ws')}${COLLAB_PATH}`,
            docName: docNameOf(room),
            headers: { cookie: writer.cookie, origin: home },
            userId: writer.userId,
          };
        }),
      storeBytes: launch.storeBytes,
      ...(LOOP_STATS ? { loopStats: (reset: boolean) => first.loopStats(reset) } : {}),
      restart: async () => {
        handedOver = true;
        try {
          await stopChecked();
          return await launchUnitroom({ ...launch, signedIn });
        } catch (error) {
          await launch.cleanUp();
          throw error;
        }
      },
      stop: async () => {
        if (handedOver) return null;
        try {
          await stopChecked();
          return launch.storeBytes();
        } finally {
          await launch.cleanUp();
        }
      },
    };
  } catch (error) {
    await stopProcesses();
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
  for (const email of [...DEMO_MEMBERS.map((member) => member.email), ...BENCH_WRITER_EMAILS]) {
    const cookie = await signIn(baseUrl, email);
    const me = await fetchMe(baseUrl, cookie);
    first ??= me;
    const unitId = first.units[0]?.id;
    const membership = me.units.find((unit) => unit.id === unitId);
    if (membership && !membership.readOnly) writers.push({ cookie, userId: me.user.id });
  }
  if (!first || writers.length === 0) throw new Error('no demo member may write to the unit');
  return { writers, me: first };
}
