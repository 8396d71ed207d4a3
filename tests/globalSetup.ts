import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openChildGroupsDir } from './childProcesses.js';

/**
 * Tests use the server's build, in process (through `@unitroom/server` and `@unitroom/shared`)
 * and as a child process. Building here (incrementally, a second or two when nothing changed)
 * means they never run a stale one. The teardown fails the run if any child process outlived its
 * test (childProcesses.ts).
 */
export default function setup(): () => Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'server'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return openChildGroupsDir();
}
