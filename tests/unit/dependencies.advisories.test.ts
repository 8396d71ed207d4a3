import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADVISORIES, type Advisory } from '../fixtures/advisories.js';

/**
 * Every package the lockfile installs, at every depth, against the vetted advisories: the check
 * works offline and fails the moment an install would bring an affected release back.
 */
const LOCKFILE = path.resolve(import.meta.dirname, '../../package-lock.json');

type Version = [number, number, number];
const parse = (version: string): Version => {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).slice(0, 3).map(Number);
  return [major, minor, patch];
};
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
/** The release line: the major, or 0.minor below 1.0.0 (where a minor breaks like a major). */
const line = ([major, minor]: Version): number => (major > 0 ? major * 1000 : minor);

function affected(version: string, advisory: Advisory): boolean {
  const v = parse(version);
  const fixes = advisory.fixedIn.map(parse).sort(compare);
  const sameLine = fixes.find((fix) => line(fix) === line(v));
  if (sameLine) return compare(v, sameLine) < 0;
  const oldest = fixes[0];
  // Older than every fixed line: never fixed there. Newer than the newest fixed line: never hit.
  return oldest !== undefined && line(v) < line(oldest);
}

function installed(): Array<{ where: string; name: string; version: string }> {
  const lock = JSON.parse(fs.readFileSync(LOCKFILE, 'utf8')) as {
    packages: Record<string, { version?: string; link?: boolean }>;
  };
  return Object.entries(lock.packages).flatMap(([where, entry]) => {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(where)?.[1];
    return name && entry.version && !entry.link ? [{ where, name, version: entry.version }] : [];
  });
}

describe('dependencies: vetted advisories against the lockfile', () => {
  it('no package the lockfile installs is a release an advisory names', () => {
    const found = installed().flatMap((pkg) =>
      ADVISORIES.filter(
        (advisory) => advisory.name === pkg.name && affected(pkg.version, advisory),
      ).map((advisory) => `${pkg.where} ${pkg.version}: ${advisory.id} (${advisory.summary})`),
    );
    expect(found).toEqual([]);
  });

  it('the lockfile is read: the network-facing packages are there to check', () => {
    const names = new Set(installed().map((pkg) => pkg.name));
    for (const name of ['ws', 'socket.io', 'engine.io', 'express', 'cookie']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('release lines are told apart', () => {
    const ws = ADVISORIES.find((advisory) => advisory.name === 'ws') as Advisory;
    expect(affected('8.17.0', ws)).toBe(true);
    expect(affected('8.17.1', ws)).toBe(false);
    expect(affected('7.5.9', ws)).toBe(true);
    expect(affected('6.2.7', ws)).toBe(false);
    expect(affected('4.1.0', ws)).toBe(true);
    const pathToRegexp = ADVISORIES.find((a) => a.id === 'CVE-2024-52798') as Advisory;
    expect(affected('0.1.11', pathToRegexp)).toBe(true);
    expect(affected('8.4.2', pathToRegexp)).toBe(false);
    const express = ADVISORIES.find((a) => a.name === 'express') as Advisory;
    expect(affected('5.3.0', express)).toBe(false);
    expect(affected('4.19.2', express)).toBe(true);
  });
});
