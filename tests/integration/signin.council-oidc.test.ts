import { describe, expect, it, onTestFinished } from 'vitest';
import {
  SESSION_COOKIE,
  type AdminPerson,
  type MeResponse,
  type SignInOptions,
} from '@unitroom/shared';
import { addAccount } from '../helpers/accounts.js';
import { CookieBrowser, type Page } from '../helpers/cookieBrowser.js';
import { startOidcProvider, type CouncilAccount } from '../helpers/oidcProvider.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const COUNCIL: readonly CouncilAccount[] = [
  { login: 'entra-sub-csw', email: 'CSW@demo.test', emailVerified: true, name: 'Dr Casey (IdP)' },
  { login: 'entra-sub-stranger', email: 'ana.new@demo.test', emailVerified: true, name: 'Ana New' },
  { login: 'entra-sub-unverified', email: 'sw@demo.test', emailVerified: false, name: 'Not Sam' },
  { login: 'entra-sub-health', email: 'hana@health.test', emailVerified: true, name: 'Hana' },
];

/** A Unitroom server whose council sign-in goes to a real OpenID provider on loopback. */
async function withCouncil(passwordSignIn = true) {
  const provider = await startOidcProvider(COUNCIL);
  onTestFinished(provider.stop);
  const server = await startTestServer({
    config: {
      councilSignIn: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        allowedDomains: ['demo.test'],
      },
      passwordSignIn,
    },
  });
  provider.allowRedirect(`${server.url}/api/sign-in/council/callback`);
  return { provider, server };
}

/**
 * What a person does in a browser: press the button, type their login on the provider's form,
 * agree, and land back in Unitroom (or on its sign-in page with a reason).
 */
async function signInAtCouncil(
  server: TestServer,
  login: string,
  from = '/',
): Promise<{ browser: CookieBrowser; landed: Page }> {
  const browser = new CookieBrowser();
  const loginForm = await browser.open(
    `${server.url}/api/sign-in/council?from=${encodeURIComponent(from)}`,
  );
  expect(loginForm.status, loginForm.body.slice(0, 300)).toBe(200);
  expect(loginForm.body).toContain('name="login"');
  let page = await browser.submit(loginForm, { login, password: 'anything' });
  // The provider asks for consent the first time this client asks for these scopes.
  if (page.body.includes('value="consent"')) page = await browser.submit(page);
  return { browser, landed: page };
}

const me = async (server: TestServer, cookie: string) => {
  const response = await fetch(`${server.url}/api/me`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as MeResponse };
};

