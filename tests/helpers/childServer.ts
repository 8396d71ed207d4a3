import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built server entry; tests/globalSetup.ts builds it before any test runs. */
export const SERVER_ENTRY = path.resolve(here, '../../server/dist/main.js');

export interface ChildServer {
  process: ChildProcess;
  url: string;
  port: number;
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * A loopback port free right now, for a server that must know its public address before it
 * starts (ALLOWED_ORIGINS, PUBLIC_URL, the OpenID callback), as a production server does.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The Node flags `npm start` runs the server with, read from the root package.json so that tests
 * and benches cannot drift from it.
 */
export function npmStartNodeFlags(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } };
  const match = /\bnode((?:\s+--\S+)*)\s+server\/dist\/main\.js/.exec(manifest.scripts.start);
  if (!match)
    throw new Error(`cannot tell how npm start runs the server: ${manifest.scripts.start}`);
  return (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/**
 * Where every test process writes the process group of each child it starts (one file per group,
 * named by its id), so that the runners' global teardown (tests/childProcesses.ts) can fail the
 * run, and kill them, if any outlived its test. Set by the global setup; unset, nothing is written.
 */
export const CHILD_GROUPS_DIR_VARIABLE = 'UNITROOM_TEST_CHILD_GROUPS_DIR';

/** Children of this process that may still run: each is the leader of its own process group. */
const running = new Set<ChildProcess>();
/** Those a test has asked to stop through `stopChildProcess`. */
const stopping = new WeakSet<ChildProcess>();
let describeStarter = (): string => `test process ${process.pid}`;

/** How leak reports name who started a child (tests/setup.ts names the vitest file). */
export function setChildStarter(describe: () => string): void {
  describeStarter = describe;
}

/** Whether a child has not yet exited (it may have been sent a signal already). */
export const stillRunning = (child: ChildProcess): boolean =>
  child.exitCode === null && child.signalCode === null;

/**
 * Spawns a process as the leader of a new process group, recorded for the leak checks. A test
 * stops it with `stopChildProcess`, which signals the whole group: a server run under a wrapper
 * (strace) must not outlive the wrapper, as it does when only the wrapper is killed.
 */
export function spawnTrackedChild(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) return child;
  running.add(child);
  const groupsDir = process.env[CHILD_GROUPS_DIR_VARIABLE];
  const record = groupsDir ? path.join(groupsDir, String(pid)) : null;
  if (record)
    fs.writeFileSync(record, `${[command, ...args].join(' ')}, started by ${describeStarter()}\n`);
  child.once('exit', () => {
    running.delete(child);
    // A record stays while anything of the group runs on (a server whose strace was killed):
    // the global teardown then finds it alive and fails the run.
    if (record && !groupAlive(pid)) fs.rmSync(record, { force: true });
  });
  return child;
}

/**
 * Whether any process of the group `group` still runs. On Linux a zombie (dead, not yet reaped
 * by whoever inherited it) does not count: it holds no port, file or memory.
 */
export function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "(comm) ": state is the first field, then ppid, then the process group.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z') return true;
  }
  return false;
}

/**
 * Resolves true once nothing of the group runs, false after `withinMs`. A process killed with
 * the group (a server under strace) can take a moment to die and be reaped after its leader.
 */
