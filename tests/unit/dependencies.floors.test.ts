import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Lowest versions we accept of the libraries that face the network, each above the last advisory
 * that concerned us: ws 8.17.1 (a request with many headers crashed the server, CVE-2024-37890),
 * socket.io 4.6.2 (an unhandled 'error' event, CVE-2024-38355), socket.io-parser 4.2.3 (a crafted
 * packet threw, CVE-2023-32695), engine.io 6.5.5 (CVE-2024-38355's transport side), yjs 13.6.8
 * (what Hocuspocus 4 and our stored documents need), y-protocols 1.0.6.
 */
const FLOORS: Record<string, { from: string; floor: string }> = {
  ws: { from: 'server', floor: '8.17.1' },
  'socket.io': { from: 'server', floor: '4.6.2' },
  'socket.io-parser': { from: 'socket.io', floor: '4.2.3' },
  'engine.io': { from: 'socket.io', floor: '6.5.5' },
  yjs: { from: 'server', floor: '13.6.8' },
  'y-protocols': { from: 'server', floor: '1.0.6' },
};

/** The installed package.json of `name` as `from` (a workspace or a package) resolves it. */
function installedVersion(name: string, from: string): string {
  const base =
    from === 'server'
      ? path.join(root, 'server', 'package.json')
      : path.join(packageDir(from, path.join(root, 'server', 'package.json')), 'package.json');
  return (
    JSON.parse(fs.readFileSync(path.join(packageDir(name, base), 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

function packageDir(name: string, fromFile: string): string {
  // Some packages do not export their package.json: find it above their entry point.
  // y-protocols has no main entry, only subpaths.
  const entry = name === 'y-protocols' ? 'y-protocols/sync' : name;
  let dir = path.dirname(createRequire(fromFile).resolve(entry));
  while (!fs.existsSync(path.join(dir, 'package.json')) || readName(dir) !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json for ${name}`);
    dir = parent;
  }
  return dir;
}

const readName = (dir: string): string =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name ??
  '';

const atLeast = (version: string, floor: string): boolean => {
  const a = version.split(/[.+-]/).slice(0, 3).map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
};

describe('dependencies: floors and advisories', () => {
  it.each(Object.entries(FLOORS))('%s is at or above its floor', (name, { from, floor }) => {
    const version = installedVersion(name, from);
    expect(atLeast(version, floor), `${name} ${version} < ${floor}`).toBe(true);
  });

  it('the comparison itself orders versions', () => {
    expect(atLeast('8.17.1', '8.17.1')).toBe(true);
    expect(atLeast('8.9.0', '8.17.1')).toBe(false);
    expect(atLeast('9.0.0', '8.17.1')).toBe(true);
    expect(atLeast('4.2.2', '4.2.3')).toBe(false);
  });

  it('npm audit finds nothing high or critical (skipped, with the reason, when the registry cannot answer)', async (context) => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'npm',
        ['audit', '--audit-level=high', '--json'],
        { cwd: root, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    let report: { metadata?: { vulnerabilities?: Record<string, number> }; error?: unknown };
    try {
      report = JSON.parse(result.stdout) as typeof report;
    } catch {
      report = {};
    }
    const counts = report.metadata?.vulnerabilities;
    if (!counts) {
      const reason = `${result.stderr}\n${result.stdout}`
        .split('\n')
        .find((line) => /audit|ENOTFOUND|EAI_AGAIN|ECONN|405|registry/i.test(line));
      context.skip(`the registry did not answer the audit: ${reason?.trim() ?? 'no report'}`);
      return;
    }
    expect({ high: counts.high ?? 0, critical: counts.critical ?? 0 }).toEqual({
      high: 0,
      critical: 0,
    });
  }, 90_000);
});
