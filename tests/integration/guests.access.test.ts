import { expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES, type AddGuestResponse, type MeResponse } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/testServer.js';
import { channelMember, ok } from '../helpers/unitSocket.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

function step1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/**
 * The demo meeting with only the Harper family on its agenda, another meeting of the same unit,
 * and a guest (a health visitor) invited to the demo meeting, signed in with the password the
 * coordinator was shown once.
 */
async function invitedGuest(server: TestServer, canEdit = false) {
  const coordinator = await signIn(server.url, 'coordinator@demo.test');
  const [harper, kowalski, osei] = server.demo.familyIds as [string, string, string];
  const { meetingId } = server.demo;
  await api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
    items: [{ familyId: harper, timeboxMinutes: 30 }],
  });
  const other = await api<{ meetingIds: string[] }>(
    server.url,
    coordinator,
    'POST',
    `/units/${server.demo.unitId}/meeting-series`,
    { title: 'Other meeting', firstDate: '2026-04-07', startTime: '10:00', weeks: 1 },
  );
  const otherMeetingId = other.body.meetingIds[0] ?? '';
  await api(server.url, coordinator, 'PUT', `/meetings/${otherMeetingId}/agenda`, {
    items: [{ familyId: kowalski, timeboxMinutes: 30 }],
  });
  const added = await api<AddGuestResponse>(
    server.url,
    coordinator,
    'POST',
    `/meetings/${meetingId}/guests`,
    { name: 'Hana Visitor', email: 'Hana.Visitor@health.test', canEdit },
  );
  expect(added.status).toBe(201);
  expect(added.body.guest).toMatchObject({ email: 'hana.visitor@health.test', canEdit });
  const guest = await signIn(
    server.url,
    'hana.visitor@health.test',
    added.body.oneTimePassword ?? '',
  );
  return {
    coordinator,
    guest,
    harper,
    kowalski,
    osei,
    meetingId,
    otherMeetingId,
    added: added.body,
  };
}