describe('council sign-in through a real OpenID provider (authorization code with PKCE)', () => {
  it('[I8] a person already known is linked on first sign-in by verified e-mail, then matched by subject; sign-out ends the session', async () => {
    const { server, provider } = await withCouncil();
    const { browser, landed } = await signInAtCouncil(server, 'entra-sub-csw', '/meetings/abc');
    // Back in Unitroom, where they were going, with a session.
    expect(new URL(landed.url).pathname).toBe('/meetings/abc');
    expect(browser.visited.some((url) => url.startsWith(provider.issuer))).toBe(true);
    expect(browser.visited.some((url) => url.includes('code_challenge_method=S256'))).toBe(true);
    const token = browser.cookie(SESSION_COOKIE);
    expect(token).toBeDefined();
    const cookie = `${SESSION_COOKIE}=${token}`;
    const first = await me(server, cookie);
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe('csw@demo.test');
    // The name Unitroom knows stays; the provider's display name does not overwrite it.
    expect(first.body.user.name).not.toBe('Dr Casey (IdP)');
    expect(first.body.units.length).toBeGreaterThan(0);

    const db = server.app.persistence.db;
    const linked = await db
      .selectFrom('users')
      .select(['id', 'oidc_issuer', 'oidc_subject'])
      .where('email', '=', 'csw@demo.test')
      .executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ oidc_issuer: provider.issuer, oidc_subject: 'entra-sub-csw' });
    // [A2] Administrators see who signs in with a council account (no password needed), so
    // "No password yet" does not send them issuing set-up links nobody will use.
    const people = await fetch(`${server.url}/api/admin/people`, { headers: { cookie } });
    const listed = (await people.json()) as AdminPerson[];
    expect(listed.find((person) => person.email === 'csw@demo.test')).toMatchObject({
      councilAccount: true,
    });
    expect(listed.find((person) => person.email === 'sw@demo.test')).toMatchObject({
      councilAccount: false,
    });
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'detail'])
      .where('action', '=', 'sign-in')
      .execute();
    expect(audit.map((row) => [row.actor_user_id, JSON.parse(row.detail)])).toContainEqual([
      linked.id,
      { method: 'council', linked: true },
    ]);

    // Later sign-ins match by subject, even once the address Unitroom holds has changed.
    await db
      .updateTable('users')
      .set({ email: 'casey.renamed@demo.test' })
      .where('id', '=', linked.id)
      .execute();
    const again = await signInAtCouncil(server, 'entra-sub-csw');
    expect(new URL(again.landed.url).pathname).toBe('/');
    const second = await me(server, `${SESSION_COOKIE}=${again.browser.cookie(SESSION_COOKIE)}`);
    expect(second.body.user).toMatchObject({ id: linked.id, email: 'casey.renamed@demo.test' });

    // Signing out ends the Unitroom session.
    const out = await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, origin: server.url },
    });
    expect(out.status).toBe(204);
    expect((await me(server, cookie)).status).toBe(401);
    expect(provider.errors).toEqual([]);
  });

  it('[I8] a stranger with a valid council account, an unverified address or a domain not allowed gets a reason, no session and no account', async () => {
    const { server } = await withCouncil();
    await addAccount(server.app, {
      id: 'hanahealth',
      email: 'hana@health.test',
      password: 'x-pass-1',
    });
    const db = server.app.persistence.db;
    const usersBefore = await db.selectFrom('users').select('id').execute();
    for (const [login, reason] of [
      ['entra-sub-stranger', 'not-known'],
      ['entra-sub-unverified', 'not-verified'],
      ['entra-sub-health', 'not-known'],
    ] as const) {
      const { browser, landed } = await signInAtCouncil(server, login);
      const url = new URL(landed.url);
      expect(url.pathname, login).toBe('/sign-in');
      expect(url.searchParams.get('council'), login).toBe(reason);
      expect(browser.cookie(SESSION_COOKIE), login).toBeUndefined();
      expect((await me(server, browser.cookieHeader(`${server.url}/api/me`))).status).toBe(401);
    }
    expect(await db.selectFrom('users').select('id').execute()).toEqual(usersBefore);
    const linked = await db
      .selectFrom('users')
      .select('email')
      .where('oidc_subject', 'is not', null)
      .execute();
    expect(linked).toEqual([]);
  });

  it('[I8] a callback with a forged state, or without the sign-in this browser started, signs nobody in', async () => {
    const { server } = await withCouncil();
    // An attacker's own code, replayed into someone else's browser (login CSRF): no pending cookie.
    const attacker = await signInAtCouncil(server, 'entra-sub-csw');
    expect(attacker.browser.cookie(SESSION_COOKIE)).toBeDefined();
    const victim = new CookieBrowser();
    const replay = await victim.open(
      `${server.url}/api/sign-in/council/callback?code=stolen&state=whatever`,
    );
    expect(new URL(replay.url).searchParams.get('council')).toBe('failed');
    expect(victim.cookie(SESSION_COOKIE)).toBeUndefined();

    // A browser that started a sign-in but comes back with another state.
    const started = new CookieBrowser();
    await started.open(`${server.url}/api/sign-in/council`);
    const forged = await started.open(
      `${server.url}/api/sign-in/council/callback?code=abc&state=not-the-one`,
    );
    expect(new URL(forged.url).searchParams.get('council')).toBe('failed');
    expect(started.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('[I8] the sign-in page is told which ways to sign in; with passwords off, only the council account signs in', async () => {
    const plain = await startTestServer();
    const plainOptions = (await (
      await fetch(`${plain.url}/api/sign-in/options`)
    ).json()) as SignInOptions;
    expect(plainOptions).toEqual({ password: true, council: false });
    // Not configured: nothing there to start (no redirect to any provider).
    expect(
      (await fetch(`${plain.url}/api/sign-in/council`, { redirect: 'manual' })).status,
    ).toBeGreaterThanOrEqual(400);

    const { server } = await withCouncil(false);
    const options = (await (
      await fetch(`${server.url}/api/sign-in/options`)
    ).json()) as SignInOptions;
    expect(options).toEqual({ password: false, council: true });
    await expect(signIn(server.url, 'csw@demo.test')).rejects.toThrow(/403/);
    const { browser } = await signInAtCouncil(server, 'entra-sub-csw');
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
  });
});
