import { expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES, type MeResponse } from '@unitroom/shared';
import { addAccount } from '../helpers/accounts.js';
import { api } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

function step1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

interface GuestAnswer {
  guest: { userId: string; name: string; email: string };
  oneTimePassword: string | null;
}

/**
 * A second unit (Bravo) beside the demo unit, with its own coordinator, a family on its meeting's
 * agenda and a guest (a health visitor) it invited, signed in with the password Bravo was shown.
 */
async function unitBravoWithGuest(server: TestServer) {
  const db = server.app.persistence.db;
  const now = new Date().toISOString();
  await db
    .insertInto('units')
    .values({ id: 'unitbravo', name: 'Bravo Unit', created_at: now })
    .execute();
  await db
    .insertInto('families')
    .values({ id: 'familybravo', unit_id: 'unitbravo', name: 'Quinn family', created_at: now })
    .execute();
  await db
    .insertInto('meetings')
    .values({
      id: 'meetingbravo',
      unit_id: 'unitbravo',
      title: 'Bravo unit meeting',
      date: '2026-05-05',
      created_at: now,
      series_id: null,
      start_time: '10:00',
      closed_at: null,
    })
    .execute();
  await addAccount(server.app, {
    id: 'bravocoordinator',
    email: 'coordinator@bravo.test',
    password: 'bravo-coordinator-pass',
    unitId: 'unitbravo',
    role: 'unit_coordinator',
  });
  const bravo = await signIn(server.url, 'coordinator@bravo.test', 'bravo-coordinator-pass');
  expect(
    (
      await api(server.url, bravo, 'PUT', '/meetings/meetingbravo/agenda', {
        items: [{ familyId: 'familybravo', timeboxMinutes: 30 }],
      })
    ).status,
  ).toBe(200);
  const invited = await api<GuestAnswer>(
    server.url,
    bravo,
    'POST',
    '/meetings/meetingbravo/guests',
    {
      name: 'Gina Health',
      email: 'gina@health.test',
    },
  );
  expect(invited.status).toBe(201);
  const password = invited.body.oneTimePassword ?? '';
  const guest = await signIn(server.url, 'gina@health.test', password);
  return { bravo, guest, password, guestId: invited.body.guest.userId };
}

describeEachStore('guests: an invitation never takes over an existing account', (store) => {
  it(
    "[I1] a coordinator of unit A inviting unit B's guest by e-mail changes neither their password nor their name, and gains nothing of B",
    { timeout: 60_000 },
    async () => {
      const server = await startTestServer(store);
      const db = server.app.persistence.db;
      const b = await unitBravoWithGuest(server);
      const before = await db
        .selectFrom('users')
        .select(['name', 'password_hash'])
        .where('id', '=', b.guestId)
        .executeTakeFirstOrThrow();

      const alpha = await signIn(server.url, 'coordinator@demo.test');
      const { meetingId } = server.demo;
      const invited = await api<GuestAnswer>(
        server.url,
        alpha,
        'POST',
        `/meetings/${meetingId}/guests`,
        {
          name: 'Mallory Lookalike',
          email: 'GINA@health.test',
        },
      );
      expect(invited.status).toBe(201);
      // No password to pass on: the person signs in with the one they have.
      expect(invited.body.oneTimePassword).toBeNull();
      expect(invited.body.guest).toMatchObject({ userId: b.guestId, name: 'Gina Health' });
      // Whatever A was told, it does not sign A in as B's guest.
      if (typeof invited.body.oneTimePassword === 'string') {
        await expect(
          signIn(server.url, 'gina@health.test', invited.body.oneTimePassword),
        ).rejects.toThrow();
      }

      const after = await db
        .selectFrom('users')
        .select(['name', 'password_hash'])
        .where('id', '=', b.guestId)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      // The real guest keeps their open session and their password.
      expect((await api(server.url, b.guest, 'GET', '/me')).status).toBe(200);
      await expect(signIn(server.url, 'gina@health.test', b.password)).resolves.toContain('=');

      // A sees nothing of B, over REST or sync.
      expect((await api(server.url, alpha, 'GET', '/meetings/meetingbravo/plan')).status).toBe(404);
      for (const docName of ['family:familybravo', 'meeting:meetingbravo']) {
        const outcome = await openRaw(server.url, docName, { cookie: alpha, send: [step1()] });
        expect(outcome.code, docName).toBe(CLOSE_CODES.FORBIDDEN);
        expect(outcome.messages, docName).toHaveLength(0);
      }

      // The guest is scoped to the meetings that invited them: B's, and now A's, each on its own.
      const me = await api<MeResponse>(server.url, b.guest, 'GET', '/me');
      expect(me.body.user.name).toBe('Gina Health');
      expect(
        me.body.units.map((unit) => [unit.id, unit.meetings.map((meeting) => meeting.id)]).sort(),
      ).toEqual(
        [
          ['unitbravo', ['meetingbravo']],
          [server.demo.unitId, [meetingId]],
        ].sort(),
      );
    },
  );

  it("[I1] revoking a guest who is also a member of another unit leaves that member's sessions alone", async () => {
    const server = await startTestServer(store);
    const db = server.app.persistence.db;
    const now = new Date().toISOString();
    await db
      .insertInto('units')
      .values({ id: 'unitbravo', name: 'Bravo Unit', created_at: now })
      .execute();
    await addAccount(server.app, {
      id: 'bravoclinician',
      email: 'clinician@bravo.test',
      password: 'bravo-clinician-pass',
      unitId: 'unitbravo',
      role: 'clinician',
    });
    const clinician = await signIn(server.url, 'clinician@bravo.test', 'bravo-clinician-pass');
    const alpha = await signIn(server.url, 'coordinator@demo.test');
    const { meetingId } = server.demo;
    const invited = await api<GuestAnswer>(
      server.url,
      alpha,
      'POST',
      `/meetings/${meetingId}/guests`,
      {
        name: 'Someone Else',
        email: 'clinician@bravo.test',
      },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.oneTimePassword).toBeNull();
    const revoked = await api(
      server.url,
      alpha,
      'DELETE',
      `/meetings/${meetingId}/guests/bravoclinician`,
    );
    expect(revoked.status).toBe(204);
    // Still signed in to their own unit.
    const me = await api<MeResponse>(server.url, clinician, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.units.map((unit) => unit.id)).toEqual(['unitbravo']);
  });

  it("[I1] a member of the meeting's own unit needs no invitation (409), and a new guest gets a password once", async () => {
    const server = await startTestServer(store);
    const alpha = await signIn(server.url, 'coordinator@demo.test');
    const { meetingId } = server.demo;
    const member = await api(server.url, alpha, 'POST', `/meetings/${meetingId}/guests`, {
      name: 'Tom',
      email: 'sw@demo.test',
    });
    expect(member.status).toBe(409);
    const fresh = await api<GuestAnswer>(
      server.url,
      alpha,
      'POST',
      `/meetings/${meetingId}/guests`,
      {
        name: 'Nia School',
        email: 'nia@school.test',
      },
    );
    expect(fresh.status).toBe(201);
    expect(typeof fresh.body.oneTimePassword).toBe('string');
  });
});
