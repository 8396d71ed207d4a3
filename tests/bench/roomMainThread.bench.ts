/**
 * Main-thread work of opening the meeting room on an old laptop: from the click on "Open the
 * meeting room" on the unit home page until the minutes are editable, with Chromium's CPU slowed
 * 4x. Wall time on a shared machine depends on what else runs; the CPU profile's non-idle
 * samples (script, layout, style, garbage collection) do much less, so this is the figure to
 * compare before and after a change to how the room mounts.
 *
 *   npm run build && node --conditions=source --import tsx tests/bench/roomMainThread.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { startChildServer } from '../helpers/childServer.js';
import { launchChromium } from './chromium.js';

const RUNS = Number(process.env.RUNS ?? 3);
const THROTTLE = 4;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Milliseconds of samples that were not idle, and the busiest function names, by self time. */
function busy(profile: Profile): { busyMs: number; top: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let busyMicros = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    // A sample's time is the gap to the next one.
    const micros = deltas[i + 1] ?? 0;
    const node = byId.get(samples[i]!);
    const name = node?.callFrame.functionName ?? '?';
    if (name === '(idle)') continue;
    busyMicros += micros;
    const file = node?.callFrame.url.split('/').pop() ?? '';
    const key = `${name || '(anonymous)'} ${file}`;
    self.set(key, (self.get(key) ?? 0) + micros);
  }
  if (process.env.CALLERS) {
    // Who calls a native function (say getBoundingClientRect), by time spent in it.
    const parent = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id);
    const chains = new Map<string, number>();
    for (let i = 0; i < samples.length; i += 1) {
      const node = byId.get(samples[i]!);
      if (node?.callFrame.functionName !== process.env.CALLERS) continue;
      const chain: string[] = [];
      for (
        let id = parent.get(node.id);
        id !== undefined && chain.length < 8;
        id = parent.get(id)
      ) {
        const frame = byId.get(id)!.callFrame;
        chain.push(
          `${frame.functionName || '?'}@${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`,
        );
      }
      const key = chain.join(' < ');
      chains.set(key, (chains.get(key) ?? 0) + (deltas[i + 1] ?? 0));
    }
    for (const [key, micros] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5))
      console.log(`  ${Math.round(micros / 1000)} ms ${key}`);
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([key, micros]): [string, number] => [key, Math.round(micros / 1000)]);
  return { busyMs: Math.round(busyMicros / 1000), top };
}

async function openRoom(browser: Browser, url: string) {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('csw@demo.test');
  await page.getByLabel('Password').fill('unitroom-demo');
  // The home page fetches the room's code once idle; wait for that, as a person reading it would.
  const prefetched = page.waitForResponse(/\/assets\/MeetingRoomPage-[^/]*\.js$/, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Sign in' }).click();
  const open = page.getByRole('link', { name: 'Open the meeting room' });
  await open.waitFor();
  await prefetched;
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const start = Date.now();
  await open.click();
  const editor = page.getByRole('textbox', { name: /^Minutes for / });
  await editor.and(page.locator('[contenteditable="true"]')).waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - start;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  // Then the rest of the room: the genogram drawn and the board's columns in their pane.
  await cdp.send('Profiler.start');
  await page.getByRole('group', { name: /^Genogram of / }).waitFor({ timeout: 120_000 });
  await page.locator('#room-pane-board-body').getByRole('heading').first().waitFor();
  const rest = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const wholeRoomMs = Date.now() - start;
  await context.close();
  return { wallMs, wholeRoomMs, restBusyMs: busy(rest.profile).busyMs, ...busy(profile) };
}

const dataDir = fs.mkdtempSync(`${os.tmpdir()}/unitroom-room-bench-`);
const server = await startChildServer(dataDir, {});
const browser = await launchChromium();
try {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await openRoom(browser, server.url);
    runs.push(run);
    console.log(
      `run ${i + 1}: main thread busy ${run.busyMs} ms, wall ${run.wallMs} ms to editable minutes; ` +
        `then ${run.restBusyMs} ms busy until the genogram and board are drawn (wall ${run.wholeRoomMs} ms in all)`,
    );
    if (process.env.TOP) for (const [key, ms] of run.top) console.log(`    ${ms} ms  ${key}`);
  }
  const sorted = runs.map((run) => run.busyMs).sort((a, b) => a - b);
  console.log(
    `open the room to editable minutes (4x CPU): main thread busy median ${sorted[Math.floor(sorted.length / 2)]} ms [${runs.map((r) => r.busyMs).join(', ')}]; wall [${runs.map((r) => r.wallMs).join(', ')}] ms; ` +
      `busy until the whole room is drawn [${runs.map((r) => r.busyMs + r.restBusyMs).join(', ')}] ms`,
  );
} finally {
  await browser.close();
  server.process.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
