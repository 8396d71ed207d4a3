import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHILD_GROUPS_DIR_VARIABLE, groupGone } from './helpers/childServer.js';

/**
 * The run-wide half of the leak check for child processes (servers, strace): the global setup
 * of Vitest and of Playwright gives the test processes a directory in which each records the
 * process group of every child it starts (helpers/childServer.ts), and removes the record when
 * the child exits. Whatever is still recorded and alive at the global teardown outlived its test:
 * it is killed, group and all, and the run fails naming it, rather than a server staying up for
 * twenty minutes after CI.
 */
export function openChildGroupsDir(): () => Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-test-children-'));
  process.env[CHILD_GROUPS_DIR_VARIABLE] = dir;
  return async () => {
    const left: string[] = [];
    for (const name of fs.readdirSync(dir)) {
      const group = Number(name);
      if (!Number.isInteger(group) || group <= 1) continue;
      // One killed a moment ago may still be dying, or waiting to be reaped.
      if (await groupGone(group, 3_000)) continue;
      left.push(fs.readFileSync(path.join(dir, name), 'utf8').trim());
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env[CHILD_GROUPS_DIR_VARIABLE];
    if (left.length > 0) {
      const message = `${left.length} child process group(s) outlived the tests that started them (now killed):\n${left.join('\n')}`;
      // Vitest reports an error thrown by a global teardown without failing the run: the exit
      // code is set as well.
      process.exitCode = 1;
      throw new Error(message);
    }
  };
}
