import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench:deps`: installs the servers the bench compares Unitroom with (plain
 * `@y/websocket-server`, `@hocuspocus/server` with its SQLite extension, and their clients) into
 * tests/bench/baselines, a package of its own with its own lockfile, outside the workspaces: the
 * default `npm ci`, `npm start` and `npm test` never install or need them. Runs `npm ci` there
 * only when its lockfile changed since the last install, then type-checks the baselines' code.
 */
const dir = path.join(import.meta.dirname, 'baselines');
const lockfile = path.join(dir, 'package-lock.json');
const stamp = path.join(dir, 'node_modules', '.installed-lockfile-sha256');
const wanted = createHash('sha256').update(fs.readFileSync(lockfile)).digest('hex');
const installed = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (installed !== wanted) {
  console.log('installing the bench baselines (tests/bench/baselines)');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  fs.writeFileSync(stamp, `${wanted}\n`);
}
const root = path.resolve(dir, '../../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
// The baselines' code reads @unitroom/shared's types from its build, which a fresh checkout lacks.
execFileSync(process.execPath, [tsc, '-b', path.join(root, 'shared')], {
  cwd: root,
  stdio: 'inherit',
});
execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], {
  cwd: root,
  stdio: 'inherit',
});
