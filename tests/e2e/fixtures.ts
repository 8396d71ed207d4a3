import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';

export const DEMO_PASSWORD = 'unitroom-demo';

/**
 * A real server from the build, on a fresh store seeded with the demo unit, for each test: tests
 * never see each other's families (about a second each to start).
 */
export const test = base.extend<{ server: ChildServer; fullDemo: boolean }>({
  /** `test.use({ fullDemo: true })`: the demo families' genograms and boards drawn, not blank. */
  fullDemo: [false, { option: true }],
  server: [
    async ({ fullDemo }, use) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-'));
      // Browsers are real clients: the referee runs as in production, scratch roots refused.
      const server = await startChildServer(dataDir, {
        UNITROOM_ALLOW_UNKNOWN_ROOTS: 'false',
        ...(fullDemo ? { SEED_DEMO: 'true' } : {}),
      });
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

/** WCAG 2.2 A and AA, as axe tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe finds nothing on the whole page; `name` says which page failed. */
export async function expectNoAxeViolations(page: Page, name?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, name).toEqual([]);
}

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/**
 * At the council's sign-in form (oidc-provider's own pages, tests/helpers/oidcProvider.ts): log in
 * as `login` with any password, then agree to share the e-mail address with Unitroom.
 */
export async function councilLogin(page: Page, login: string): Promise<void> {
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('council-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}
