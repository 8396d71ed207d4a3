import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { MIN_NAME_PX } from '@unitroom/shared';
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
  test('[L11][L17][FV1][FV2][FV3] at Fit on a 1366x768 laptop every household outline is drawn from the layout with its name inside, names are drawn at least MIN_NAME_PX high on the family page and in the room, ecomap entries left out are a "Show all" away, and the room shows the focused family', async ({
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
      await readableAtFit(page, canvas);
      if (family === 'Harper family') await showAllAndBack(page, canvas);
      if (SHOTS)
        await canvas.screenshot({
          path: path.join(SHOTS, `genogram-fit-${family.split(' ')[0]!.toLowerCase()}.png`),
        });
      await page.goBack();
    }
    await page.getByRole('link', { name: 'Open the meeting room' }).click();
    await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    const roomCanvas = page.getByTestId('genogram-canvas');
    await expect(roomCanvas.getByTestId('genogram-person').first()).toBeVisible();
    await readableAtFit(page, roomCanvas);
    await shoot(page, 'room-genogram-1366x768');
    // The chair moves the room to a family with three ecomap entries: its view is "Fit"'s too.
    await page
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Focus everyone here: Kowalski-Reid family/ })
      .click();
    await expect(
      page.getByRole('group', { name: 'Genogram of Kowalski-Reid family' }),
    ).toBeVisible();
    await readableAtFit(page, roomCanvas);
  }
}

/**
 * After "Fit" (or, with `{ press: false }`, the view a genogram opens with), every person's name
 * is drawn at least `MIN_NAME_PX` CSS pixels high (the SVG's scale on screen times the text's font
 * size), and some names are wholly inside the canvas.
 */
async function readableAtFit(page: Page, canvas: Locator, { press = true } = {}): Promise<void> {
  if (press) await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(canvas.getByTestId('genogram-person').first()).toBeVisible();
  const measure = () =>
    canvas.evaluate((svg) => {
      const frame = svg.getBoundingClientRect();
      return Array.from(svg.querySelectorAll('[data-testid="genogram-person"] text')).map(
        (text) => {
          const t = text as SVGTextElement;
          const px = (t.getScreenCTM()?.a ?? 0) * parseFloat(getComputedStyle(t).fontSize);
          const r = t.getBoundingClientRect();
          const inView =
            r.left >= frame.left &&
            r.right <= frame.right &&
            r.top >= frame.top &&
            r.bottom <= frame.bottom;
          return { px, inView };
        },
      );
    });
  // The canvas is measured when its ResizeObserver reports, so the first frame may be unfitted.
  await expect
    .poll(async () => {
      const sizes = await measure();
      return sizes.length > 0 && sizes.every((s) => s.px >= MIN_NAME_PX - 0.01);
    })
    .toBe(true);
  const sizes = await measure();
  for (const { px } of sizes) expect(px).toBeGreaterThanOrEqual(MIN_NAME_PX - 0.01);
  expect(sizes.filter((s) => s.inView).length).toBeGreaterThan(0);
}

/** "Show all" takes in every ecomap entry (names smaller); "Readable size" goes back to "Fit". */
async function showAllAndBack(page: Page, canvas: Locator): Promise<void> {
  const note = page.getByTestId('genogram-out-of-view');
  await expect(note).toContainText(/ecomap entr(y|ies) out of view/);
  const show = note.getByRole('button', { name: 'Show all' });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(note).toContainText('Whole genogram, names smaller than usual');
  // The same button, still focused, now leads back.
  await expect(note.getByRole('button', { name: 'Readable size' })).toBeFocused();
  const outside = await canvas.evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('[data-testid="genogram-ecomap-entry"] circle')).filter(
      (circle) => {
        const r = circle.getBoundingClientRect();
        return (
          r.left < frame.left - 0.5 ||
          r.right > frame.right + 0.5 ||
          r.top < frame.top - 0.5 ||
          r.bottom > frame.bottom + 0.5
        );
      },
    ).length;
  });
  expect(outside).toBe(0);
  await page.keyboard.press('Enter');
  await expect(note).toContainText(/out of view/);
  await readableAtFit(page, canvas);
}
