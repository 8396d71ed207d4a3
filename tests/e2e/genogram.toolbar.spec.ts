import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

const LAPTOP = { width: 1366, height: 768 };

/** Set SCREENSHOTS=<dir> to keep pictures of the toolbar. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** [G26] Every visible button of the genogram's toolbars sits on one row: they share one top. */
async function expectOneRow(scope: Locator): Promise<void> {
  // The row is laid out once its box has its width: until the pane has been sized, a toolbar that
  // measures zero room shows only its menu button. "Add person" always fits a sized row.
  await expect(scope.locator('[role="toolbar"] > button[data-label="Add person"]')).toBeVisible();
  const tops = await scope
    .locator('[role="toolbar"] > button')
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => b.getBoundingClientRect().width > 0)
        .map((b) => Math.round(b.getBoundingClientRect().top)),
    );
  expect(tops.length).toBeGreaterThan(3);
  expect(new Set(tops).size, `button tops ${tops.join(', ')}`).toBe(1);
  // Nothing cut off: every button is wholly inside the genogram's own box.
  const outside = await scope.evaluate((root) => {
    const edge = root.getBoundingClientRect().right;
    return Array.from(root.querySelectorAll<HTMLElement>('[role="toolbar"] > button'))
      .filter((b) => b.getBoundingClientRect().right > edge + 0.5)
      .map((b) => b.textContent);
  });
  expect(outside).toEqual([]);
}

/** The labels a toolbar's "More" menu holds, reached by keyboard only. */
async function menuLabels(page: Page, more: Locator): Promise<string[]> {
  await more.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const labels: string[] = [];
  const count = await menu.getByRole('menuitem').count();
  for (let i = 0; i < count; i += 1) {
    const focused = menu.locator('[role="menuitem"]:focus');
    // The menu closes on any scroll outside it: fail here, and say so, if it did.
    await expect(focused, 'a menu item keeps focus').toHaveCount(1);
    labels.push((await focused.getAttribute('data-label')) ?? '');
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  return labels;
}

const ALL_COMMANDS = [
  'Add person',
  'Add partner',
  'Add child',
  'Add parents',
  'Add sibling',
  'Add relationship',
  'Add household',
  'Add ecomap entry',
  'Delete',
  'Undo',
  'Redo',
  'Zoom in',
  'Zoom out',
  'Fit',
  'Download SVG',
  'Download PNG',
];

/** Every command is a visible toolbar button or an item of one of the toolbar's menus. */
async function expectAllReachable(
  page: Page,
  scope: Locator,
  onRow = ['Add person', 'Add child', 'Add partner', 'Zoom in', 'Zoom out', 'Fit'],
): Promise<void> {
  const visible = await scope
    .locator('[role="toolbar"] > button[data-command]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-label') ?? ''));
  const inMenus: string[] = [];
  const menuButtons = scope.locator('[role="toolbar"] > button[aria-haspopup="menu"]');
  for (let i = 0; i < (await menuButtons.count()); i += 1)
    inMenus.push(...(await menuLabels(page, menuButtons.nth(i))));
  expect([...visible, ...inMenus].sort()).toEqual([...ALL_COMMANDS].sort());
  for (const label of onRow) expect(visible, `${label} stays in view`).toContain(label);
  // Labels are at least 12 px.
  const sizes = await scope
    .locator('[role="toolbar"] > button')
    .evaluateAll((buttons) => buttons.map((b) => parseFloat(getComputedStyle(b).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
}

test.describe('genogram: a compact toolbar', () => {
  test('[G26] on the family page at 1366x768 the toolbar is one row, every command is reachable by keyboard, a menu item works; axe finds nothing', async ({
    browser,
    server,
  }) => {
    const page = await signedInPage(browser, server.url, 'csw@demo.test');
    await page.setViewportSize(LAPTOP);
    await page.getByRole('link', { name: 'Osei family', exact: true }).click();
    const workspace = page.locator('.genogram').first();
    await expect(workspace.getByRole('toolbar', { name: 'Change the genogram' })).toBeVisible();
    await shoot(page, 'genogram-toolbar-family-page');
    await expectOneRow(workspace);
    await expectAllReachable(page, workspace);

    // A command from the menu works, by keyboard only: Add ecomap entry adds one.
    const canvas = workspace.getByTestId('genogram-canvas');
    const entries = canvas.getByTestId('genogram-ecomap-entry');
    const before = await entries.count();
    const more = workspace.getByRole('button', { name: 'More actions' });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More actions' });
    const items = menu.getByRole('menuitem');
    await expect(items.first()).toBeFocused();
    await shoot(page, 'genogram-toolbar-family-page-menu');
    await expectNoAxeViolations(page, 'menu open');
    await page.keyboard.press('ArrowUp');
    await expect(items.last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(items.first()).toBeFocused();
    await page.keyboard.press('End');
    await expect(items.last()).toBeFocused();
    while ((await menu.locator(':focus').getAttribute('data-label')) !== 'Add ecomap entry')
      await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);
    const dialog = page.getByRole('dialog', { name: /ecomap/i });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('Hillside Primary School');
    await dialog.getByRole('button', { name: 'Add entry' }).press('Enter');
    await expect(entries).toHaveCount(before + 1);

    // The keyboard shortcuts are unchanged: N on the menu button still adds a person.
    await more.focus();
    await page.keyboard.press('n');
    await expect(page.getByRole('dialog', { name: /person/i })).toBeVisible();
  });

  test("[G26] in the meeting room's genogram pane at 1366x768 the toolbar is one row and a menu item adds something; axe finds nothing", async ({
    browser,
    server,
  }) => {
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    await chair.setViewportSize(LAPTOP);
    await chair.getByRole('link', { name: 'Open the meeting room' }).click();
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Osei family' })
      .click();
    // The room has settled once the discussion's documents are synced: until then the minutes
    // arriving scroll their pane, and any scroll closes an open toolbar menu.
    await expect(chair.locator('#discussion-heading')).toHaveText('Osei family');
    await expect(chair.getByRole('textbox', { name: /^Minutes for Osei family/ })).toBeVisible();
    await expect(chair.getByTestId('save-status')).toHaveText('Saved');
    const pane = chair.getByRole('region', { name: 'Genogram pane' });
    await expect(pane.getByRole('toolbar', { name: 'Change the genogram' })).toBeVisible();
    await shoot(chair, 'genogram-toolbar-room');
    await expectOneRow(pane);
    // About 520 px: Add partner is the first to move into the menu.
    await expectAllReachable(chair, pane, [
      'Add person',
      'Add child',
      'Zoom in',
      'Zoom out',
      'Fit',
    ]);

    // Click a command in the menu: Add ecomap entry adds one to the key of the genogram.
    const canvas = pane.getByTestId('genogram-canvas');
    const before = await canvas.getByTestId('genogram-ecomap-entry').count();
    await pane.getByRole('button', { name: 'More actions' }).click();
    await shoot(chair, 'genogram-toolbar-room-menu');
    await expectNoAxeViolations(chair);
    await chair.getByRole('menuitem', { name: /^Add ecomap entry/ }).click();
    const dialog = chair.getByRole('dialog', { name: /ecomap/i });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Who or what').fill('Riverside Youth Club');
    await dialog.getByRole('button', { name: 'Add entry' }).click();
    await expect(canvas.getByTestId('genogram-ecomap-entry')).toHaveCount(before + 1);
  });
});
