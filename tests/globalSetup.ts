import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Tests that run the server as a child process use its build. Building here (incrementally, a
 * second or two when nothing changed) means they never run a stale one.
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'server'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
