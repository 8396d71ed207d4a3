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
