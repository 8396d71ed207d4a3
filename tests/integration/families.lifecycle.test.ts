import { sql } from 'kysely';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  API_ERROR_CODES,
  CLOSE_CODES,
  asFamilyId,
  asMeetingId,
  boardCommands,
  discussionDocName,
  familyDocName,
  genogramCommands,
  readDiscussion,
  readGenogram,
  userOrigin,
  type FamilyDetail,
  type MeResponse,
  type PersonId,
} from '@unitroom/shared';
import { addAccount } from '../helpers/accounts.js';
import { api } from '../helpers/api.js';
import { step } from '../helpers/finalisation.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

/** Everyone and everything here is fictional. */
const OPENING = {
  name: 'Brennan family',
  children: [
    { name: 'Ciara Brennan', birthDate: '2015-04-02', caseRecordId: 'LCS-400101' },
    { name: 'Unborn baby Brennan', birthDate: '2099-01-15', unborn: true },
  ],
};

async function openFamily(server: TestServer, cookie: string, body: unknown = OPENING) {
  return api<FamilyDetail & { error?: { code: string } }>(
    server.url,
    cookie,
    'POST',
    `/units/${server.demo.unitId}/families`,
    body,
  );
}

async function counts(server: TestServer) {
  const db = server.app.persistence.db;
  const families = await db
    .selectFrom('families')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('children')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { families: Number(families.n), children: Number(children.n) };
}

async function homeFamilies(server: TestServer, cookie: string) {
  const me = await api<MeResponse>(server.url, cookie, 'GET', '/me');
  return me.body.units.find((unit) => unit.id === server.demo.unitId)?.families ?? [];
}

