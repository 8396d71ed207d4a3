import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { startChildServer } from '../helpers/childServer.js';
import { expectNoAxeViolations, signedInPage, test as base, expect } from './fixtures.js';

const SHOTS = process.env.SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** A server of our own, with a second unit to transfer to (written beside the running server). */
const test = base.extend<{ withSecondUnit: { url: string } }>({
  withSecondUnit: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-families-'));
      const server = await startChildServer(dataDir);
      const db = new Database(path.join(dataDir, 'unitroom.sqlite'));
      db.prepare('insert into units (id, name, created_at) values (?, ?, ?)').run(
        'longterm',
        'Long-term Unit 2',
        new Date().toISOString(),
      );
      db.close();
      await use({ url: server.url });
      server.process.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});

test.use({ viewport: { width: 1366, height: 768 } });

test('[F6][F8][F11] a consultant opens a family by keyboard, sees a clear refusal, closes and reopens it; axe finds nothing', async ({
  browser,
  withSecondUnit,
}) => {
  // One journey through four pages, each checked by axe: longer than the default on a busy machine.
  test.setTimeout(180_000);
  const page = await signedInPage(browser, withSecondUnit.url, 'csw@demo.test');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('link', { name: 'Open a family' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open a family' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Submitting empty: an error summary that takes focus and links to the field.
  await page.getByRole('button', { name: 'Open the family' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the family’s name');
  await expectNoAxeViolations(page);
  await shot(page, 'open-family-errors');
  await summary.getByRole('link', { name: 'Enter the family’s name' }).click();
  await expect(page.getByLabel('Family name')).toBeFocused();

  // By keyboard: name, first child, another child (unborn), the lead worker.
  await page.keyboard.type('Brennan family');
  await page.getByLabel('Name', { exact: true }).first().focus();
  await page.keyboard.type('Ciara Brennan');
  await page.getByLabel('Date of birth').first().fill('2015-04-02');
  await page.getByLabel('Case record id (optional)').first().fill('LCS-400101');
  await page.getByRole('button', { name: 'Add another child' }).press('Enter');
  await expect(page.getByLabel('Name', { exact: true }).nth(1)).toBeFocused();
  await page.keyboard.type('Baby Brennan');
  await page.getByLabel('Not born yet').nth(1).check();
  await page.getByLabel('Expected date').fill('2027-03-01');
  await page.getByLabel('Lead worker (optional)').selectOption({ label: 'Tom Whitfield' });
  await shot(page, 'open-family-form');
  await page.getByRole('button', { name: 'Open the family' }).press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Brennan family' })).toBeVisible();
  const panel = page.locator('.family-lifecycle');
  await expect(panel).toContainText('Ciara Brennan, born 2 April 2015, case record LCS-400101');
  await expect(panel).toContainText('Baby Brennan, expected 1 March 2027');
  await expect(panel).toContainText('Tom Whitfield');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'family-page-lifecycle');

  // Transfer: the form names what moves and asks before doing it.
  await panel.getByRole('button', { name: 'Transfer to another unit' }).click();
  await expect(page.getByLabel('Move to')).toBeFocused();
  await page.getByLabel('Move to').selectOption({ label: 'Long-term Unit 2' });
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(panel.getByRole('status')).toContainText(
    'Transfer Brennan family to Long-term Unit 2?',
  );
  await expectNoAxeViolations(page);
  await shot(page, 'family-transfer-confirm');
  await panel.getByRole('button', { name: 'Cancel' }).click();

  // Close: a summary, a confirmation, then off the home page.
  await panel.getByRole('button', { name: 'Close the family' }).click();
  await expect(page.getByLabel('Closing summary')).toBeFocused();
  await expect(panel).toContainText('No open actions or planned conversations.');
  await page.keyboard.type(
    'Support from the wider family is in place; no further role for the unit.',
  );
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(panel.getByRole('status')).toContainText('Close Brennan family?');
  await expectNoAxeViolations(page);
  await shot(page, 'family-close-confirm');
  await panel.getByRole('button', { name: 'Yes, close the family' }).click();
  await expect(panel).toContainText('Closed since');
  await expect(panel).toContainText('Support from the wider family');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Brennan family')).toHaveCount(0);

  // The closed family's page still opens from its address; reopening brings it back.
  await page.goBack();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Brennan family (closed)' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'family-closed');
  await page.getByRole('button', { name: 'Reopen (a re-referral)' }).click();
  await page.getByRole('button', { name: 'Yes, reopen Brennan family' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brennan family' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Brennan family/ })).toBeVisible();
  await shot(page, 'home-with-family');
});
