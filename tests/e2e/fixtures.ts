import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';

export const DEMO_PASSWORD = 'unitroom-demo';

/**
 * A real server from the build, on a fresh store seeded with the demo unit, for each test: tests
 * never see each other's families (about a second each to start).
 */
export const test = base.extend<{ server: ChildServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-'));
      // Browsers are real clients: the referee runs as in production, scratch roots refused.
      const server = await startChildServer(dataDir, { UNITROOM_ALLOW_UNKNOWN_ROOTS: 'false' });
      await use(server);
      server.process.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});
export { expect };

/** A separate browser context per person, signed in through the real sign-in page. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The sign-in page has an h1 too: wait until the app has moved on, i.e. the cookie is set.
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/**
 * An editor's words without the collaboration carets drawn inside it: another person's caret label
 * sits in the text where they are typing, so a plain text match can split a sentence around a name.
 */
export function wordsOf(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}
