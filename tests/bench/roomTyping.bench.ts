/**
 * `npm run bench:room-typing` — what three laptops in the meeting room spend while one person
 * types the minutes: the consultant types 210 characters at one every 60 ms into the Osei
 * family's minutes while a social worker and a child practitioner watch, all three at 1366x768
 * with the demo's genograms and boards drawn. Prints the CPU seconds of Chromium's processes by
 * kind over the typing (read from /proc, so every thread counts) and what each page
 * spent laying out, painting and running script (from Chromium's own trace of each page's main
 * thread). Compare before and after a change to the room's layout or its live updates; the
 * machine's load is printed with it, since a busy machine stretches everything.
 * Options: --runs (default 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { startChildServer } from '../helpers/childServer.js';
import { cpuSeconds } from './procStats.js';
import { launchChromium } from './chromium.js';

const { values } = parseArgs({ options: { runs: { type: 'string' } }, strict: true });
const RUNS = Number(values.runs ?? 2);
const SENTENCE =
  'The unit wondered whether the school had seen the change in Kofi since the summer, and who noticed first. ';
const TEXT = SENTENCE.repeat(2);
const KEY_DELAY_MS = 60;
const DEMO_PASSWORD = 'unitroom-demo';
const minutesOf = (page: Page) => page.getByRole('textbox', { name: /^Minutes for Osei family/ });

/** CPU seconds so far of every Chromium process, summed by its kind (browser, renderer...). */
function chromiumCpu(): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command: string;
    try {
      command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    if (!command.includes('chrom')) continue;
    const kind = /--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser';
    byKind.set(kind, (byKind.get(kind) ?? 0) + (cpuSeconds(Number(entry)) ?? 0));
  }
  return byKind;
}

/** Main-thread milliseconds (thread time) of a trace's rendering stages and script, by page. */
function stagesByPage(tracePath: string): Map<number, Record<string, number>> {
  const trace = JSON.parse(fs.readFileSync(tracePath, 'utf8')) as {
    traceEvents: Array<{
      ph: string;
      name: string;
      pid: number;
      tid: number;
      tdur?: number;
      args?: { name?: string };
    }>;
  };
  const mainThreads = new Set(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const stages: Record<string, string> = {
    Layout: 'layout',
    UpdateLayoutTree: 'style',
    Paint: 'paint',
    PrePaint: 'paint',
    FunctionCall: 'script',
    TimerFire: 'script',
    EventDispatch: 'script',
  };
  const byPage = new Map<number, Record<string, number>>();
  for (const event of trace.traceEvents) {
    const stage = stages[event.name];
    if (event.ph !== 'X' || !stage || !mainThreads.has(`${event.pid}:${event.tid}`)) continue;
    const totals = byPage.get(event.pid) ?? {};
    totals[stage] = (totals[stage] ?? 0) + (event.tdur ?? 0) / 1000;
    byPage.set(event.pid, totals);
  }
  return byPage;
}

async function openRoom(browser: Browser, url: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  const session = await context.request.post('/api/session', {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: new URL(url).origin },
  });
  if (session.status() !== 204) throw new Error(`sign-in of ${email}: ${session.status()}`);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByRole('link', { name: 'Open the meeting room' }).click();
  await page.getByRole('navigation', { name: 'Agenda' }).waitFor();
  return page;
}

async function run(browser: Browser, url: string, tracePath: string) {
  const typist = await openRoom(browser, url, 'csw@demo.test');
  const watchers = [
    await openRoom(browser, url, 'sw@demo.test'),
    await openRoom(browser, url, 'cp@demo.test'),
  ];
  await typist
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('button', { name: 'Focus everyone here: Osei family' })
    .click();
  for (const page of [typist, ...watchers]) await minutesOf(page).waitFor();
  // Chromium traces every page of the browser; the pages are told apart by their process.
  await browser.startTracing(watchers[0], {
    path: tracePath,
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const before = chromiumCpu();
  const started = performance.now();
  await minutesOf(typist).click();
  await typist.keyboard.type(TEXT, { delay: KEY_DELAY_MS });
  // The last keystroke reached the watchers: their minutes end with it.
  for (const page of watchers)
    await page.waitForFunction(
      (end) => document.querySelector('.minutes-editor__content')?.textContent?.includes(end),
      SENTENCE.trim().slice(-30),
    );
  const seconds = (performance.now() - started) / 1000;
  const after = chromiumCpu();
  await browser.stopTracing();
  for (const page of [typist, ...watchers]) await page.context().close();
  const cpu = new Map([...after].map(([kind, total]) => [kind, total - (before.get(kind) ?? 0)]));
  return { seconds, cpu, pages: stagesByPage(tracePath) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-typing-bench-'));
const server = await startChildServer(dataDir, {
  UNITROOM_ALLOW_UNKNOWN_ROOTS: 'false',
  SEED_DEMO: 'true',
});
const browser = await launchChromium();
try {
  console.log(
    `three laptops in the room, one typing ${TEXT.length} characters (${KEY_DELAY_MS} ms apart)`,
  );
  console.log(`machine load at start: ${os.loadavg()[0]?.toFixed(1)}`);
  console.log('');
  console.log(
    'run | typing (s) | renderers (CPU s) | per key (ms) | browser, gpu (CPU s) | each page, typist first: layout, paint, script (ms)',
  );
  console.log(
    '----|------------|-------------------|--------------|----------------------|----------------------------------------------------',
  );
  for (let i = 1; i <= RUNS; i += 1) {
    const result = await run(browser, server.url, path.join(dataDir, `trace-${i}.json`));
    const renderer = result.cpu.get('renderer') ?? 0;
    // The typist's page runs the most script (the keystrokes themselves): it comes first.
    const pages = [...result.pages.values()]
      .sort((a, b) => (b.script ?? 0) - (a.script ?? 0))
      .map((s) => [s.layout, s.paint, s.script].map((ms) => Math.round(ms ?? 0)).join(', '))
      .join(' / ');
    console.log(
      `${i} | ${result.seconds.toFixed(1)} | ${renderer.toFixed(2)} | ${((renderer * 1000) / TEXT.length).toFixed(1)} | ${(result.cpu.get('browser') ?? 0).toFixed(2)}, ${(result.cpu.get('gpu-process') ?? 0).toFixed(2)} | ${pages}`,
    );
  }
} finally {
  await browser.close();
  server.process.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