describeEachStore('guests: a partner professional sees one meeting and nothing else', (store) => {
  it('[M6] a guest cannot open any other family or meeting: sync refuses with FORBIDDEN and sends nothing', async () => {
    const server = await startTestServer(store);
    const { guest, harper, kowalski, osei, meetingId, otherMeetingId } = await invitedGuest(server);

    for (const docName of [
      `family:${kowalski}`,
      `family:${osei}`,
      `meeting:${otherMeetingId}`,
      // Discussions: another meeting's, and a family not on the guest's meeting's agenda.
      `discussion:${otherMeetingId}:${kowalski}`,
      `discussion:${meetingId}:${kowalski}`,
    ]) {
      const outcome = await openRaw(server.url, docName, { cookie: guest, send: [step1()] });
      expect(outcome.code, docName).toBe(CLOSE_CODES.FORBIDDEN);
      expect(outcome.messages, docName).toHaveLength(0);
    }
    // What they were invited to opens: the meeting, and the family on its agenda.
    for (const docName of [
      `meeting:${meetingId}`,
      `discussion:${meetingId}:${harper}`,
      `family:${harper}`,
    ]) {
      const client = connectYClient(server.url, docName, { cookie: guest });
      await client.synced;
      client.destroy();
    }
  });

  it('[M6] a guest cannot read or change any other family or meeting over REST (404, never a hint)', async () => {
    const server = await startTestServer(store);
    const { guest, harper, kowalski, meetingId, otherMeetingId } = await invitedGuest(server);
    for (const [method, path, body] of [
      ['GET', `/meetings/${otherMeetingId}/plan`, undefined],
      ['GET', `/meetings/${meetingId}/plan`, undefined],
      ['PUT', `/meetings/${meetingId}/agenda`, { items: [] }],
      ['POST', `/meetings/${meetingId}/close`, {}],
      ['POST', `/meetings/${meetingId}/guests`, { name: 'X', email: 'x@health.test' }],
      ['GET', `/families/${kowalski}/overview`, undefined],
      ['GET', `/families/${kowalski}/genograms`, undefined],
      ['GET', `/families/${harper}/overview`, undefined],
      ['PUT', `/families/${harper}/activity`, { veryActive: true }],
      [
        'POST',
        `/units/${server.demo.unitId}/meeting-series`,
        { title: 'x', firstDate: '2026-01-01', startTime: '09:00' },
      ],
    ] as const) {
      const answer = await api<{ error: { code: string } }>(server.url, guest, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }

    // What the guest is told about themselves: that meeting, its agenda's family, nothing more.
    const me = await api<MeResponse>(server.url, guest, 'GET', '/me');
    expect(me.body.units).toHaveLength(1);
    const unit = me.body.units[0];
    expect(unit).toMatchObject({ role: 'guest', guest: true, readOnly: true });
    expect(unit?.meetings.map((meeting) => meeting.id)).toEqual([meetingId]);
    expect(unit?.families.map((family) => family.id)).toEqual([harper]);
    expect(unit?.families[0]?.lastDiscussed).toBeNull();
  });

  it('[M6] a read-only guest changes nothing; one allowed to edit writes in the meeting and its discussions, never in the family', async () => {
    const server = await startTestServer(store);
    const { guest, harper, meetingId, coordinator } = await invitedGuest(server);
    const readOnly = connectYClient(server.url, `meeting:${meetingId}`, { cookie: guest });
    await readOnly.synced;
    readOnly.doc.getText('scratch').insert(0, 'GUEST WAS HERE');
    await serverSaved(readOnly);
    expect(
      (await loadStoredDoc(server, `meeting:${meetingId}`)).getText('scratch').toString(),
    ).toBe('');
    readOnly.destroy();

    const editing = await api<AddGuestResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${meetingId}/guests`,
      { name: 'Sam School', email: 'sam@school.test', canEdit: true },
    );
    const editor = await signIn(server.url, 'sam@school.test', editing.body.oneTimePassword ?? '');
    const discussion = connectYClient(server.url, `discussion:${meetingId}:${harper}`, {
      cookie: editor,
    });
    await discussion.synced;
    discussion.doc.getText('scratch').insert(0, 'Attendance noted by the school.');
    await serverSaved(discussion);
    expect(
      (await loadStoredDoc(server, `discussion:${meetingId}:${harper}`))
        .getText('scratch')
        .toString(),
    ).toBe('Attendance noted by the school.');
    discussion.destroy();
    const meeting = connectYClient(server.url, `meeting:${meetingId}`, { cookie: editor });
    const family = connectYClient(server.url, `family:${harper}`, { cookie: editor });
    await Promise.all([meeting.synced, family.synced]);
    meeting.doc.getText('scratch').insert(0, 'School attendance is up.');
    family.doc.getText('scratch').insert(0, 'GUEST IN FAMILY');
    await Promise.all([serverSaved(meeting), serverSaved(family)]);
    expect(
      (await loadStoredDoc(server, `meeting:${meetingId}`)).getText('scratch').toString(),
    ).toBe('School attendance is up.');
    expect((await loadStoredDoc(server, `family:${harper}`)).getText('scratch').toString()).toBe(
      '',
    );
    meeting.destroy();
    family.destroy();
  });

  it('[M6] on the unit channel a guest is in their meeting only, is listed in it live, and cannot chair', async () => {
    const server = await startTestServer(store);
    const { guest, harper, meetingId, otherMeetingId } = await invitedGuest(server);
    const visitor = await channelMember(server, { cookie: guest });
    const watching = await channelMember(server, 'sw@demo.test');
    ok(await watching.socket.emitWithAck('unit:watch', server.demo.unitId));

    expect((await visitor.socket.emitWithAck('unit:watch', server.demo.unitId)).ok).toBe(false);
    expect((await visitor.socket.emitWithAck('meeting:enter', otherMeetingId)).ok).toBe(false);
    ok(await visitor.socket.emitWithAck('meeting:enter', meetingId));
    const focus = await visitor.socket.emitWithAck('meeting:set-focus', {
      meetingId,
      familyId: harper,
    });
    expect(focus.ok).toBe(false);
    ok(await visitor.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));

    // The unit sees the guest in the live meeting; the guest is sent nothing about the unit.
    await eventually(() => {
      const live = watching.live.at(-1)?.find((meeting) => meeting.meetingId === meetingId);
      expect(live?.present.map((person) => [person.name, person.role])).toEqual([
        ['Hana Visitor', 'guest'],
      ]);
    });
    expect(visitor.presence).toEqual([]);
    expect(visitor.live).toEqual([]);
  });

  it("[M6] revoking a guest or closing the meeting ends the guest's access", async () => {
    const server = await startTestServer(store);
    const { guest, coordinator, meetingId, added } = await invitedGuest(server);
    const visitor = await channelMember(server, { cookie: guest });
    ok(await visitor.socket.emitWithAck('meeting:enter', meetingId));

    const closed = await api(server.url, coordinator, 'POST', `/meetings/${meetingId}/close`, {});
    expect(closed.status).toBe(200);
    await eventually(() => expect(visitor.closed.map((c) => c.meetingId)).toEqual([meetingId]));
    const afterClose = await openRaw(server.url, `meeting:${meetingId}`, {
      cookie: guest,
      send: [step1()],
    });
    expect(afterClose.code).toBe(CLOSE_CODES.FORBIDDEN);
    // Let go of the unit channel too (access.revocation.test.ts checks the codes and the bound).
    await eventually(() => expect(visitor.socket.connected).toBe(false));
    const reentering = await channelMember(server, { cookie: guest });
    expect((await reentering.socket.emitWithAck('meeting:enter', meetingId)).ok).toBe(false);
    const me = await api<MeResponse>(server.url, guest, 'GET', '/me');
    expect(me.body.units).toEqual([]);

    // Invited to the next meeting, then revoked: the session ends with the access.
    const next = (closed.body as { nextMeetingId: string }).nextMeetingId;
    const again = await api<AddGuestResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${next}/guests`,
      {
        name: 'Hana Visitor',
        email: 'hana.visitor@health.test',
      },
    );
    expect(again.body.guest.userId).toBe(added.guest.userId);
    // A returning guest keeps their account as it is ([I1]): no new password, the first one works.
    expect(again.body.oneTimePassword).toBeNull();
    const secondSession = await signIn(
      server.url,
      'hana.visitor@health.test',
      added.oneTimePassword ?? '',
    );
    const revoked = await api(
      server.url,
      coordinator,
      'DELETE',
      `/meetings/${next}/guests/${again.body.guest.userId}`,
    );
    expect(revoked.status).toBe(204);
    const afterRevoke = await openRaw(server.url, `meeting:${next}`, {
      cookie: secondSession,
      send: [step1()],
    });
    expect(afterRevoke.code).toBe(CLOSE_CODES.UNAUTHENTICATED);

    // A member's address cannot be turned into a guest account.
    const member = await api<{ error: { code: string } }>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${next}/guests`,
      { name: 'Tom', email: 'sw@demo.test' },
    );
    expect(member.status).toBe(409);
  });
});
