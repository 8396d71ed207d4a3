import { spawn, type ChildProcess } from 'node:child_process';
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
 * Starts `server/dist/main.js` as its own process, exactly as `npm start` does, on port 0, and
 * resolves with the port it prints. For tests that must kill a server, not just close it.
 */
export function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_ENTRY], {
    // DATABASE_URL and REDIS_URL are blanked: each child has its own store unless a test asks.
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
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