describeEachStore('families: one truth for the children, and the lifecycle', (store) => {
  it('[F6][F2] a writer opens a family; its genogram starts with the children marked, and the home page lists them', async () => {
    const server = await startTestServer(store);
    const socialWorker = await signIn(server.url, 'sw@demo.test');
    const opened = await openFamily(server, socialWorker, {
      ...OPENING,
      leadWorkerId: server.demo.userIds['sw@demo.test'],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.status).toBe('open');
    expect(opened.body.leadWorker?.name).toBe('Tom Whitfield');
    expect(
      opened.body.children.map((c) => [c.name, c.birthDate, c.unborn, c.caseRecordId]),
    ).toEqual([
      ['Ciara Brennan', '2015-04-02', false, 'LCS-400101'],
      ['Unborn baby Brennan', '2099-01-15', true, null],
    ]);

    const family = connectYClient(server.url, opened.body.docName, { cookie: socialWorker });
    await family.synced;
    const people = readGenogram(family.doc).people;
    expect(people.map((p) => [p.name, p.childOfConcern, p.pregnancy, p.councilPersonId])).toEqual(
      expect.arrayContaining([
        ['Ciara Brennan', true, null, 'LCS-400101'],
        ['Unborn baby Brennan', true, 'pregnancy', null],
      ]),
    );
    family.destroy();

    const listed = (await homeFamilies(server, socialWorker)).find((f) => f.id === opened.body.id);
    expect(listed?.children.map((c) => c.name)).toEqual(['Ciara Brennan', 'Unborn baby Brennan']);

    // A manager reads only.
    const manager = await signIn(server.url, 'manager@demo.test');
    const refused = await openFamily(server, manager);
    expect(refused.status).toBe(403);
  });

  it('[F11] bad input is refused with a specific code and changes nothing', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    expect((await openFamily(server, consultant)).status).toBe(201);
    const before = await counts(server);

    const future = await openFamily(server, consultant, {
      name: 'Doyle family',
      children: [{ name: 'Aoife Doyle', birthDate: '2099-03-01' }],
    });
    expect(future.status).toBe(400);
    expect(future.body.error?.code).toBe(API_ERROR_CODES.BIRTH_DATE_IN_FUTURE);

    const twice = await openFamily(server, consultant, {
      name: 'Doyle family',
      children: [{ name: 'Aoife Doyle', birthDate: '2012', caseRecordId: 'LCS-400101' }],
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe(API_ERROR_CODES.CASE_RECORD_ID_TAKEN);

    const long = await openFamily(server, consultant, { name: 'D'.repeat(5000), children: [] });
    expect(long.status).toBe(400);
    expect(long.body.error?.code).toBe(API_ERROR_CODES.FAMILY_NAME_INVALID);

    const badDate = await openFamily(server, consultant, {
      name: 'Doyle family',
      children: [{ name: 'Aoife Doyle', birthDate: 'last spring' }],
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error?.code).toBe(API_ERROR_CODES.CHILD_INVALID);

    const notMember = await openFamily(server, consultant, {
      ...OPENING,
      children: [],
      leadWorkerId: 'nobody',
    });
    expect(notMember.body.error?.code).toBe(API_ERROR_CODES.LEAD_WORKER_NOT_MEMBER);

    expect(await counts(server)).toEqual(before);
  });

  it('[F3][F4][F5] a child marked on the genogram gets a section in the live minutes, is on the home page and gets a case note; unmarking keeps the record', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    const socialWorker = await signIn(server.url, 'sw@demo.test');
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const opened = await openFamily(server, consultant);
    expect(opened.status).toBe(201);
    const familyId = opened.body.id;
    const { meetingId } = server.demo;
    const agenda = await api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
      items: [...server.demo.familyIds, familyId].map((id) => ({
        familyId: id,
        timeboxMinutes: 30,
      })),
    });
    expect(agenda.status, JSON.stringify(agenda.body)).toBe(200);

    // The coordinator has the minutes open; the social worker is at the genogram.
    const minutes = connectYClient(
      server.url,
      discussionDocName(asMeetingId(meetingId), asFamilyId(familyId)),
      { cookie: coordinator },
    );
    await minutes.synced;
    const sections = () => readDiscussion(minutes.doc).children.map((c) => c.childId as string);
    expect(sections()).toHaveLength(2);

    const family = connectYClient(server.url, familyDocName(asFamilyId(familyId)), {
      cookie: socialWorker,
    });
    await family.synced;
    const genogram = genogramCommands(family.doc, userOrigin(server.demo.userIds['sw@demo.test']!));
    const newborn: PersonId = genogram.addPerson({
      name: 'Finn Brennan',
      gender: 'male',
      birthDate: '2026-11-20',
      councilPersonId: 'LCS-400177',
    });
    await serverSaved(family);
    // Drawn, not yet marked: not a child of the family.
    genogram.updatePerson(newborn, { childOfConcern: true });
    await serverSaved(family);

    await eventually(() => expect(sections()).toContain(newborn as string));
    expect(sections()).toHaveLength(3);
    await eventually(async () => {
      const listed = (await homeFamilies(server, socialWorker)).find((f) => f.id === familyId);
      expect(listed?.children.map((c) => c.name)).toContain('Finn Brennan');
    });

    // A planned conversation stays open: closing will show it.
    const board = boardCommands(family.doc, userOrigin(server.demo.userIds['sw@demo.test']!));
    const hypothesis = board.addHypothesis({ text: 'Mum is tired', offeredBy: 'Tom Whitfield' });
    board.addConversation(hypothesis, { purpose: 'Ask who helps at night', workers: [] });
    await serverSaved(family);

    // The voice of the new baby, written in the section the server added.
    await step(server, coordinator, meetingId, familyId, 'ready');
    await step(server, consultant, meetingId, familyId, 'approve');
    const note = await fetch(
      `${server.url}/api/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${newborn}/txt`,
      { headers: { cookie: consultant, origin: server.url } },
    );
    expect(note.status).toBe(200);
    const text = await note.text();
    for (const expected of [
      'Finn Brennan',
      'Date of birth: 20 November 2026',
      'Case record id: LCS-400177',
      'Note type: Unit meeting: systemic case discussion',
      'Recorded by: Sue Martins',
      'Approved by: Amara Okafor',
    ]) {
      expect(text).toContain(expected);
    }
    const ciara = opened.body.children.find((c) => c.name === 'Ciara Brennan')!;
    const ciaraNote = await fetch(
      `${server.url}/api/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${ciara.id}/txt`,
      { headers: { cookie: consultant, origin: server.url } },
    );
    expect(await ciaraNote.text()).toContain('Case record id: LCS-400101');

    // Unmarked: off the home page, but the finalised note is still there.
    genogram.updatePerson(newborn, { childOfConcern: false });
    await serverSaved(family);
    await eventually(async () => {
      const listed = (await homeFamilies(server, socialWorker)).find((f) => f.id === familyId);
      expect(listed?.children.map((c) => c.name)).not.toContain('Finn Brennan');
    });
    const still = await fetch(
      `${server.url}/api/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${newborn}/txt`,
      { headers: { cookie: consultant, origin: server.url } },
    );
    expect(still.status).toBe(200);
    const detail = await api<FamilyDetail>(server.url, consultant, 'GET', `/families/${familyId}`);
    expect(detail.body.children.find((c) => c.name === 'Finn Brennan')?.active).toBe(false);

    // [F7] On the agenda of today's open meeting: the transfer is refused, nothing moves.
    await server.app.persistence.db
      .insertInto('units')
      .values({ id: 'longterm', name: 'Long-term Unit 2', created_at: new Date().toISOString() })
      .execute();
    const live = await api<{ error: { code: string; message: string } }>(
      server.url,
      consultant,
      'POST',
      `/families/${familyId}/transfer`,
      { toUnitId: 'longterm' },
    );
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe(API_ERROR_CODES.FAMILY_IN_LIVE_MEETING);
    expect(live.body.error.message).toContain('Weekly unit meeting');
    minutes.destroy();
    family.destroy();
  });

  it('[F4] a discussion not open when the child was marked gets the section when it next loads, once', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const opened = await openFamily(server, consultant);
    const familyId = opened.body.id;
    const { meetingId } = server.demo;
    await api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
      items: [{ familyId, timeboxMinutes: 30 }],
    });
    const docName = discussionDocName(asMeetingId(meetingId), asFamilyId(familyId));
    const first = connectYClient(server.url, docName, { cookie: coordinator });
    await first.synced;
    expect(readDiscussion(first.doc).children).toHaveLength(2);
    first.destroy();
    await eventually(() => expect(server.app.sync.hasRoom(docName)).toBe(false));

    const family = connectYClient(server.url, opened.body.docName, { cookie: consultant });
    await family.synced;
    const genogram = genogramCommands(
      family.doc,
      userOrigin(server.demo.userIds['csw@demo.test']!),
    );
    const sibling = genogram.addPerson({
      name: 'Sean Brennan',
      birthDate: '2011',
      childOfConcern: true,
    });
    await serverSaved(family);
    family.destroy();
    await eventually(async () => {
      const listed = (await homeFamilies(server, consultant)).find((f) => f.id === familyId);
      expect(listed?.children.map((c) => c.name)).toContain('Sean Brennan');
    });

    for (let round = 0; round < 2; round += 1) {
      const again = connectYClient(server.url, docName, { cookie: coordinator });
      await again.synced;
      const ids = readDiscussion(again.doc).children.map((c) => c.childId as string);
      expect(ids).toHaveLength(3);
      expect(ids).toContain(sibling as string);
      again.destroy();
      await eventually(() => expect(server.app.sync.hasRoom(docName)).toBe(false));
    }
  });

  it('[F7][F9][F10][F11] a transfer moves the family with its history; the sending unit loses it at once; an archived unit is refused', async () => {
    const server = await startTestServer(store);
    const db = server.app.persistence.db;
    const consultant = await signIn(server.url, 'csw@demo.test');
    const socialWorker = await signIn(server.url, 'sw@demo.test');
    const opened = await openFamily(server, consultant);
    const familyId = opened.body.id;
    const now = new Date().toISOString();
    await db
      .insertInto('units')
      .values({ id: 'longterm', name: 'Long-term Unit 2', created_at: now })
      .execute();
    await db
      .insertInto('units')
      .values({ id: 'oldunit', name: 'Old Unit 9', created_at: now })
      .execute();
    await addAccount(server.app, {
      id: 'receiver',
      email: 'receiver@demo.test',
      password: 'receiver-pass',
      unitId: 'longterm',
      role: 'social_worker',
    });
    const receiver = await signIn(server.url, 'receiver@demo.test', 'receiver-pass');

    // Only the consultant transfers.
    const bySocialWorker = await api(
      server.url,
      socialWorker,
      'POST',
      `/families/${familyId}/transfer`,
      {
        toUnitId: 'longterm',
      },
    );
    expect(bySocialWorker.status).toBe(403);

    // An archived unit (the administration area's flag, read defensively) is refused.
    await sql`alter table units add column archived_at text`.execute(db).catch(() => undefined);
    await sql`update units set archived_at = ${now} where id = 'oldunit'`.execute(db);
    const archived = await api<{ error: { code: string } }>(
      server.url,
      consultant,
      'POST',
      `/families/${familyId}/transfer`,
      { toUnitId: 'oldunit' },
    );
    expect(archived.status).toBe(400);
    expect(archived.body.error.code).toBe(API_ERROR_CODES.UNIT_ARCHIVED);
    const nowhere = await api<{ error: { code: string } }>(
      server.url,
      consultant,
      'POST',
      `/families/${familyId}/transfer`,
      { toUnitId: 'nosuchunit' },
    );
    expect(nowhere.body.error.code).toBe(API_ERROR_CODES.UNIT_ARCHIVED);
    const unitOf = async () =>
      (
        await db
          .selectFrom('families')
          .select('unit_id')
          .where('id', '=', familyId)
          .executeTakeFirstOrThrow()
      ).unit_id;
    expect(await unitOf()).toBe(server.demo.unitId);

    // The social worker of the sending unit has the genogram open when it moves.
    const open = connectYClient(server.url, opened.body.docName, { cookie: socialWorker });
    await open.synced;
    open.doc.getText('scratch').insert(0, 'written before the transfer');
    await serverSaved(open);
    const moved = await api(server.url, consultant, 'POST', `/families/${familyId}/transfer`, {
      toUnitId: 'longterm',
    });
    expect(moved.status).toBe(204);
    expect(await open.refused).toBe(CLOSE_CODES.ACCESS_REVOKED);
    open.destroy();
    expect(await unitOf()).toBe('longterm');

    // The sending unit: nothing, not even a byte of the document.
    const again = connectYClient(server.url, opened.body.docName, { cookie: socialWorker });
    expect(await again.refused).toBe(CLOSE_CODES.FORBIDDEN);
    expect(again.doc.getText('scratch').toString()).toBe('');
    again.destroy();
    expect((await api(server.url, consultant, 'GET', `/families/${familyId}`)).status).toBe(404);
    expect((await homeFamilies(server, consultant)).map((f) => f.id)).not.toContain(familyId);

    // The receiving unit: everything.
    const theirs = connectYClient(server.url, opened.body.docName, { cookie: receiver });
    await theirs.synced;
    expect(theirs.doc.getText('scratch').toString()).toBe('written before the transfer');
    expect(readGenogram(theirs.doc).people.map((p) => p.name)).toContain('Ciara Brennan');
    theirs.destroy();
    const detail = await api<FamilyDetail>(server.url, receiver, 'GET', `/families/${familyId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.children.map((c) => c.name)).toContain('Ciara Brennan');

    const trail = await db
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('target', '=', `family:${familyId}`)
      .where('action', 'like', 'family.%')
      .orderBy('id')
      .execute();
    expect(trail.map((row) => row.action)).toEqual(['family.opened', 'family.transferred']);
  });

  it('[F7] finalised records and addenda go with the family: the receiving unit reads and adds to them, the sending unit cannot', async () => {
    const server = await startTestServer(store);
    const db = server.app.persistence.db;
    const consultant = await signIn(server.url, 'csw@demo.test');
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const opened = await openFamily(server, consultant);
    const familyId = opened.body.id;
    const { meetingId } = server.demo;
    await api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
      items: [{ familyId, timeboxMinutes: 30 }],
    });
    const minutes = connectYClient(
      server.url,
      discussionDocName(asMeetingId(meetingId), asFamilyId(familyId)),
      { cookie: coordinator },
    );
    await minutes.synced;
    minutes.destroy();
    await step(server, coordinator, meetingId, familyId, 'ready');
    await step(server, consultant, meetingId, familyId, 'approve');
    const closedMeeting = await api(
      server.url,
      coordinator,
      'POST',
      `/meetings/${meetingId}/close`,
      {
        reached: [familyId],
      },
    );
    expect(closedMeeting.status).toBe(200);

    const now = new Date().toISOString();
    await db
      .insertInto('units')
      .values({ id: 'longterm', name: 'Long-term Unit 2', created_at: now })
      .execute();
    await addAccount(server.app, {
      id: 'receiver',
      email: 'receiver@demo.test',
      password: 'receiver-pass',
      unitId: 'longterm',
      role: 'consultant_social_worker',
    });
    const receiver = await signIn(server.url, 'receiver@demo.test', 'receiver-pass');
    const moved = await api(server.url, consultant, 'POST', `/families/${familyId}/transfer`, {
      toUnitId: 'longterm',
    });
    expect(moved.status).toBe(204);

    const record = `/meetings/${meetingId}/discussions/${familyId}`;
    const ciara = opened.body.children.find((c) => c.name === 'Ciara Brennan')!;
    const note = `${record}/export/case-notes/${ciara.id}/txt`;
    const theirs = await fetch(`${server.url}/api${note}`, {
      headers: { cookie: receiver, origin: server.url },
    });
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).toContain('Case record id: LCS-400101');
    const addendum = await api(server.url, receiver, 'POST', `${record}/addenda`, {
      text: 'Received from Northgate Unit 4; the record above is theirs.',
    });
    expect(addendum.status).toBe(201);
    // The record is read, never moved on, by the unit that did not hold the meeting.
    expect((await api(server.url, receiver, 'POST', `${record}/reopen`)).status).toBe(409);

    const mine = await fetch(`${server.url}/api${note}`, {
      headers: { cookie: consultant, origin: server.url },
    });
    expect(mine.status).toBe(404);
    expect(await mine.text()).not.toContain('Ciara');
    expect((await api(server.url, consultant, 'GET', record)).status).toBe(404);
    const history = await api(server.url, consultant, 'GET', `/families/${familyId}/genograms`);
    expect(history.status).toBe(404);
    expect((await api(server.url, receiver, 'GET', `/families/${familyId}/genograms`)).status).toBe(
      200,
    );
  });

  it('[F8][F10][F12] closing shows what is open, takes the family off the home page and makes it read-only; reopening brings it back', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    const socialWorker = await signIn(server.url, 'sw@demo.test');
    const opened = await openFamily(server, consultant);
    const familyId = opened.body.id;

    const family = connectYClient(server.url, opened.body.docName, { cookie: socialWorker });
    await family.synced;
    const board = boardCommands(family.doc, userOrigin(server.demo.userIds['sw@demo.test']!));
    const hypothesis = board.addHypothesis({ text: 'Dad is isolated', offeredBy: 'Tom Whitfield' });
    board.addConversation(hypothesis, { purpose: 'Ask who dad talks to', workers: [] });
    await serverSaved(family);

    const reconnecting = new Promise<number | undefined>((resolve) =>
      family.provider.once('connection-close', (event) => resolve(event?.code)),
    );
    const check = await api<{ conversations: Array<{ purpose: string }> }>(
      server.url,
      consultant,
      'GET',
      `/families/${familyId}/closing-check`,
    );
    expect(check.body.conversations.map((c) => c.purpose)).toEqual(['Ask who dad talks to']);

    expect(
      (
        await api(server.url, socialWorker, 'POST', `/families/${familyId}/close`, {
          summary: 'Done',
        })
      ).status,
    ).toBe(403);
    const noSummary = await api(server.url, consultant, 'POST', `/families/${familyId}/close`, {
      summary: ' ',
    });
    expect(noSummary.status).toBe(400);

    const closed = await api<FamilyDetail>(
      server.url,
      consultant,
      'POST',
      `/families/${familyId}/close`,
      {
        summary: 'Support from the family network is in place; no further role for the unit.',
      },
    );
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    // [F12] The open socket closes with its own code, so the client can say why, and the stock
    // client, which retries that range, comes back by itself, read-only.
    expect(await reconnecting).toBe(CLOSE_CODES.FAMILY_CLOSED);
    await eventually(() => expect(family.provider.wsconnected).toBe(true));
    family.destroy();
    expect((await homeFamilies(server, consultant)).map((f) => f.id)).not.toContain(familyId);

    // Read-only now: a write is dropped, never stored.
    const late = connectYClient(server.url, opened.body.docName, { cookie: socialWorker });
    await late.synced;
    late.doc.getText('scratch').insert(0, 'after closing');
    await serverSaved(late);
    late.destroy();
    const stored = new Y.Doc();
    const reader = connectYClient(server.url, opened.body.docName, {
      cookie: consultant,
      doc: stored,
    });
    await reader.synced;
    expect(stored.getText('scratch').toString()).toBe('');
    reader.destroy();

    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const agenda = await api(
      server.url,
      coordinator,
      'PUT',
      `/meetings/${server.demo.meetingId}/agenda`,
      {
        items: [{ familyId, timeboxMinutes: 30 }],
      },
    );
    expect(agenda.status).toBe(400);

    const reopened = await api<FamilyDetail>(
      server.url,
      consultant,
      'POST',
      `/families/${familyId}/reopen`,
    );
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.closingSummary).toContain('family network');
    expect((await homeFamilies(server, consultant)).map((f) => f.id)).toContain(familyId);
    const reader2 = connectYClient(server.url, opened.body.docName, { cookie: consultant });
    await reader2.synced;
    expect(readGenogram(reader2.doc).people.map((p) => p.name)).toContain('Ciara Brennan');
    reader2.destroy();
  });
});
