import { expect, it, onTestFinished } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  API_ERROR_CODES,
  CLOSE_CODES,
  NAME_MAX_LENGTH,
  type AccountLinkResponse,
  type AddPersonResponse,
  type AdminPerson,
  type AdminUnit,
  type AdminUnitDetail,
  type ClientToServerEvents,
  type MeResponse,
  type ServerToClientEvents,
} from '@unitroom/shared';
import { api, type ApiAnswer } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually } from '../helpers/yClient.js';

const NEW_PASSWORD = 'correct horse battery staple';

/** Every relational row administration can touch, to prove that a refusal changed nothing. */
async function snapshot(server: TestServer): Promise<unknown> {
  const db = server.app.persistence.db;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    units: await db.selectFrom('units').selectAll().orderBy('id').execute(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('unit_id')
      .orderBy('user_id')
      .execute(),
    links: await db.selectFrom('account_links').selectAll().orderBy('token_hash').execute(),
    sessions: await db.selectFrom('sessions').select('id').orderBy('id').execute(),
  };
}

function expectRefusal(answer: ApiAnswer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect((answer.body as { error: { code: string } }).error.code).toBe(code);
}

const tokenOf = (link: AccountLinkResponse): string => new URL(link.url).hash.slice(1);

async function useLink(server: TestServer, token: string, password = NEW_PASSWORD) {
  return api(server.url, '', 'POST', '/account/link', { token, password });
}

