import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@unitroom/shared';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { signedInOutsider } from '../helpers/accounts.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually } from '../helpers/yClient.js';

/** A sync step 1 as a stock client sends it on open, asking for the whole document. */
function step1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

describe('auth: sockets are refused with named close codes and receive no document bytes', () => {
  /**
   * One server for the refusals that change nothing another test reads: each signs in (or not)
   * on its own and only opens sockets. Removing a member and counting the audit trail's
   * refusals start servers of their own below.
   */
  let shared: TestServer;
  let stopShared = async () => {};
  beforeAll(async () => {
    shared = await startTestServer({ register: (stop) => (stopShared = stop) });
  });
  afterAll(() => stopShared());

  it('refuses a socket with no session cookie (UNAUTHENTICATED)', async () => {
    const server = shared;
    const outcome = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
      send: [step1()],
    });
    expect(outcome.code).toBe(CLOSE_CODES.UNAUTHENTICATED);
    expect(outcome.messages).toHaveLength(0);
  });

  it('refuses a forged or signed-out session cookie (UNAUTHENTICATED)', async () => {
    const server = shared;
    const cookie = await signIn(server.url, 'csw@demo.test');
    await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, origin: server.url },
    });
    const outcome = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
      cookie,
      send: [step1()],
    });
    expect(outcome.code).toBe(CLOSE_CODES.UNAUTHENTICATED);
    expect(outcome.messages).toHaveLength(0);
  });

  it('refuses a signed-in member whose page is on another origin (ORIGIN_NOT_ALLOWED)', async () => {
    const server = shared;
    const cookie = await signIn(server.url, 'csw@demo.test');
    for (const origin of ['http://evil.example', `${server.url}.evil.example`, 'null']) {
      const outcome = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
        cookie,
        origin,
        send: [step1()],
      });
      expect(outcome.code, origin).toBe(CLOSE_CODES.ORIGIN_NOT_ALLOWED);
      expect(outcome.messages).toHaveLength(0);
    }
    const noOrigin = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
      cookie,
      origin: null,
    });
    expect(noOrigin.code).toBe(CLOSE_CODES.ORIGIN_NOT_ALLOWED);
  });

  it("refuses a signed-in user who is not a member of the document's unit (FORBIDDEN)", async () => {
    const server = shared;
    const cookie = await signedInOutsider(server);

    for (const docName of [
      `meeting:${server.demo.meetingId}`,
      `family:${server.demo.familyIds[0]}`,
      'meeting:doesnotexist',
      'bogus:thing',
      '..%2F..%2Fetc',
    ]) {
      const outcome = await openRaw(server.url, docName, { cookie, send: [step1()] });
      expect(outcome.code, docName).toBe(CLOSE_CODES.FORBIDDEN);
      expect(outcome.messages).toHaveLength(0);
    }
  });

  it('refuses a removed member (FORBIDDEN)', async () => {
    const server = await startTestServer();
    const cookie = await signIn(server.url, 'sw@demo.test');
    await server.app.persistence.db
      .updateTable('memberships')
      .set({ removed_at: new Date().toISOString() })
      .where('user_id', '=', server.demo.userIds['sw@demo.test'] ?? '')
      .execute();
    const outcome = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
      cookie,
      send: [step1()],
    });
    expect(outcome.code).toBe(CLOSE_CODES.FORBIDDEN);
    expect(outcome.messages).toHaveLength(0);
  });

  it('refuses a client built for a newer document schema (CLIENT_TOO_NEW)', async () => {
    const server = shared;
    const cookie = await signIn(server.url, 'csw@demo.test');
    const outcome = await openRaw(server.url, `meeting:${server.demo.meetingId}`, {
      cookie,
      query: '?schema=999',
      send: [step1()],
    });
    expect(outcome.code).toBe(CLOSE_CODES.CLIENT_TOO_NEW);
    expect(outcome.messages).toHaveLength(0);
  });

  it('the stock provider stops reconnecting after a refusal and reports the code', async () => {
    const server = shared;
    const client = connectYClient(server.url, `meeting:${server.demo.meetingId}`);
    expect(await client.refused).toBe(CLOSE_CODES.UNAUTHENTICATED);
    expect(client.provider.shouldConnect).toBe(false);
    client.destroy();
  });

  it('records refusals in the audit trail', async () => {
    const server = await startTestServer();
    await openRaw(server.url, `meeting:${server.demo.meetingId}`, { send: [step1()] });
    await eventually(async () => {
      const rows = await server.app.persistence.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'access.refused')
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.detail ?? '{}')).toMatchObject({ codeName: 'UNAUTHENTICATED' });
    });
  });
});
