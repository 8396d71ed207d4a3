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

/**
 * A separate browser context per person, signed in through the real session API (the same request
 * the sign-in page sends, with the same password check) and then on the unit home. Rendering the
 * sign-in form for every person of every test cost a page render each; the form itself is driven
 * by the tests about signing in (admin.spec's newcomer, signin.council.spec).
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  // The context's request shares its cookie jar: the session cookie lands in the browser.
  const session = await context.request.post('/api/session', {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: new URL(baseUrl).origin },
  });
  expect(session.status(), `sign-in of ${email}`).toBe(204);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
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

/**
 * axe finds nothing on the whole page, or within `include` (a CSS selector); `name` says which
 * page failed. Only violations are asked for: the details axe otherwise gathers for every rule
 * that passed or did not apply are what made a run slow, and no test reads them.
 */
export async function expectNoAxeViolations(
  page: Page,
  name?: string,
  include?: string,
): Promise<void> {
  let builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
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
