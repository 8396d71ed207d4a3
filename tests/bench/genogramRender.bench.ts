import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { genogramCommands, userOrigin, type MeResponse } from '@unitroom/shared';
import { buildFamily } from '../fixtures/familyDocuments.js';
import { startChildServer } from '../helpers/childServer.js';
import { signIn } from '../helpers/session.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';
import { launchChromium } from './chromium.js';

/**
 * `npm run bench:genogram-render` — first render of a family's genogram in Debian's Chromium:
 * from navigation start to every person of the family drawn on the canvas, through the real
 * server, sync and layout. The first load is cold (nothing cached); the rest reload the page.
 * Options: --sizes (default 100; e.g. 20,100,500), --reloads (default 5).
 */
const { values } = parseArgs({
  options: { sizes: { type: 'string' }, reloads: { type: 'string' } },
  strict: true,
});
const sizes = (values.sizes ?? '100').split(',').map(Number);
const reloads = Number(values.reloads ?? 5);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-render-bench-'));
const server = await startChildServer(dataDir);
const browser = await launchChromium();
try {
  const cookie = await signIn(server.url, 'csw@demo.test');
  const me = (await (
    await fetch(`${server.url}/api/me`, { headers: { cookie } })
  ).json()) as MeResponse;
  const families = me.units[0]?.families ?? [];
  console.log('first render of a genogram in Chromium (navigation start → every person drawn)');
  console.log('');
  console.log('people | cold (ms) | warm median (ms) | warm max (ms)');
  console.log('-------|-----------|------------------|--------------');
  for (const [index, size] of sizes.entries()) {
    const family = families[index];
    if (!family) throw new Error('the demo unit has fewer families than sizes asked for');
    const writer = connectYClient(server.url, family.docName, { cookie });
    await writer.synced;
    buildFamily(genogramCommands(writer.doc, userOrigin('bench')), size);
    await serverSaved(writer);
    writer.destroy();

    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('csw@demo.test');
    await page.getByLabel('Password').fill('unitroom-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    const timeToDrawn = async (load: () => Promise<unknown>) => {
      await load();
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="genogram-person"]').length >= count,
        size,
        { timeout: 60_000 },
      );
      return page.evaluate(() => performance.now());
    };
    const cold = await timeToDrawn(() => page.goto(`/families/${family.id}`));
    const warm: number[] = [];
    for (let i = 0; i < reloads; i += 1) warm.push(await timeToDrawn(() => page.reload()));
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)] ?? NaN;
    console.log(
      `${String(size).padStart(6)} | ${cold.toFixed(0).padStart(9)} | ${median.toFixed(0).padStart(16)} | ${(warm.at(-1) ?? NaN).toFixed(0).padStart(13)}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.process.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
