import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

/**
 * `npm test`: builds the server and bundles the client side by side, then runs three suites side
 * by side: Vitest, Playwright, and the type-check of the client and the tests (`tsc -b`, what the
 * full build adds). On two cores the suites together are bound by the CPU, most of it
 * Playwright's browsers: what decides how long `npm test` takes is the CPU the suites need, not
 * their order or priorities (docs/testing.md, docs/performance-log.md 2026-12-07, session 9).
 * `UNITROOM_TEST_SERIAL=1` runs the suites one after the other (to read one suite's output alone,
 * or on a machine too loaded for all at once).
 *
 * Each line a suite prints is prefixed with its name; a suite that fails does not stop the others,
 * so one run reports every failure. The exit code is non-zero if any suite failed.
 */

export interface Suite {
  name: string;
  /** A shell command; bash's `time` reports its wall and CPU time (children included). */
  command: string;
}

/** Where the suites' prefixed lines go: this process's own streams by default. */
export interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface SuiteResult {
  name: string;
  /** The suite's exit code, or 1 if it was ended by a signal. */
  code: number;
}

/** What the suites need first: the shared package and the server built, the client bundled. */
const BUILDS: Suite[] = [
  { name: 'server', command: 'tsc -b server' },
  { name: 'client', command: 'npm run --silent build -w client' },
];

const SUITES: Suite[] = [
  { name: 'vitest', command: 'npm run --silent test:unit' },
  { name: 'playwright', command: 'npm run --silent test:e2e' },
  // The server's build is up to date by now, so this checks only the client and the tests; at
  // the lowest priority, on what the two test suites leave idle (their later minutes).
  { name: 'types', command: 'nice -n 19 tsc -b' },
];

function runSuite(
  suite: Suite,
  width: number,
  running: Set<() => void>,
  output: Output,
): Promise<SuiteResult> {
  const prefix = `${suite.name.padEnd(width)} | `;
  const child = spawn('bash', ['-c', `time { ${suite.command}; }`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it reaches npm and the runner under the shell.
    detached: true,
    env: {
      ...process.env,
      TIMEFORMAT: `${suite.name}: %R s wall, %U s user + %S s sys CPU`,
      // Colours survive the pipe when whoever runs `npm test` sees them.
      ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
    },
  });
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  running.add(stop);
  const relay = (from: NodeJS.ReadableStream, to: NodeJS.WritableStream) => {
    const lines = createInterface({ input: from, crlfDelay: Infinity });
    lines.on('line', (line) => to.write(`${prefix}${line}\n`));
    return new Promise<void>((resolve) => lines.once('close', resolve));
  };
  const relayed = Promise.all([
    relay(child.stdout, output.stdout),
    relay(child.stderr, output.stderr),
  ]);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      running.delete(stop);
      output.stderr.write(`${prefix}could not start: ${error.message}\n`);
      resolve({ name: suite.name, code: 1 });
    });
    child.once('close', (code) => {
      running.delete(stop);
      void relayed.then(() => resolve({ name: suite.name, code: code ?? 1 }));
    });
  });
}

/** Runs the suites (side by side unless `serial`); resolves with each one's result, in order. */
export async function runSuites(
  suites: Suite[],
  serial: boolean,
  output: Output = process,
): Promise<SuiteResult[]> {
  const width = Math.max(...suites.map((suite) => suite.name.length));
  const running = new Set<() => void>();
  // Ended from outside (CI's time limit, Ctrl-C in a terminal that did not reach the children):
  // the suites are ended too, and each one's own teardown stops the servers it started.
  const forward = () => {
    for (const stop of running) stop();
  };
  process.once('SIGTERM', forward);
  process.once('SIGINT', forward);
  try {
    if (!serial)
      return await Promise.all(suites.map((suite) => runSuite(suite, width, running, output)));
    const results: SuiteResult[] = [];
    for (const suite of suites) results.push(await runSuite(suite, width, running, output));
    return results;
  } finally {
    process.off('SIGTERM', forward);
    process.off('SIGINT', forward);
  }
}

/**
 * Runs the `first` suites, then, if they all passed, the others; resolves with the results of
 * what ran.
 */
export async function runAfter(
  first: Suite[],
  suites: Suite[],
  serial: boolean,
  output: Output = process,
): Promise<SuiteResult[]> {
  const results = await runSuites(first, serial, output);
  if (results.some((result) => result.code !== 0)) return results;
  return [...results, ...(await runSuites(suites, serial, output))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const serial = process.env.UNITROOM_TEST_SERIAL === '1';
  const results = await runAfter(BUILDS, SUITES, serial);
  for (const { name, code } of results) {
    process.stdout.write(`${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}\n`);
  }
  process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
}
