import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, type AddGuestResponse } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import {
  destroyAll,
  expectStillOpen,
  openEverything,
  type OpenSockets,
} from '../helpers/openSockets.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually } from '../helpers/yClient.js';

const HOUR_MS = 60 * 60 * 1000;

/** A server whose sessions' clock the test moves, sweeping expired sessions every 50 ms. */
async function serverWithClock(lifetime: { idleMs: number; absoluteMs: number }) {
  let offsetMs = 0;
  const server = await startTestServer({
    config: {
      sessionLifetime: lifetime,
      sessionSweepMs: 50,
      sessionClock: () => new Date(Date.now() + offsetMs),
    },
  });
  return { server, advance: (ms: number) => (offsetMs += ms) };
}

const demoPlace = (server: TestServer) => ({
  unitId: server.demo.unitId,
  meetingId: server.demo.meetingId,
  familyId: server.demo.familyIds[0] ?? '',
});

/** Every collaboration socket closed with `code`, and the unit channel by the server. */
async function closedWith(opened: OpenSockets, code: number): Promise<void> {
  await eventually(() => {
    expect(opened.codes).toEqual([code, code, code]);
    expect(opened.disconnects).toEqual(['io server disconnect']);
  });
}

describe('sessions that expire close the sockets opened with them', () => {
  it('[I4] a session past its absolute lifetime closes its open sockets (UNAUTHENTICATED) even while in use; other sessions stay', async () => {
    const { server, advance } = await serverWithClock({
      idleMs: 12 * HOUR_MS,
      absoluteMs: 12 * HOUR_MS,
    });
    const cookie = await signIn(server.url, 'sw@demo.test');
    const opened = await openEverything(server, demoPlace(server), cookie, true);
    // Busy all day: a request at 11 h keeps it from idling, not from ending at 12 h.
    advance(11 * HOUR_MS);
    expect((await api(server.url, cookie, 'GET', '/me')).status).toBe(200);
    const colleague = await openEverything(
      server,
      demoPlace(server),
      await signIn(server.url, 'cp@demo.test'),
      true,
    );
    expect(opened.codes).toEqual([]);
    advance(HOUR_MS + 1000);
    await closedWith(opened, CLOSE_CODES.UNAUTHENTICATED);
    expect((await api(server.url, cookie, 'GET', '/me')).status).toBe(401);
    await expectStillOpen(colleague);
    destroyAll(opened, colleague);
  });

  it('[I4] a session left idle past its idle expiry closes its open sockets; a new sign-in opens them again', async () => {
    const { server, advance } = await serverWithClock({
      idleMs: HOUR_MS,
      absoluteMs: 12 * HOUR_MS,
    });
    const cookie = await signIn(server.url, 'sw@demo.test');
    const opened = await openEverything(server, demoPlace(server), cookie, true);
    advance(HOUR_MS + 1000);
    await closedWith(opened, CLOSE_CODES.UNAUTHENTICATED);
    const again = connectYClient(server.url, `meeting:${server.demo.meetingId}`, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    await again.synced;
    again.destroy();
    destroyAll(opened);
  });
});

describe('a family leaving the agenda leaves its guests at once', () => {
  it("[I5] removing a family from a meeting's agenda closes a guest's sockets to it (ACCESS_REVOKED); members and the rest of the meeting stay", async () => {
    const server = await startTestServer();
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const [harper, kowalski] = server.demo.familyIds as [string, string];
    const { meetingId } = server.demo;
    const agenda = (familyIds: string[]) =>
      api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
        items: familyIds.map((familyId) => ({ familyId, timeboxMinutes: 30 })),
      });
    expect((await agenda([harper, kowalski])).status).toBe(200);
    const added = await api<AddGuestResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${meetingId}/guests`,
      {
        name: 'Hana Visitor',
        email: 'hana@health.test',
      },
    );
    const guest = await signIn(server.url, 'hana@health.test', added.body.oneTimePassword ?? '');
    const open = (cookie: string, docName: string) => {
      const client = connectYClient(server.url, docName, { cookie });
      const codes: number[] = [];
      void client.refused.then((code) => codes.push(code));
      return { client, codes };
    };
    const guestHarper = open(guest, `family:${harper}`);
    const guestDiscussion = open(guest, `discussion:${meetingId}:${harper}`);
    const guestKowalski = open(guest, `family:${kowalski}`);
    const guestMeeting = open(guest, `meeting:${meetingId}`);
    const member = await signIn(server.url, 'sw@demo.test');
    const memberHarper = open(member, `family:${harper}`);
    const memberDiscussion = open(member, `discussion:${meetingId}:${harper}`);
    const all = [
      guestHarper,
      guestDiscussion,
      guestKowalski,
      guestMeeting,
      memberHarper,
      memberDiscussion,
    ];
    await Promise.all(all.map(({ client }) => client.synced));

    expect((await agenda([kowalski])).status).toBe(200);
    await eventually(() => {
      expect(guestHarper.codes).toEqual([CLOSE_CODES.ACCESS_REVOKED]);
      expect(guestDiscussion.codes).toEqual([CLOSE_CODES.ACCESS_REVOKED]);
      // The discussion is open only while its family is on the agenda, for members too.
      expect(memberDiscussion.codes).toEqual([CLOSE_CODES.ACCESS_REVOKED]);
    });
    expect(guestKowalski.codes).toEqual([]);
    expect(guestMeeting.codes).toEqual([]);
    expect(memberHarper.codes).toEqual([]);
    for (const { client } of [guestKowalski, guestMeeting, memberHarper])
      expect(client.provider.wsconnected).toBe(true);
    for (const { client } of all) client.destroy();
  });
});
