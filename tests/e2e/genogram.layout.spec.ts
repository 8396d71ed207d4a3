import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startChildServer } from '../helpers/childServer.js';
import { signedInPage, test, expect } from './fixtures.js';

/** Set SCREENSHOTS=docs/screenshots to refresh the committed pictures of the demo genograms. */
const SHOTS = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test.describe('genogram: the demo families as drawn', () => {
  test('[L11][L17] at Fit on a 1366x768 laptop every household outline is drawn from the layout with its name inside, and the room shows the focused family', async ({
    browser,
  }) => {
    // The full demo, genograms drawn, rather than the blank one other tests start from.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-'));
    const server = await startChildServer(dataDir, {
      UNITROOM_ALLOW_UNKNOWN_ROOTS: 'false',
      SEED_DEMO: 'true',
    });
    try {
      await drawn(browser, server.url);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function drawn(browser: Browser, url: string): Promise<void> {
  {
    const page = await signedInPage(browser, url, 'csw@demo.test');
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const family of ['Harper family', 'Kowalski-Reid family', 'Osei family']) {
      await page.getByRole('link', { name: family, exact: true }).first().click();
      const canvas = page.getByTestId('genogram-canvas');
      await expect(canvas.getByTestId('genogram-person').first()).toBeVisible();
      // Every household the layout outlines is drawn, as one path (inner boundaries included).
      for (const household of await canvas.getByTestId('genogram-household').all()) {
        await expect(household.locator('path').first()).toHaveAttribute('d', /^M/);
        // Its name, as the browser's font draws it, within the outline's box.
        const nameInside = await household.evaluate((g) => {
          const outline = g.querySelector('path')!.getBBox();
          const text = g.querySelector('text');
          if (!text) return true;
          const t = text.getBBox();
          return (
            t.x >= outline.x &&
            t.y >= outline.y &&
            t.x + t.width <= outline.x + outline.width &&
            t.y + t.height <= outline.y + outline.height
          );
        });
        expect(nameInside, (await household.getAttribute('data-household-id')) ?? '').toBe(true);
      }
      await canvas.scrollIntoViewIfNeeded();
      if (SHOTS)
        await canvas.screenshot({
          path: path.join(SHOTS, `genogram-fit-${family.split(' ')[0]!.toLowerCase()}.png`),
        });
      await page.goBack();
    }
    await page.getByRole('link', { name: 'Open the meeting room' }).click();
    await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    await expect(
      page.getByTestId('genogram-canvas').getByTestId('genogram-person').first(),
    ).toBeVisible();
    await shoot(page, 'room-genogram-1366x768');
  }
}