async function addPerson(server: TestServer, admin: string, name: string, email: string) {
  const added = await api<AddPersonResponse>(server.url, admin, 'POST', '/admin/people', {
    name,
    email,
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  return added.body;
}

describeEachStore('administration over REST', (store) => {
  const start = () => startTestServer(store);

  it('[A1] every administration request by a non-administrator is refused and changes nothing', async () => {
    const server = await start();
    const unitId = server.demo.unitId;
    const workerId = server.demo.userIds['sw@demo.test'] ?? '';
    const before = await snapshot(server);
    const requests: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?]> = [
      ['GET', '/admin/units'],
      ['POST', '/admin/units', { name: 'Sneaky unit' }],
      ['GET', `/admin/units/${unitId}`],
      ['PUT', `/admin/units/${unitId}`, { name: 'Renamed' }],
      ['POST', `/admin/units/${unitId}/archive`],
      ['POST', `/admin/units/${unitId}/restore`],
      ['PUT', `/admin/units/${unitId}/members/${workerId}`, { role: 'consultant_social_worker' }],
      ['DELETE', `/admin/units/${unitId}/members/${workerId}`],
      ['GET', '/admin/people'],
      ['POST', '/admin/people', { name: 'Eve', email: 'eve@evil.test' }],
      ['GET', `/admin/people/${workerId}`],
      ['POST', `/admin/people/${workerId}/deactivate`],
      ['POST', `/admin/people/${workerId}/reactivate`],
      ['POST', `/admin/people/${workerId}/reset-link`],
    ];
    // The unit's coordinator manages meetings and members, but is no deployment administrator.
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const manager = await signIn(server.url, 'manager@demo.test');
    const sessionsBefore = await snapshot(server);
    for (const cookie of [coordinator, manager]) {
      for (const [method, path, body] of requests) {
        expectRefusal(
          await api(server.url, cookie, method, path, body),
          403,
          API_ERROR_CODES.NOT_ADMINISTRATOR,
        );
      }
    }
    for (const [method, path, body] of requests) {
      expect((await api(server.url, '', method, path, body)).status).toBe(401);
    }
    expect(await snapshot(server)).toEqual(sessionsBefore);
    expect(before).not.toEqual(sessionsBefore); // only the two sign-ins changed anything
    const me = await api<MeResponse>(server.url, coordinator, 'GET', '/me');
    expect(me.body.user.administrator).toBe(false);
    const consultant = await signIn(server.url, 'csw@demo.test');
    expect(
      (await api<MeResponse>(server.url, consultant, 'GET', '/me')).body.user.administrator,
    ).toBe(true);
  });

  it('[A2][A6] units and people: one person in two units with a role in each; each bad input is refused with its own code and changes nothing', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const created = await api<AdminUnit>(server.url, admin, 'POST', '/admin/units', {
      name: '  Riverside  Unit 7 ',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Riverside Unit 7', archived: false });
    const riverside = created.body.id;
    const renamed = await api(server.url, admin, 'PUT', `/admin/units/${riverside}`, {
      name: 'Riverside Unit 8',
    });
    expect(renamed.status).toBe(204);

    const clinician = await addPerson(
      server,
      admin,
      'Dr Imogen \u202EReyes',
      'Imogen.Reyes@Council.test',
    );
    // [A6] a bidi override is dropped, the address lower-cased; no password until the link is used.
    expect(clinician.person).toMatchObject({
      name: 'Dr Imogen Reyes',
      email: 'imogen.reyes@council.test',
      hasPassword: false,
      administrator: false,
      memberships: [],
    });
    expect(new URL(clinician.link.url).pathname).toBe('/account/set-password');
    const id = clinician.person.id;
    for (const unitId of [server.demo.unitId, riverside]) {
      const set = await api(server.url, admin, 'PUT', `/admin/units/${unitId}/members/${id}`, {
        role: 'clinician',
      });
      expect(set.status).toBe(204);
    }
    expect(
      (
        await api(server.url, admin, 'PUT', `/admin/units/${riverside}/members/${id}`, {
          role: 'consultant_social_worker',
        })
      ).status,
    ).toBe(204);
    const person = await api<AdminPerson>(server.url, admin, 'GET', `/admin/people/${id}`);
    expect(person.body.memberships.map((m) => [m.unitName, m.role])).toEqual([
      ['Northgate Unit 4', 'clinician'],
      ['Riverside Unit 8', 'consultant_social_worker'],
    ]);
    // The person sets their password and sees both units.
    expect((await useLink(server, tokenOf(clinician.link))).status).toBe(204);
    const cookie = await signIn(server.url, 'imogen.reyes@council.test', NEW_PASSWORD);
    const me = await api<MeResponse>(server.url, cookie, 'GET', '/me');
    expect(me.body.units.map((u) => [u.name, u.role])).toEqual([
      ['Northgate Unit 4', 'clinician'],
      ['Riverside Unit 8', 'consultant_social_worker'],
    ]);

    const before = await snapshot(server);
    const long = 'x'.repeat(NAME_MAX_LENGTH + 1);
    const refusals: Array<[string, ApiAnswer, number, string]> = [
      [
        'duplicate e-mail, other case',
        await api(server.url, admin, 'POST', '/admin/people', {
          name: 'Someone Else',
          email: 'IMOGEN.reyes@council.test',
        }),
        409,
        API_ERROR_CODES.EMAIL_TAKEN,
      ],
      [
        'not an e-mail',
        await api(server.url, admin, 'POST', '/admin/people', { name: 'A B', email: 'nope' }),
        400,
        API_ERROR_CODES.EMAIL_INVALID,
      ],
      [
        'person name too long',
        await api(server.url, admin, 'POST', '/admin/people', { name: long, email: 'l@x.test' }),
        400,
        API_ERROR_CODES.NAME_TOO_LONG,
      ],
      [
        'blank person name',
        await api(server.url, admin, 'POST', '/admin/people', { name: ' \t', email: 'b@x.test' }),
        400,
        API_ERROR_CODES.NAME_MISSING,
      ],
      [
        'unit name too long',
        await api(server.url, admin, 'POST', '/admin/units', { name: 'u'.repeat(5000) }),
        400,
        API_ERROR_CODES.NAME_TOO_LONG,
      ],
      [
        'rename too long',
        await api(server.url, admin, 'PUT', `/admin/units/${riverside}`, { name: long }),
        400,
        API_ERROR_CODES.NAME_TOO_LONG,
      ],
      [
        'a role that does not exist',
        await api(server.url, admin, 'PUT', `/admin/units/${riverside}/members/${id}`, {
          role: 'overlord',
        }),
        400,
        API_ERROR_CODES.UNKNOWN_ROLE,
      ],
      [
        'guest is not a membership role',
        await api(server.url, admin, 'PUT', `/admin/units/${riverside}/members/${id}`, {
          role: 'guest',
        }),
        400,
        API_ERROR_CODES.UNKNOWN_ROLE,
      ],
      [
        'no such unit',
        await api(server.url, admin, 'PUT', `/admin/units/nosuchunit/members/${id}`, {
          role: 'clinician',
        }),
        404,
        API_ERROR_CODES.NOT_FOUND,
      ],
      [
        'no such person',
        await api(server.url, admin, 'PUT', `/admin/units/${riverside}/members/nobody`, {
          role: 'clinician',
        }),
        404,
        API_ERROR_CODES.NOT_FOUND,
      ],
      [
        'malformed body',
        await api(server.url, admin, 'POST', '/admin/people', { name: 42 }),
        400,
        API_ERROR_CODES.BAD_REQUEST,
      ],
    ];
    for (const [what, answer, status, code] of refusals) {
      expect([
        what,
        answer.status,
        (answer.body as { error?: { code: string } }).error?.code,
      ]).toEqual([what, status, code]);
    }
    expect(await snapshot(server)).toEqual(before);
  });

  it('[A1] an administrator makes someone else an administrator, and cannot unmake themselves', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const adminId = server.demo.userIds['csw@demo.test'] ?? '';
    const coordinatorId = server.demo.userIds['coordinator@demo.test'] ?? '';
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const path = (id: string) => `/admin/people/${id}/administrator`;
    expectRefusal(
      await api(server.url, coordinator, 'PUT', path(coordinatorId), { administrator: true }),
      403,
      API_ERROR_CODES.NOT_ADMINISTRATOR,
    );
    expectRefusal(
      await api(server.url, admin, 'PUT', path(adminId), { administrator: false }),
      409,
      API_ERROR_CODES.CONFLICT,
    );
    expect(
      (await api(server.url, admin, 'PUT', path(coordinatorId), { administrator: true })).status,
    ).toBe(204);
    expect((await api(server.url, coordinator, 'GET', '/admin/units')).status).toBe(200);
    expect(
      (await api(server.url, coordinator, 'PUT', path(adminId), { administrator: false })).status,
    ).toBe(204);
    expectRefusal(
      await api(server.url, admin, 'GET', '/admin/units'),
      403,
      API_ERROR_CODES.NOT_ADMINISTRATOR,
    );
  });

  it('[A3] an archived unit takes no members, roles or name, and its members keep their access', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const unit = (
      await api<AdminUnit>(server.url, admin, 'POST', '/admin/units', { name: 'Old unit' })
    ).body;
    const person = await addPerson(server, admin, 'Sam Cole', 'sam.cole@council.test');
    expect((await api(server.url, admin, 'POST', `/admin/units/${unit.id}/archive`)).status).toBe(
      204,
    );
    const before = await snapshot(server);
    expectRefusal(
      await api(server.url, admin, 'PUT', `/admin/units/${unit.id}/members/${person.person.id}`, {
        role: 'social_worker',
      }),
      409,
      API_ERROR_CODES.UNIT_ARCHIVED,
    );
    expectRefusal(
      await api(server.url, admin, 'PUT', `/admin/units/${unit.id}`, { name: 'New name' }),
      409,
      API_ERROR_CODES.UNIT_ARCHIVED,
    );
    expect(await snapshot(server)).toEqual(before);
    const units = await api<AdminUnit[]>(server.url, admin, 'GET', '/admin/units');
    expect(units.body.find((u) => u.id === unit.id)?.archived).toBe(true);
  });

  it('[A11] an administrator restores an archived unit: it takes members and a name again, audited; nobody else can', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const unit = (
      await api<AdminUnit>(server.url, admin, 'POST', '/admin/units', { name: 'Old unit' })
    ).body;
    const person = await addPerson(server, admin, 'Sam Cole', 'sam.cole@council.test');
    expect((await api(server.url, admin, 'POST', `/admin/units/${unit.id}/archive`)).status).toBe(
      204,
    );
    // A unit member who is no administrator cannot bring it back.
    const before = await snapshot(server);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const afterSignIn = await snapshot(server);
    expectRefusal(
      await api(server.url, coordinator, 'POST', `/admin/units/${unit.id}/restore`),
      403,
      API_ERROR_CODES.NOT_ADMINISTRATOR,
    );
    expect(await snapshot(server)).toEqual(afterSignIn);
    expect(afterSignIn).not.toEqual(before);
    expectRefusal(
      await api(server.url, admin, 'POST', '/admin/units/nosuchunit000000000/restore'),
      404,
      API_ERROR_CODES.NOT_FOUND,
    );

    expect((await api(server.url, admin, 'POST', `/admin/units/${unit.id}/restore`)).status).toBe(
      204,
    );
    const detail = await api<AdminUnitDetail>(server.url, admin, 'GET', `/admin/units/${unit.id}`);
    expect(detail.body.archived).toBe(false);
    expect(
      (
        await api(server.url, admin, 'PUT', `/admin/units/${unit.id}/members/${person.person.id}`, {
          role: 'consultant_social_worker',
        })
      ).status,
    ).toBe(204);
    expect(
      (await api(server.url, admin, 'PUT', `/admin/units/${unit.id}`, { name: 'Renewed unit' }))
        .status,
    ).toBe(204);
    // Restoring a unit in use changes nothing and records nothing more.
    expect((await api(server.url, admin, 'POST', `/admin/units/${unit.id}/restore`)).status).toBe(
      204,
    );
    const restored = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target'])
      .where('action', '=', 'admin.unit-restored')
      .execute();
    expect(restored).toEqual([
      { actor_user_id: server.demo.userIds['csw@demo.test'], target: unit.id },
    ]);
  });

  it('[A4] the last consultant cannot be removed, re-roled or deactivated without naming who takes over', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const unitId = server.demo.unitId;
    const consultantId = server.demo.userIds['csw@demo.test'] ?? '';
    const workerId = server.demo.userIds['sw@demo.test'] ?? '';
    // A second administrator, so the consultant's own deactivation is not refused as "yourself".
    const other = await addPerson(server, admin, 'Second Admin', 'admin2@council.test');
    await server.app.persistence.db
      .updateTable('users')
      .set({ administrator: 1 })
      .where('id', '=', other.person.id)
      .execute();
    await useLink(server, tokenOf(other.link));
    const admin2 = await signIn(server.url, 'admin2@council.test', NEW_PASSWORD);
    const before = await snapshot(server);
    const members = `/admin/units/${unitId}/members/${consultantId}`;
    expectRefusal(
      await api(server.url, admin2, 'DELETE', members),
      409,
      API_ERROR_CODES.LAST_CONSULTANT,
    );
    expectRefusal(
      await api(server.url, admin2, 'PUT', members, { role: 'social_worker' }),
      409,
      API_ERROR_CODES.LAST_CONSULTANT,
    );
    expectRefusal(
      await api(server.url, admin2, 'POST', `/admin/people/${consultantId}/deactivate`),
      409,
      API_ERROR_CODES.LAST_CONSULTANT,
    );
    // The unit's own member management: the coordinator cannot remove the last consultant either.
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    expectRefusal(
      await api(server.url, coordinator, 'DELETE', `/units/${unitId}/members/${consultantId}`),
      409,
      API_ERROR_CODES.LAST_CONSULTANT,
    );
    const afterRefusals = await snapshot(server);
    expect((afterRefusals as { memberships: unknown }).memberships).toEqual(
      (before as { memberships: unknown }).memberships,
    );
    expect((afterRefusals as { users: unknown }).users).toEqual(
      (before as { users: unknown }).users,
    );

    // Naming the social worker: they become the consultant as the old one steps down.
    expect(
      (
        await api(server.url, admin2, 'PUT', members, {
          role: 'social_worker',
          replacementConsultantId: workerId,
        })
      ).status,
    ).toBe(204);
    const unit = await api<AdminUnitDetail>(server.url, admin2, 'GET', `/admin/units/${unitId}`);
    const roleOf = (userId: string) => unit.body.members.find((m) => m.userId === userId)?.role;
    expect([roleOf(consultantId), roleOf(workerId)]).toEqual([
      'social_worker',
      'consultant_social_worker',
    ]);
    // Now the old consultant can go; the new one is the last and stays.
    expect((await api(server.url, admin2, 'DELETE', members)).status).toBe(204);
    expectRefusal(
      await api(server.url, coordinator, 'DELETE', `/units/${unitId}/members/${workerId}`),
      409,
      API_ERROR_CODES.LAST_CONSULTANT,
    );
  });

  it('[A5][A7] deactivating someone closes their sockets and sessions; they cannot sign in until reactivated', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const workerId = server.demo.userIds['sw@demo.test'] ?? '';
    const worker = await signIn(server.url, 'sw@demo.test');
    const doc = connectYClient(server.url, `family:${server.demo.familyIds[0]}`, {
      cookie: worker,
    });
    onTestFinished(() => doc.destroy());
    const channel: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: worker, origin: server.url },
      reconnection: false,
    });
    onTestFinished(() => void channel.disconnect());
    expect((await channel.emitWithAck('unit:watch', server.demo.unitId)).ok).toBe(true);
    await doc.synced;
    const disconnected = new Promise<string>((resolve) => channel.on('disconnect', resolve));

    expect(
      (await api(server.url, admin, 'POST', `/admin/people/${workerId}/deactivate`)).status,
    ).toBe(204);
    let code: number | null = null;
    void doc.refused.then((c) => (code = c));
    await eventually(() => expect(code).not.toBeNull(), 5_000);
    expect([CLOSE_CODES.ACCESS_REVOKED, CLOSE_CODES.UNAUTHENTICATED]).toContain(code);
    expect(await disconnected).toBe('io server disconnect');
    expect((await api(server.url, worker, 'GET', '/me')).status).toBe(401);
    const signInAgain = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'sw@demo.test', password: 'unitroom-demo' }),
    });
    expect(signInAgain.status).toBe(401);
    // A deactivated person is given no roles and no links.
    expectRefusal(
      await api(server.url, admin, 'POST', `/admin/people/${workerId}/reset-link`),
      409,
      API_ERROR_CODES.PERSON_DEACTIVATED,
    );
    expect(
      (await api(server.url, admin, 'POST', `/admin/people/${workerId}/reactivate`)).status,
    ).toBe(204);
    const back = await signIn(server.url, 'sw@demo.test');
    const me = await api<MeResponse>(server.url, back, 'GET', '/me');
    expect(me.body.units.map((u) => u.role)).toEqual(['social_worker']);
  });

  it('[A5] a changed role takes effect on open sockets at once: they close, and reopen with the new role', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const workerId = server.demo.userIds['sw@demo.test'] ?? '';
    const worker = await signIn(server.url, 'sw@demo.test');
    const familyDoc = `family:${server.demo.familyIds[0]}`;
    const doc = connectYClient(server.url, familyDoc, { cookie: worker });
    onTestFinished(() => doc.destroy());
    await doc.synced;
    const path = `/admin/units/${server.demo.unitId}/members/${workerId}`;
    expect((await api(server.url, admin, 'PUT', path, { role: 'manager' })).status).toBe(204);
    let code: number | null = null;
    void doc.refused.then((c) => (code = c));
    await eventually(() => expect(code).toBe(CLOSE_CODES.ACCESS_REVOKED), 5_000);
    const again = connectYClient(server.url, familyDoc, { cookie: worker });
    onTestFinished(() => again.destroy());
    await again.synced;
    const me = await api<MeResponse>(server.url, worker, 'GET', '/me');
    expect(me.body.units.map((u) => [u.role, u.readOnly])).toEqual([['manager', true]]);
  });

  it('[A8] a set-up or reset link works once, before it expires, and only the newest; only its hash is stored', async () => {
    const server = await start();
    const admin = await signIn(server.url, 'csw@demo.test');
    const added = await addPerson(server, admin, 'Noor Haddad', 'noor@council.test');
    const token = tokenOf(added.link);
    const stored = await server.app.persistence.db
      .selectFrom('account_links')
      .selectAll()
      .execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    // Nobody signs in to an account whose password was never chosen.
    await expect(signIn(server.url, 'noor@council.test', 'any password at all')).rejects.toThrow(
      /401/,
    );
    // Too short a password: refused, and the link still works afterwards.
    expectRefusal(await useLink(server, token, 'short'), 400, API_ERROR_CODES.PASSWORD_INVALID);
    expect((await useLink(server, token)).status).toBe(204);
    const before = await snapshot(server);
    expectRefusal(
      await useLink(server, token, 'another long password'),
      410,
      API_ERROR_CODES.LINK_USED,
    );
    expectRefusal(await useLink(server, 'not-a-token'), 404, API_ERROR_CODES.LINK_INVALID);
    expect(await snapshot(server)).toEqual(before);
    const noor = await signIn(server.url, 'noor@council.test', NEW_PASSWORD);

    // A reset link from the administrator: an older one stops working; using it ends sessions.
    const path = `/admin/people/${added.person.id}/reset-link`;
    const first = await api<AccountLinkResponse>(server.url, admin, 'POST', path);
    const second = await api<AccountLinkResponse>(server.url, admin, 'POST', path);
    expect([first.status, second.status]).toEqual([201, 201]);
    expectRefusal(await useLink(server, tokenOf(first.body)), 404, API_ERROR_CODES.LINK_INVALID);
    await server.app.persistence.db
      .updateTable('account_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('used_at', 'is', null)
      .execute();
    const beforeExpired = await snapshot(server);
    expectRefusal(await useLink(server, tokenOf(second.body)), 410, API_ERROR_CODES.LINK_EXPIRED);
    expect(await snapshot(server)).toEqual(beforeExpired);
    const third = await api<AccountLinkResponse>(server.url, admin, 'POST', path);
    expect((await useLink(server, tokenOf(third.body), 'a brand new passphrase')).status).toBe(204);
    expect((await api(server.url, noor, 'GET', '/me')).status).toBe(401);
    await signIn(server.url, 'noor@council.test', 'a brand new passphrase');
  });

  it('[A9] changing one’s own password needs the current one and ends one’s other sessions', async () => {
    const server = await start();
    const here = await signIn(server.url, 'cp@demo.test');
    const elsewhere = await signIn(server.url, 'cp@demo.test');
    const before = await snapshot(server);
    expectRefusal(
      await api(server.url, here, 'PUT', '/account/password', {
        currentPassword: 'not it',
        newPassword: NEW_PASSWORD,
      }),
      403,
      API_ERROR_CODES.WRONG_PASSWORD,
    );
    expectRefusal(
      await api(server.url, here, 'PUT', '/account/password', {
        currentPassword: 'unitroom-demo',
        newPassword: 'short',
      }),
      400,
      API_ERROR_CODES.PASSWORD_INVALID,
    );
    expect(await snapshot(server)).toEqual(before);
    expect(
      (
        await api(server.url, here, 'PUT', '/account/password', {
          currentPassword: 'unitroom-demo',
          newPassword: NEW_PASSWORD,
        })
      ).status,
    ).toBe(204);
    expect((await api(server.url, here, 'GET', '/me')).status).toBe(200);
    expect((await api(server.url, elsewhere, 'GET', '/me')).status).toBe(401);
    await expect(signIn(server.url, 'cp@demo.test')).rejects.toThrow(/401/);
    await signIn(server.url, 'cp@demo.test', NEW_PASSWORD);
    expect((await api(server.url, '', 'PUT', '/account/password', {})).status).toBe(401);
  });
});
