/**
 * First load on an old laptop: sign-in to an editable meeting room with Chromium's CPU slowed 4x
 * (CDP Emulation.setCPUThrottlingRate), for this build and, in the same run, for a build of
 * origin/main made in a temporary git worktree. Prints the median of RUNS cold loads each, and
 * the bytes of script the sign-in page and the room fetch.
 *
 *   npm run build && node --conditions=source --import tsx tests/bench/firstLoad.bench.ts [--no-main]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { startChildServer } from '../helpers/childServer.js';
import { launchChromium } from './chromium.js';

const RUNS = Number(process.env.RUNS ?? 3);
const THROTTLE = 4;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

interface Load {
  signInToRoomMs: number;
  /** Script bytes on the wire for the sign-in page, then for everything up to the room. */
  signInScriptBytes: number;
  roomScriptBytes: number;
  /** The entry script: its bytes on the wire and uncompressed. */
  mainScript: { wire: number; decoded: number; encoding: string };
}

/** Builds origin/main's client into a temporary worktree, with its own copy of shared/. */
function buildMain(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-main-'));
  execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', dir, 'origin/main'], {
    stdio: 'ignore',
  });
  // Its own node_modules: links to ours, except @unitroom/*, which must be main's packages.
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@unitroom'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(repo, 'node_modules'))) {
    if (entry === '@unitroom' || entry === '.bin') continue;
    fs.symlinkSync(path.join(repo, 'node_modules', entry), path.join(modules, entry));
  }
  for (const pkg of ['shared', 'client', 'server', 'tests']) {
    if (fs.existsSync(path.join(dir, pkg)))
      fs.symlinkSync(path.join(dir, pkg), path.join(modules, '@unitroom', pkg));
  }
  execFileSync(
    process.execPath,
    [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    { cwd: path.join(dir, 'client'), stdio: 'inherit' },
  );
  return dir;
}

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const scripts: Array<{ url: string; wire: number; decoded: number; encoding: string }> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response
      .request()
      .sizes()
      .then(async (sizes) => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.push({
          url: response.url(),
          wire: sizes.responseBodySize,
          decoded: body.length,
          encoding: (await response.allHeaders())['content-encoding'] ?? 'none',
        });
      });
  });
  await page.goto('/sign-in');
  await page.getByLabel('Email address').waitFor();
  const signInScriptBytes = scripts.reduce((sum, s) => sum + s.wire, 0);
  await page.getByLabel('Email address').fill('csw@demo.test');
  await page.getByLabel('Password').fill('unitroom-demo');
  const start = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Open the meeting room' }).click();
  const editor = page.getByRole('textbox', { name: /^Minutes for / });
  await editor.and(page.locator('[contenteditable="true"]')).waitFor({ timeout: 120_000 });
  const signInToRoomMs = Date.now() - start;
  const main = scripts.find((s) => /\/assets\/index-[^/]*\.js$/.test(s.url));
  const result = {
    signInToRoomMs,
    signInScriptBytes,
    roomScriptBytes: scripts.reduce((sum, s) => sum + s.wire, 0),
    mainScript: main
      ? { wire: main.wire, decoded: main.decoded, encoding: main.encoding }
      : { wire: 0, decoded: 0, encoding: '?' },
  };
  await context.close();
  return result;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

async function measure(name: string, clientDir: string | null, browser: Browser) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-bench-'));
  const server = await startChildServer(dataDir, clientDir ? { CLIENT_DIR: clientDir } : {});
  try {
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i += 1) loads.push(await load(browser, server.url));
    const last = loads[loads.length - 1]!;
    console.log(
      `${name.padEnd(8)} sign-in to editable room (4x CPU): median ${median(loads.map((l) => l.signInToRoomMs))} ms ` +
        `[${loads.map((l) => l.signInToRoomMs).join(', ')}]; sign-in page scripts ${kB(last.signInScriptBytes)}, ` +
        `to the room ${kB(last.roomScriptBytes)} on the wire; main script ${kB(last.mainScript.wire)} ` +
        `(${last.mainScript.encoding}, ${kB(last.mainScript.decoded)} uncompressed)`,
    );
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const browser = await launchChromium();
let mainDir: string | null = null;
try {
  await measure('branch', null, browser);
  if (!process.argv.includes('--no-main')) {
    mainDir = buildMain();
    await measure('main', path.join(mainDir, 'client/dist/app'), browser);
  }
} finally {
  await browser.close();
  if (mainDir) {
    execFileSync('git', ['-C', repo, 'worktree', 'remove', '--force', mainDir], {
      stdio: 'ignore',
    });
  }
}
