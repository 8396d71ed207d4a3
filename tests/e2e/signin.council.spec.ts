import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { councilLogin } from './fixtures.js';

/**
 * Council sign-in in Chromium: the button on the sign-in page, the council's own sign-in form
 * (a real OpenID provider on loopback), and back into Unitroom, or to "ask your administrator".
 */
let provider: TestOidcProvider;
let server: ChildServer;
let dataDir: string;
let base: string;

test.beforeEach(async () => {
  provider = await startOidcProvider([
    { login: 'entra-sub-csw', email: 'csw@demo.test', emailVerified: true, name: 'Casey' },
    { login: 'entra-sub-ana', email: 'ana.new@demo.test', emailVerified: true, name: 'Ana' },
  ]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-'));
  server = await startChildServer(dataDir, {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'demo.test',
  });
  // With no redirect URL configured the server uses its listening address, 127.0.0.1.
  base = `http://127.0.0.1:${server.port}`;
  provider.allowRedirect(`${base}/api/sign-in/council/callback`);
});

test.afterEach(async () => {
  server.process.kill('SIGTERM');
  await server.exited;
  await provider.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('[I8] "Sign in with your council account" signs a known person in and takes them to their unit', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  const button = page.getByRole('link', { name: 'Sign in with your council account' });
  await expect(button).toBeVisible();
  await expect(page.getByLabel('Email address')).toBeVisible();
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/sign-in.png` });

  await button.click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await councilLogin(page, 'entra-sub-csw');
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/sign-in'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const me = await page.evaluate(async () => (await fetch('/api/me')).json());
  expect(me.user.email).toBe('csw@demo.test');
  await context.close();
});

test('[I8] a stranger with a valid council account is told to ask their administrator and gets no session', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with your council account' }).click();
  await councilLogin(page, 'entra-sub-ana');
  await page.waitForURL((url) => url.origin === base && url.pathname === '/sign-in');
  await expect(page.getByRole('alert')).toContainText('You cannot use Unitroom yet');
  await expect(page.getByRole('alert')).toContainText('Ask your Unitroom administrator');
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/sign-in-not-known.png` });
  const status = await page.evaluate(async () => (await fetch('/api/me')).status);
  expect(status).toBe(401);
  await context.close();
});
