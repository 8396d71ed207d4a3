import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meResponseSchema, SESSION_COOKIE } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const json = (body: unknown) => JSON.stringify(body);

describe('REST: health, sign-in, sign-out and what a member may see', () => {
  /**
   * One server for the tests that change nothing another test reads (each signs in, or out, on
   * its own). A server of their own for those that read the audit trail, where another test's
   * sign-in would count, and for the production cookie setting.
   */
  let shared: TestServer;
  let stopShared = async () => {};
  beforeAll(async () => {
    shared = await startTestServer({ register: (stop) => (stopShared = stop) });
  });
  afterAll(() => stopShared());

  it('GET /api/health answers ok once the store is open', async () => {
    const server = shared;
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and records it in the audit trail', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: json({ email: 'CSW@demo.test ', password: 'unitroom-demo' }),
    });
    expect(response.status).toBe(204);
    const cookie =
      response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // tests run over http; production sets Secure
    const audit = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['action', 'target'])
      .execute();
    expect(audit).toContainEqual({ action: 'sign-in', target: 'csw@demo.test' });
  });

  it('sets the Secure flag when configured for production', async () => {
    const server = await startTestServer({ config: { secureCookies: true } });
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: json({ email: 'csw@demo.test', password: 'unitroom-demo' }),
    });
    expect(response.headers.getSetCookie().join(';')).toMatch(/Secure/);
  });

  it('refuses wrong details with one message for unknown users and wrong passwords, and audits it', async () => {
    const server = await startTestServer();
    const attempt = (email: string, password: string) =>
      fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: json({ email, password }),
      });
    const wrongPassword = await attempt('csw@demo.test', 'nope');
    const unknownUser = await attempt('nobody@demo.test', 'nope');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
    // Counted into one row per reason and address ([I6]), naming both addresses tried.
    const failed = await server.app.persistence.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'sign-in.failed')
      .execute();
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]?.detail ?? '{}')).toMatchObject({
      reason: 'invalid-credentials',
      count: 2,
      targets: ['csw@demo.test', 'nobody@demo.test'],
    });
  });

  it('answers malformed bodies with 400 and a readable message', async () => {
    const server = shared;
    for (const body of [
      '{not json',
      json({ email: 'not-an-email', password: 'x' }),
      json({ email: 'a@b.test' }),
    ]) {
      const response = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body,
      });
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.code).toBe('bad_request');
    }
  });

  it('refuses state-changing requests from another origin', async () => {
    const server = shared;
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: json({ email: 'csw@demo.test', password: 'unitroom-demo' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("GET /api/me returns the member's units, role, families with children and meetings with documents", async () => {
    const server = shared;
    const unauthenticated = await fetch(`${server.url}/api/me`);
    expect(unauthenticated.status).toBe(401);

    const cookie = await signIn(server.url, 'coordinator@demo.test');
    const me = meResponseSchema.parse(
      await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json(),
    );
    expect(me.user.email).toBe('coordinator@demo.test');
    expect(me.units).toHaveLength(1);
    const unit = me.units[0];
    expect(unit?.role).toBe('unit_coordinator');
    expect(unit?.readOnly).toBe(false);
    expect(unit?.families.map((f) => f.docName).sort()).toEqual(
      server.demo.familyIds.map((id) => `family:${id}`).sort(),
    );
    expect(unit?.families.every((f) => f.children.length > 0)).toBe(true);
    expect(unit?.meetings[0]?.docName).toBe(`meeting:${server.demo.meetingId}`);
    expect(unit?.meetings[0]?.agenda.map((a) => a.familyId)).toEqual(server.demo.familyIds);

    const managerCookie = await signIn(server.url, 'manager@demo.test');
    const manager = meResponseSchema.parse(
      await (await fetch(`${server.url}/api/me`, { headers: { cookie: managerCookie } })).json(),
    );
    expect(manager.units[0]?.readOnly).toBe(true);
  });

  it('DELETE /api/session signs out: the cookie stops working', async () => {
    const server = shared;
    const cookie = await signIn(server.url, 'cp@demo.test');
    const out = await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, origin: server.url },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('marks API responses no-store and sends security headers', async () => {
    const server = shared;
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
