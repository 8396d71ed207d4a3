import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

/** Set SCREENSHOTS=docs/screenshots to refresh the committed set. */
const SHOTS = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const LAPTOP = { width: 1366, height: 768 };

/** Wholly inside the window, and big enough to read and work in. */
async function expectInView(page: Page, locator: Locator, min = { width: 0, height: 0 }) {
  const box = await locator.boundingBox();
  expect(box, 'on screen').not.toBeNull();
  if (!box) return;
  const viewport = page.viewportSize() ?? LAPTOP;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
  expect(box.width).toBeGreaterThanOrEqual(min.width);
  expect(box.height).toBeGreaterThanOrEqual(min.height);
}

async function enterRoom(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Open the meeting room' }).click();
  await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
}

const pageScrolls = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);

test.describe('the meeting room as a workspace', () => {
  // The demo as a unit would see it: genograms and boards drawn, so the panes hold real work.
  test.use({ fullDemo: true });
  test('[W1][W2][W3] at 1366x768 the genogram, the board and the minutes share one screen with the agenda, the timer and the chair controls; panes resize by keyboard, fold, swap and are remembered; the genogram stays open from family to family; axe finds nothing', async ({
    browser,
    server,
  }) => {
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    await chair.setViewportSize(LAPTOP);
    await enterRoom(chair);
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Osei family' })
      .click();
    await expect(chair.locator('#discussion-heading')).toHaveText('Osei family');

    const genogram = chair.getByRole('region', { name: 'Genogram pane' });
    const board = chair.getByRole('region', { name: 'Board pane' });
    const minutes = chair.getByRole('region', { name: 'Minutes pane' });
    const editor = chair.getByRole('textbox', { name: /^Minutes for Osei family/ });
    await expect(genogram.locator('svg').first()).toBeVisible();
    await expect(editor).toBeVisible();
    await expect(board.getByRole('heading', { level: 3 }).first()).toBeVisible();

    // One screen: no page scroll; each pane inside the window at a size one can work in.
    expect(await pageScrolls(chair)).toBe(false);
    await expectInView(chair, genogram, { width: 400, height: 200 });
    await expectInView(chair, board, { width: 400, height: 200 });
    await expectInView(chair, minutes, { width: 400, height: 400 });
    // The editor starts on screen with room to write (it grows below, inside its pane).
    const editorBox = await editor.boundingBox();
    expect(editorBox && LAPTOP.height - editorBox.y).toBeGreaterThanOrEqual(100);
    expect(editorBox?.width).toBeGreaterThanOrEqual(350);
    // The agenda, the chair's controls, the timer, the save state and presence stay in view.
    await expectInView(
      chair,
      chair.getByRole('button', { name: 'Focus everyone here: Harper family' }),
    );
    await expectInView(chair, chair.getByTestId('family-timer'));
    await expectInView(chair, chair.getByTestId('save-status'));
    await expectInView(chair, chair.getByRole('checkbox', { name: 'Follow the chair' }));
    // A board's hypothesis reads at a normal line length: no column narrower than 20 rem.
    const columnWidths = await board
      .locator('.board-column')
      .evaluateAll((columns) => columns.map((column) => column.getBoundingClientRect().width));
    for (const width of columnWidths) expect(width).toBeGreaterThanOrEqual(320);
    await shoot(chair, 'room-1366x768');
    await expectNoAxeViolations(chair);

    // Each pane scrolls on its own: scrolling the minutes leaves the genogram where it was.
    await minutes.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expectInView(chair, genogram, { width: 400, height: 200 });
    expect(await pageScrolls(chair)).toBe(false);

    // Splitters: ARIA separators moved by the arrow keys.
    const columns = chair.getByRole('separator', { name: 'Resize the family and the minutes' });
    await expect(columns).toHaveAttribute('aria-valuenow', '50');
    await columns.focus();
    await chair.keyboard.press('ArrowRight');
    await chair.keyboard.press('ArrowRight');
    await expect(columns).toHaveAttribute('aria-valuenow', '60');
    const rows = chair.getByRole('separator', { name: 'Resize the genogram and the board' });
    await expect(rows).toHaveAttribute('aria-valuenow', '55');
    await rows.focus();
    for (let press = 0; press < 2; press++) await chair.keyboard.press('ArrowUp');
    await expect(rows).toHaveAttribute('aria-valuenow', '45');
    const genogramBox = await genogram.boundingBox();
    const boardBox = await board.boundingBox();
    expect(genogramBox && boardBox && genogramBox.height < boardBox.height).toBe(true);

    // Fold the board: the genogram takes the column. Swap sides: the minutes go left.
    await chair.getByRole('button', { name: 'Hide the board' }).click();
    await expect(board).toBeHidden();
    await chair.getByRole('button', { name: 'Minutes on the left' }).click();
    const minutesLeft = await minutes.boundingBox();
    const genogramRight = await genogram.boundingBox();
    expect(minutesLeft && genogramRight && minutesLeft.x < genogramRight.x).toBe(true);

    // The genogram stays open as the chair moves on, and the layout survives a reload.
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Harper family' })
      .click();
    await expect(chair.locator('#discussion-heading')).toHaveText('Harper family');
    await expect(genogram.locator('svg').first()).toBeVisible();
    await chair.reload();
    await expect(chair.locator('#discussion-heading')).toHaveText('Harper family');
    await expect(
      chair.getByRole('separator', { name: 'Resize the family and the minutes' }),
    ).toHaveAttribute('aria-valuenow', '60');
    await expect(chair.getByRole('region', { name: 'Board pane' })).toBeHidden();
    await expect(chair.getByRole('button', { name: 'Show the board' })).toBeVisible();
    await chair.getByRole('button', { name: 'Show the board' }).click();
    await chair.getByRole('button', { name: 'Minutes on the right' }).click();
    await expect(board).toBeVisible();
  });

  test('[W3][W4] presentation mode shows large type; at 1024 px the panes still share the screen; zoomed to 200% the panes become tabs; axe finds nothing', async ({
    browser,
    server,
  }) => {
    // Three arrangements, each with an axe run over a drawn family: past the default minute on
    // two Playwright workers sharing a loaded machine.
    test.setTimeout(120_000);
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    await chair.setViewportSize(LAPTOP);
    await enterRoom(chair);
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Osei family' })
      .click();
    await expect(chair.locator('#discussion-heading')).toHaveText('Osei family');
    // Each pane with its work drawn, not the moment before the family's document arrives.
    await expect(chair.getByTestId('genogram-person').first()).toBeVisible();
    await expect(chair.getByTestId('board-card').first()).toBeVisible();
    await expect(chair.getByRole('textbox', { name: /^Minutes for Osei family/ })).toBeVisible();
    for (const name of ['genogram', 'board', 'minutes']) {
      const region = chair.getByRole('region', {
        name: `${name[0]?.toUpperCase()}${name.slice(1)} pane`,
      });
      await expect(region).toBeVisible();
      await region.screenshot(SHOTS ? { path: path.join(SHOTS, `pane-${name}.png`) } : {});
    }

    const toggle = chair.getByRole('button', { name: 'Presentation mode' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const size = await chair
      .locator('#discussion-heading')
      .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(30);
    expect(await pageScrolls(chair)).toBe(false);
    await expectInView(chair, chair.getByRole('region', { name: 'Minutes pane' }), {
      width: 400,
      height: 300,
    });
    await shoot(chair, 'room-presentation');
    await expectNoAxeViolations(chair);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');

    await chair.setViewportSize({ width: 1024, height: 768 });
    expect(await pageScrolls(chair)).toBe(false);
    // Changing the arrangement redraws the panes, never doubles what is in them.
    await expect(chair.getByText('Actions from last time')).toHaveCount(1);
    for (const name of ['Genogram pane', 'Board pane', 'Minutes pane'])
      await expectInView(chair, chair.getByRole('region', { name }), { width: 300, height: 150 });
    await shoot(chair, 'room-1024x768');
    await expectNoAxeViolations(chair);

    // 200% zoom of a 1366x768 laptop: half the CSS pixels each way.
    await chair.setViewportSize({ width: 683, height: 384 });
    const tabs = chair.getByRole('tablist', { name: 'Panes' });
    await expect(tabs).toBeVisible();
    await chair.getByRole('tab', { name: 'Minutes' }).click();
    await expect(chair.getByRole('textbox', { name: /^Minutes for Osei family/ })).toBeVisible();
    await chair.keyboard.press('ArrowLeft');
    await expect(chair.getByRole('tab', { name: 'Board' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(chair.getByRole('tabpanel', { name: 'Board' })).toBeVisible();
    // Nothing wider than the window: no sideways scrolling at 200%.
    expect(
      await chair.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    ).toBe(true);
    await shoot(chair, 'room-200-percent');
    await expectNoAxeViolations(chair);
  });
});
