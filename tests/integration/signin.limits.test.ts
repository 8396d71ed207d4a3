import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { AddGuestResponse } from '@unitroom/shared';
import { DEMO_PASSWORD, type AppConfig } from '@unitroom/server';
import { api } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { eventually } from '../helpers/yClient.js';

/** Limits small enough to reach in a test; delays long enough that none runs out during it. */
const LIMITS: AppConfig['signInLimit'] = {
  freeFailures: 2,
  baseDelayMs: 60_000,
  accountMaxDelayMs: 60_000,
  addressMaxDelayMs: 10 * 60_000,
  addressCap: 1000,
  windowMs: 15 * 60_000,
  knownAddressMs: 24 * 60 * 60_000,
};

/** A sign-in attempt from `address` (believed only when the server trusts its loopback proxy). */
async function attempt(server: TestServer, email: string, password: string, address?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: server.url,
  };
  if (address) headers['x-forwarded-for'] = address;
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

const behindProxy = (limits: Partial<AppConfig['signInLimit']> = {}) =>
  startTestServer({
    config: { signInLimit: { ...LIMITS, ...limits }, trustProxy: ['loopback'] },
  });

describe('sign-in limits slow guessing and never lock a person out', () => {
  it('[I2] successful sign-ins never count toward the limit', async () => {
    const server = await behindProxy();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await attempt(server, 'csw@demo.test', DEMO_PASSWORD, '198.51.100.7')).status);
    expect(statuses).toEqual(Array(6).fill(204));
  });

  it('[I2] wrong passwords slow the account and the address down with Retry-After; the person still signs in from where they did before', async () => {
    const server = await behindProxy();
    // The real person signed in from the office last week.
    expect((await attempt(server, 'sw@demo.test', DEMO_PASSWORD, '198.51.100.7')).status).toBe(204);

    const guesses = [];
    for (let i = 0; i < 4; i += 1)
      guesses.push(await attempt(server, 'sw@demo.test', `guess-${i}`, '203.0.113.5'));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 429, 429]);
    // A delay, not a lockout: at most the account's longest delay.
    expect(Number(guesses[2]?.retryAfter)).toBeGreaterThan(0);
    expect(Number(guesses[2]?.retryAfter)).toBeLessThanOrEqual(LIMITS.accountMaxDelayMs / 1000);
    // Refused while slowed down even with the right password: the guesser learns nothing.
    expect((await attempt(server, 'sw@demo.test', DEMO_PASSWORD, '203.0.113.5')).status).toBe(429);

    // From a new place the account's delay applies: short, and it says how long.
    const elsewhere = await attempt(server, 'sw@demo.test', DEMO_PASSWORD, '192.0.2.44');
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.retryAfter)).toBeLessThanOrEqual(LIMITS.accountMaxDelayMs / 1000);
    // The person, from the office where they signed in before, is not kept out.
    expect((await attempt(server, 'sw@demo.test', DEMO_PASSWORD, '198.51.100.7')).status).toBe(204);
    // The guesser's address is slowed for every account it tries.
    expect((await attempt(server, 'cp@demo.test', 'guess', '203.0.113.5')).status).toBe(429);
  });

  it('[I2] an address is capped across accounts (password spraying); other addresses are not', async () => {
    const server = await behindProxy({ freeFailures: 100, addressCap: 5 });
    const statuses: number[] = [];
    for (const who of ['csw', 'sw', 'cp', 'clinician', 'coordinator', 'manager'])
      statuses.push(
        (await attempt(server, `${who}@demo.test`, 'Winter2026!', '203.0.113.9')).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await attempt(server, 'cp@demo.test', DEMO_PASSWORD, '203.0.113.9')).status).toBe(429);
    expect((await attempt(server, 'cp@demo.test', DEMO_PASSWORD, '198.51.100.7')).status).toBe(204);
  });

  it('[I3] X-Forwarded-For is ignored unless the request comes from a configured proxy', async () => {
    const untrusting = await startTestServer({ config: { signInLimit: LIMITS } });
    const trusting = await behindProxy();
    for (const [server, expected] of [
      [untrusting, [401, 401, 429]],
      [trusting, [401, 401, 401]],
    ] as const) {
      const statuses: number[] = [];
      // Different accounts, a new claimed address each time: only the real address can add up.
      for (const [i, who] of ['csw', 'sw', 'cp'].entries())
        statuses.push(
          (await attempt(server, `${who}@demo.test`, 'nope', `203.0.113.${i + 1}`)).status,
        );
      expect(statuses).toEqual(expected);
    }
    const recorded = await trusting.app.persistence.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'sign-in.failed')
      .execute();
    expect(recorded.map((row) => row.ip).sort()).toEqual([
      '203.0.113.1',
      '203.0.113.2',
      '203.0.113.3',
    ]);
  });
});

describeEachStore('audit rows for anonymous refusals are aggregated', (store) => {
  it(
    '[I6] a flood of wrong passwords and sessionless sockets adds one row per reason and address, with the count',
    { timeout: 90_000 },
    async () => {
      const server = await startTestServer({
        ...store,
        config: { signInLimit: { ...LIMITS, freeFailures: 1000 } },
      });
      const db = server.app.persistence.db;
      const rowsBefore = (await db.selectFrom('audit_events').select('id').execute()).length;
      for (let i = 0; i < 11; i += 1) await attempt(server, `nobody${i}@demo.test`, 'nope');
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, new Y.Doc());
      for (let i = 0; i < 5; i += 1)
        await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
          send: [encoding.toUint8Array(encoder)],
        });
      // A refused socket's audit row is written as the socket closes, which the client may see
      // first: wait until all five are counted.
      await eventually(async () => {
        const rows = await db
          .selectFrom('audit_events')
          .select(['action', 'detail', 'ip'])
          .where('action', 'in', ['sign-in.failed', 'access.refused'])
          .execute();
        expect(rows).toHaveLength(2);
        const byAction = new Map(rows.map((row) => [row.action, JSON.parse(row.detail)]));
        expect(byAction.get('sign-in.failed')).toMatchObject({ count: 11 });
        expect(byAction.get('sign-in.failed').targets).toHaveLength(10);
        expect(byAction.get('access.refused')).toMatchObject({
          count: 5,
          codeName: 'UNAUTHENTICATED',
        });
      }, 10_000);
      expect((await db.selectFrom('audit_events').select('id').execute()).length).toBe(
        rowsBefore + 2,
      );
    },
  );
});

describe('names are cleaned wherever the server accepts one', () => {
  it("[I7] bidi overrides and XML-invalid characters are removed from a guest's name", async () => {
    const server = await startTestServer();
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const added = await api<AddGuestResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${server.demo.meetingId}/guests`,
      { name: 'Nia \u202Eloohcs\u202C Evans\u000C', email: 'nia@school.test' },
    );
    expect(added.status).toBe(201);
    expect(added.body.guest.name).toBe('Nia loohcs Evans');
    const only = await api(
      server.url,
      coordinator,
      'POST',
      `/meetings/${server.demo.meetingId}/guests`,
      {
        name: '\u202E\u2066',
        email: 'blank@school.test',
      },
    );
    expect(only.status).toBe(400);
  });
});