export async function groupGone(group: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(group)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** Signals a tracked child's whole process group (never throws for one already gone). */
export function signalChildGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Stops a tracked child: `signal` to its process group, then SIGKILL to the group if it has not
 * exited within `graceMs`. Resolves with its exit code (null when killed by a signal).
 */
export async function stopChildProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => {
    if (!stillRunning(child)) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  stopping.add(child);
  if (!stillRunning(child)) return exited;
  signalChildGroup(child, signal);
  const timer = setTimeout(() => signalChildGroup(child, 'SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
    // Whatever the leader left behind in its group goes with it.
    signalChildGroup(child, 'SIGKILL');
    if (child.pid !== undefined) await groupGone(child.pid, 5_000);
  }
}

/**
 * Kills every tracked child of this process that is still running and names those no test had
 * asked to stop: tests/setup.ts runs it after each file and fails the file if it names any.
 */
export async function killLeftoverChildren(): Promise<string[]> {
  const leftovers: string[] = [];
  for (const child of [...running]) {
    const asked = child.killed || stopping.has(child);
    if (!asked) leftovers.push(`${child.spawnargs.join(' ')} (pid ${child.pid})`);
    await stopChildProcess(child, asked ? 'SIGTERM' : 'SIGKILL', 10_000);
  }
  return leftovers;
}

/**
 * The environment of a child server as `npm start` would run it, on port 0: DATABASE_URL and
 * REDIS_URL are blanked, so each child has its own store unless a test asks.
 */
export function childServerEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // The demo unit's accounts and families with empty genograms and boards, as tests expect.
    SEED_DEMO: 'blank',
    NODE_ENV: 'test',
  };
}

/**
 * Starts `server/dist/main.js` as its own process, exactly as `npm start` does, on port 0, and
 * resolves with the port it prints. For tests that must kill a server, not just close it.
 */
export function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { ipc?: boolean } = {},
): Promise<ChildServer> {
  // UNITROOM_CHILD_NODE_FLAGS adds Node flags for a diagnosis (e.g. --trace-gc); the output of
  // a child is in `output()`.
  const extraFlags = (process.env.UNITROOM_CHILD_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawnTrackedChild(
    process.execPath,
    [...npmStartNodeFlags(), ...extraFlags, SERVER_ENTRY],
    {
      env: {
        ...childServerEnv(dataDir),
        // The sync suites write scratch roots; the hostile-writer suite runs with the default.
        UNITROOM_ALLOW_UNKNOWN_ROOTS: 'true',
        ...env,
      },
      // With an IPC channel the server answers 'stats' with its event-loop figures (childStats).
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    },
  );
  return serverListening(child);
}

/**
 * Resolves once `child`, a server started on port 0 (directly or under a tool such as strace),
 * prints the port it listens on; rejects if it exits first.
 */
export function serverListening(child: ChildProcess): Promise<ChildServer> {
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  // UNITROOM_CHILD_OUTPUT_DIR keeps each child's output (its --trace-gc lines, say) in
  // <dir>/<pid>.log once it exits, for a diagnosis of a run that passed.
  const outputDir = process.env.UNITROOM_CHILD_OUTPUT_DIR;
  if (outputDir)
    void exited.then(() => {
      fs.mkdirSync(outputDir, { recursive: true });
      fs.writeFileSync(path.join(outputDir, `${child.pid ?? 'unknown'}.log`), output);
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        const port = Number(match[1]);
        resolve({
          process: child,
          port,
          url: `http://localhost:${port}`,
          output: () => output,
          exited,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
}

/** What a child server started with `ipc` reports about itself (server/src/ops/eventLoopStats.ts). */
export interface ChildStats {
  maxDelayMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
  maxOnCpuDelayMs: number | null;
  maxOnCpuAtMs: number | null;
  prototypePolluted: boolean;
  rssBytes: number;
  /** What the main thread did, counted (server/src/ops/mainThreadWork.ts), since the last reset. */
  work: {
    documentEncodings: number;
    pendingLeftOut: number;
    largestInlineUpdateBytes: number;
    vettedOnWorker: number;
  };
}

/** Asks a child started with `ipc` for its stats; `reset` starts a new measurement first. */
export function childStats(
  child: Pick<ChildServer, 'process' | 'output'>,
  reset = false,
): Promise<ChildStats> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      child.process.off('exit', onExit);
      resolve(message as ChildStats);
    };
    const onExit = () => {
      child.process.off('message', onMessage);
      reject(new Error(`server exited:\n${child.output()}`));
    };
    child.process.once('message', onMessage);
    child.process.once('exit', onExit);
    child.process.send(reset ? 'stats:reset' : 'stats');
  });
}
