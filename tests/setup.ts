import fs from 'node:fs';
import { afterAll, expect } from 'vitest';
import { killLeftoverChildren, setChildStarter } from './helpers/childServer.js';

/**
 * Runs in every test worker before its tests. Each stock y-websocket `WebsocketProvider` adds a
 * process 'exit' listener (to clear its awareness) and removes it when destroyed; tests that hold
 * a room of twenty or fifty clients at once exceed Node's default of ten and would print a
 * MaxListenersExceededWarning for an expected, bounded number of listeners.
 */
process.setMaxListeners(200);

/**
 * With `UNITROOM_TEST_CPU_LOG=<file>`, each test file appends one JSON line to that file: the
 * CPU seconds its worker spent on it and those of the child processes it started and reaped
 * (servers, strace), with its wall time. On a machine shared with others, wall times say little
 * about what a file costs; CPU seconds do (docs/testing.md). Linux only (read from /proc).
 */
const cpuLog = process.env.UNITROOM_TEST_CPU_LOG;
const cpuSeconds = (): { own: number; children: number } | null => {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // After "(comm) ": utime, stime, cutime and cstime are fields 12 to 15, in clock ticks
    // (USER_HZ: 100 a second on Linux, whatever the kernel's own tick rate).
    const [utime, stime, cutime, cstime] = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 15)
      .map(Number);
    const ticks = 100;
    return { own: (utime! + stime!) / ticks, children: (cutime! + cstime!) / ticks };
  } catch {
    return null;
  }
};
if (cpuLog) {
  const start = cpuSeconds();
  const startedAt = Date.now();
  afterAll(() => {
    const end = cpuSeconds();
    if (!start || !end) return;
    const line = {
      file: expect.getState().testPath,
      cpuSeconds: Number((end.own - start.own).toFixed(2)),
      childrenCpuSeconds: Number((end.children - start.children).toFixed(2)),
      wallSeconds: (Date.now() - startedAt) / 1000,
    };
    fs.appendFileSync(cpuLog, `${JSON.stringify(line)}\n`);
  });
}

/**
 * A child process (a server, strace) that a file started and never stopped is killed after the
 * file, group and all, and fails the file: nothing a test starts may outlive it.
 */
setChildStarter(() => expect.getState().testPath ?? 'a vitest file');
afterAll(async () => {
  const leftovers = await killLeftoverChildren();
  if (leftovers.length > 0)
    throw new Error(
      `child processes left running by this file (now killed):\n${leftovers.join('\n')}`,
    );
});
