import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, type AddGuestResponse } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import {
  destroyAll,
  expectClosed,
  expectStillOpen,
  openEverything as openSockets,
} from '../helpers/openSockets.js';

/**
 * Losing access closes what is already open, not only what opens next: a revoked guest, every
 * guest of a meeting that closes, and a session that signs out. Collaboration sockets close with
 * a named code the stock client does not retry (ACCESS_REVOKED when access was taken away,
 * UNAUTHENTICATED when the session ended); unit-channel sockets are disconnected by the server.
 * eventually() gives up after 5 s: the bound the issue sets.
 */

async function inviteGuest(server: TestServer, coordinator: string, email: string) {
  const added = await api<AddGuestResponse>(
    server.url,
    coordinator,
    'POST',
    `/meetings/${server.demo.meetingId}/guests`,
    { name: email.split('@')[0] ?? email, email, canEdit: true },
  );
  expect(added.status).toBe(201);
  return {
    userId: added.body.guest.userId,
    cookie: await signIn(server.url, email, added.body.oneTimePassword ?? ''),
  };
}

/** The demo meeting and its first family, where each person opens everything. */
const demoPlace = (server: TestServer) => ({
  unitId: server.demo.unitId,
  meetingId: server.demo.meetingId,
  familyId: server.demo.familyIds[0] ?? '',
});

const openEverything = (server: TestServer, cookie: string, watchUnit: boolean) =>
  openSockets(server, demoPlace(server), cookie, watchUnit);

describe('revocations close the sockets already open', () => {
  it("[M6] revoking a guest closes that guest's collaboration sockets (ACCESS_REVOKED) and unit channel within 5 s, and no one else's", async () => {
    const server = await startTestServer();
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const revokedGuest = await inviteGuest(server, coordinator, 'health.visitor@nhs.test');
    const otherGuest = await inviteGuest(server, coordinator, 'school.nurse@nhs.test');
    const revoked = await openEverything(server, revokedGuest.cookie, false);
    const accessRevoked = new Promise<string>((resolve) =>
      revoked.channel.socket.on('unit:access-revoked', ({ unitId }) => resolve(unitId)),
    );
    const other = await openEverything(server, otherGuest.cookie, false);
    const member = await openEverything(server, await signIn(server.url, 'sw@demo.test'), true);

    const response = await api(
      server.url,
      coordinator,
      'DELETE',
      `/meetings/${server.demo.meetingId}/guests/${revokedGuest.userId}`,
    );
    expect(response.status).toBe(204);

    await expectClosed(revoked, CLOSE_CODES.ACCESS_REVOKED);
    expect(await accessRevoked).toBe(server.demo.unitId);
    await expectStillOpen(other);
    await expectStillOpen(member);
    destroyAll(revoked, other, member);
  });

  it("[M6] closing a meeting closes its guests' collaboration sockets (ACCESS_REVOKED) and unit channel within 5 s; members keep theirs", async () => {
    const server = await startTestServer();
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const guest = await inviteGuest(server, coordinator, 'health.visitor@nhs.test');
    const guestSockets = await openEverything(server, guest.cookie, false);
    const member = await openEverything(server, await signIn(server.url, 'sw@demo.test'), true);

    const closed = await api(
      server.url,
      coordinator,
      'POST',
      `/meetings/${server.demo.meetingId}/close`,
      {},
    );
    expect(closed.status).toBe(200);

    await expectClosed(guestSockets, CLOSE_CODES.ACCESS_REVOKED);
    // Told the meeting closed before being let go.
    expect(guestSockets.channel.closed.map((c) => c.meetingId)).toEqual([server.demo.meetingId]);
    await expectStillOpen(member);
    destroyAll(guestSockets, member);
  });

  it("signing out closes that session's collaboration sockets (UNAUTHENTICATED) and unit channel within 5 s; the same person's other session keeps its own", async () => {
    const server = await startTestServer();
    const laptop = await signIn(server.url, 'sw@demo.test');
    const desktop = await signIn(server.url, 'sw@demo.test');
    const signingOut = await openEverything(server, laptop, true);
    const staying = await openEverything(server, desktop, true);

    const response = await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: laptop, origin: server.url },
    });
    expect(response.status).toBe(204);

    await expectClosed(signingOut, CLOSE_CODES.UNAUTHENTICATED);
    await expectStillOpen(staying);
    destroyAll(signingOut, staying);
  });
});
