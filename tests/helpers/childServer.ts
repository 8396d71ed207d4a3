import { spawn, type ChildProcess } from 'node:child_process';
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
 * Starts `server/dist/main.js` as its own process, exactly as `npm start` does, on port 0, and
 * resolves with the port it prints. For tests that must kill a server, not just close it.
 */
export function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { ipc?: boolean } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...npmStartNodeFlags(), SERVER_ENTRY], {
    // DATABASE_URL and REDIS_URL are blanked: each child has its own store unless a test asks.
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // The demo unit's accounts and families with empty genograms and boards, as tests expect.
      SEED_DEMO: 'blank',
      NODE_ENV: 'test',
      // The sync suites write scratch roots; the hostile-writer suite runs with the default.
      UNITROOM_ALLOW_UNKNOWN_ROOTS: 'true',
      ...env,
    },
    // With an IPC channel the server answers 'stats' with its event-loop figures (childStats).
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
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
  prototypePolluted: boolean;
  rssBytes: number;
}

/** Asks a child started with `ipc` for its stats; `reset` starts a new measurement first. */
export function childStats(child: ChildServer, reset = false): Promise<ChildStats> {
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
