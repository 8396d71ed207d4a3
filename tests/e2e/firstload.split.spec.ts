import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, test, expect } from './fixtures.js';

/**
 * What each part of the app is recognised by in a built script: strings its minified code keeps.
 * Yjs warns with this text when loaded twice; Tiptap's editor adds the ProseMirror class; the
 * genogram's canvas carries its test id.
 */
const PARTS = {
  yjs: 'Yjs was already imported',
  editor: 'ProseMirror',
  genogram: 'genogram-canvas',
} as const;
type Part = keyof typeof PARTS;

/** Records the scripts a page fetches, so the parts they hold can be asked after each step. */
function scriptsOf(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.text());
  });
  return {
    async parts(): Promise<Part[]> {
      const scripts = await Promise.all(bodies);
      return (Object.keys(PARTS) as Part[]).filter((part) =>
        scripts.some((script) => script.includes(PARTS[part])),
      );
    },
  };
}

test.describe('first load: the bundle is split by page', () => {
  test('[W9] the sign-in page and the unit home load neither Yjs, the editor nor the genogram; the meeting room loads all three', async ({
    browser,
    server,
  }) => {
    const context = await browser.newContext({ baseURL: server.url });
    // Once the home page has drawn, the browser's idle time fetches the room ahead of a click
    // (PrefetchMeetingRoom). Without idle callbacks that never starts, so what is left is what
    // the pages need themselves.
    await context.addInitScript(() => {
      window.requestIdleCallback = () => 0;
      window.cancelIdleCallback = () => undefined;
    });
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email address')).toBeVisible();
    expect(await scripts.parts()).toEqual([]);

    await page.getByLabel('Email address').fill('csw@demo.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('link', { name: 'Open the meeting room' })).toBeVisible();
    expect(await scripts.parts()).toEqual([]);

    // The same check finds them where they belong: it can fail.
    await page.getByRole('link', { name: 'Open the meeting room' }).click();
    await expect(page.getByRole('textbox', { name: /^Minutes for / })).toBeVisible();
    await expect(page.getByTestId('genogram-canvas')).toBeVisible();
    expect(await scripts.parts()).toEqual(['yjs', 'editor', 'genogram']);
    await context.close();
  });
});
