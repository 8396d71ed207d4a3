import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  genogramCommands,
  readGenogram,
  userOrigin,
  type DocumentHistory,
  type PersonId,
  type RestorePreview,
  type RestoreResult,
  type RestoreTarget,
} from '@unitroom/shared';
import { AttributionLog } from '@unitroom/server';
import { api, step } from '../helpers/finalisation.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * Finding 2's second half of issue 16: nothing recorded who sent which update, and there was no
 * way back. Every stored update is now attributed, and a member who may write restores a
 * family's or a discussion's document as new changes everyone sees.
 */

interface Member {
  cookie: string;
  userId: string;
  client: YClient;
}

async function member(server: TestServer, docName: string, email: string): Promise<Member> {
  const cookie = await signIn(server.url, email);
  const client = connectYClient(server.url, docName, { cookie });
  await client.synced;
  return { cookie, userId: server.demo.userIds[email] ?? '', client };
}

const people = (client: YClient) => readGenogram(client.doc).people;
const names = (client: YClient) => people(client).map((person) => person.name);

/** A moment strictly after everything stored so far, and before anything stored next. */
async function aMomentLater(): Promise<number> {
  const at = Date.now();
  while (Date.now() <= at) await new Promise((resolve) => setImmediate(resolve));
  const later = Date.now();
  while (Date.now() <= later) await new Promise((resolve) => setImmediate(resolve));
  return at + 1;
}

function wipeGenogram(by: Member): void {
  const commands = genogramCommands(by.client.doc, userOrigin(by.userId));
  for (const person of people(by.client)) commands.deletePerson(person.id as PersonId);
}

async function restore(
  server: TestServer,
  cookie: string,
  docName: string,
  target: RestoreTarget,
  action: 'restore' | 'preview' = 'restore',
): Promise<Response> {
  return api(server, cookie, 'POST', `/history/${encodeURIComponent(docName)}/${action}`, {
    target,
  });
}

async function setup() {
  const server = await startTestServer();
  const familyId = server.demo.familyIds[0] ?? '';
  const docName = `family:${familyId}`;
  const worker = await member(server, docName, 'sw@demo.test');
  const practitioner = await member(server, docName, 'cp@demo.test');
  const bystander = await member(server, docName, 'csw@demo.test');
  // A family of four, written by the consultant before anything else happens.
  const commands = genogramCommands(bystander.client.doc, userOrigin(bystander.userId));
  for (const name of ['Lena Demo', 'Marek Demo', 'Zofia Demo', 'Pip Demo'])
    commands.addPerson({ name });
  await serverSaved(bystander.client);
  await eventually(() => expect(people(worker.client)).toHaveLength(4));
  await eventually(() => expect(people(practitioner.client)).toHaveLength(4));
  return { server, familyId, docName, worker, practitioner, bystander };
}

describe('every stored update is attributed, and a document can be restored', () => {
  it('[Y1] the history names who changed the document, through which connection, and when', async () => {
    const { server, docName, worker, practitioner, bystander } = await setup();
    const before = Date.now();
    genogramCommands(worker.client.doc, userOrigin(worker.userId)).addPerson({ name: 'Ada Test' });
    await serverSaved(worker.client);
    genogramCommands(practitioner.client.doc, userOrigin(practitioner.userId)).addPerson({
      name: 'Ben Test',
    });
    await serverSaved(practitioner.client);

    const records = await new AttributionLog(server.app.persistence.documents).read(docName);
    const updates = records.filter((record) => record.kind === 'update' && record.at >= before);
    expect(new Set(updates.map((record) => record.userId))).toEqual(
      new Set([worker.userId, practitioner.userId]),
    );
    for (const record of updates) {
      expect(record.via).toMatch(/.+/);
      expect(record.at).toBeLessThanOrEqual(Date.now());
    }
    const viaOf = (userId: string) =>
      new Set(updates.filter((record) => record.userId === userId).map((record) => record.via));
    expect(viaOf(worker.userId).size).toBe(1);
    expect([...viaOf(worker.userId)][0]).not.toBe([...viaOf(practitioner.userId)][0]);

    const response = await api(
      server,
      bystander.cookie,
      'GET',
      `/history/${encodeURIComponent(docName)}`,
    );
    expect(response.status).toBe(200);
    const history = (await response.json()) as DocumentHistory;
    expect(history.windowDays).toBe(90);
    expect(history.earliest).not.toBeNull();
    expect(history.steps[0]).toMatchObject({
      who: 'Priya Nair',
      kind: 'edit',
      areas: ['genogram'],
    });
    expect(history.steps[1]).toMatchObject({ who: 'Tom Whitfield', kind: 'edit' });
    expect(history.people.map((person) => person.name)).toEqual([
      'Amara Okafor',
      'Priya Nair',
      'Tom Whitfield',
    ]);
    for (const m of [worker, practitioner, bystander]) m.client.destroy();
  });

  it('[Y3][Y5] a genogram wiped by one member is restored to an earlier time as new changes everyone sees live; audited', async () => {
    const { server, docName, worker, practitioner, bystander } = await setup();
    genogramCommands(worker.client.doc, userOrigin(worker.userId)).addPerson({ name: 'Ada Test' });
    await serverSaved(worker.client);
    const count = people(worker.client).length;
    expect(count).toBeGreaterThan(3);
    const beforeWipe = await aMomentLater();
    wipeGenogram(practitioner);
    await serverSaved(practitioner.client);
    await eventually(() => expect(people(bystander.client)).toHaveLength(0));
    const storedBefore = (await server.app.persistence.documents.load(docName)).lastId ?? 0;

    const preview = await restore(
      server,
      worker.cookie,
      docName,
      { kind: 'time', at: beforeWipe },
      'preview',
    );
    expect(preview.status).toBe(200);
    expect((await preview.json()) as RestorePreview).toMatchObject({
      changes: true,
      areas: ['genogram'],
      lines: expect.arrayContaining([{ label: 'People in the genogram', now: 0, after: count }]),
    });
    // A preview writes nothing.
    expect(people(bystander.client)).toHaveLength(0);

    const response = await restore(server, worker.cookie, docName, {
      kind: 'time',
      at: beforeWipe,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as RestoreResult;
    expect(result.changes).toBe(true);
    await eventually(() => expect(people(bystander.client)).toHaveLength(count));
    expect(names(bystander.client)).toContain('Ada Test');
    await eventually(() => expect(people(practitioner.client)).toHaveLength(count));
    // New changes on top of the log; nothing rewritten.
    expect((await server.app.persistence.documents.load(docName)).lastId).toBeGreaterThan(
      storedBefore,
    );
    const history = (await (
      await api(server, worker.cookie, 'GET', `/history/${encodeURIComponent(docName)}`)
    ).json()) as DocumentHistory;
    expect(history.steps[0]).toMatchObject({ kind: 'restore', who: 'Tom Whitfield' });

    const audit = await server.app.persistence.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'document.restored')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: worker.userId, target: docName });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      restoreId: result.restoreId,
      mode: 'time',
    });
    for (const m of [worker, practitioner, bystander]) m.client.destroy();
  });

  it("[Y3] taking back one person's changes since a time keeps everyone else's", async () => {
    const { server, docName, worker, practitioner, bystander } = await setup();
    const original = names(worker.client);
    const since = await aMomentLater();
    wipeGenogram(practitioner);
    genogramCommands(practitioner.client.doc, userOrigin(practitioner.userId)).addPerson({
      name: 'Invented Person',
    });
    await serverSaved(practitioner.client);
    await eventually(() => expect(names(worker.client)).toEqual(['Invented Person']));
    genogramCommands(worker.client.doc, userOrigin(worker.userId)).addPerson({
      name: 'Added Meanwhile',
    });
    await serverSaved(worker.client);

    const response = await restore(server, bystander.cookie, docName, {
      kind: 'person',
      userId: practitioner.userId,
      since,
    });
    expect(response.status).toBe(200);
    const expected = [...original, 'Added Meanwhile'].sort();
    await eventually(() => expect(names(bystander.client).sort()).toEqual(expected));
    await eventually(() => expect(names(practitioner.client).sort()).toEqual(expected));
    for (const m of [worker, practitioner, bystander]) m.client.destroy();
  });

  it('[Y2] the history survives compaction and a restart: the state before is rebuilt from it', async () => {
    const { server, docName, worker, practitioner, bystander } = await setup();
    const count = people(worker.client).length;
    expect(count).toBe(4);
    const beforeWipe = await aMomentLater();
    wipeGenogram(practitioner);
    await serverSaved(practitioner.client);
    for (const m of [worker, practitioner, bystander]) m.client.destroy();
    // The room unloads, compacting the document's log into one snapshot.
    await eventually(() => expect(server.app.sync.hasRoom(docName)).toBe(false));
    const restarted = await server.restart();
    expect((await restarted.app.persistence.documents.load(docName)).entries).toHaveLength(1);

    const cookie = await signIn(restarted.url, 'sw@demo.test');
    const response = await restore(restarted, cookie, docName, { kind: 'time', at: beforeWipe });
    expect(response.status).toBe(200);
    const fresh = connectYClient(restarted.url, docName, { cookie });
    await fresh.synced;
    expect(people(fresh)).toHaveLength(count);
    fresh.destroy();
  });

  it('[Y4] only members who may write restore; a read-only manager reads the history; others see nothing', async () => {
    const { server, docName, worker, practitioner, bystander } = await setup();
    const manager = await signIn(server.url, 'manager@demo.test');
    const path = `/history/${encodeURIComponent(docName)}`;
    expect((await api(server, manager, 'GET', path)).status).toBe(200);
    const target = { kind: 'time', at: Date.now() } as const;
    expect((await restore(server, manager, docName, target)).status).toBe(403);
    expect((await restore(server, manager, docName, target, 'preview')).status).toBe(403);
    // Not a family of the caller's units, or not a document at all: 404 alike.
    expect((await api(server, worker.cookie, 'GET', '/history/family%3Anope0000')).status).toBe(
      404,
    );
    expect(
      (await api(server, worker.cookie, 'GET', `/history/meeting%3A${server.demo.meetingId}`))
        .status,
    ).toBe(404);
    expect((await restore(server, worker.cookie, docName, { kind: 'when' } as never)).status).toBe(
      400,
    );
    const audit = await server.app.persistence.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'document.restored')
      .execute();
    expect(audit).toHaveLength(0);
    for (const m of [worker, practitioner, bystander]) m.client.destroy();
  });

  it("[Y3] a discussion's minutes, emptied by one member, come back for everyone", async () => {
    const server = await startTestServer();
    const familyId = server.demo.familyIds[0] ?? '';
    const docName = `discussion:${server.demo.meetingId}:${familyId}`;
    const writer = await member(server, docName, 'sw@demo.test');
    const other = await member(server, docName, 'cp@demo.test');
    const minutes = (m: Member) => m.client.doc.getXmlFragment('minutes');
    minutes(writer).insert(minutes(writer).length, [new Y.XmlText('We met the family at home.')]);
    await serverSaved(writer.client);
    await eventually(() => expect(minutes(other).toString()).toContain('We met the family'));
    const written = minutes(other).toString();
    const before = await aMomentLater();
    minutes(other).delete(0, minutes(other).length);
    await serverSaved(other.client);
    await eventually(() => expect(minutes(writer).toString()).toBe(''));

    const preview = await restore(
      server,
      writer.cookie,
      docName,
      { kind: 'time', at: before },
      'preview',
    );
    const body = (await preview.json()) as RestorePreview;
    expect(body.areas).toEqual(['minutes']);
    expect(body.lines.find((line) => line.label === 'Words in the minutes')?.now).toBe(0);
    expect(
      (await restore(server, writer.cookie, docName, { kind: 'time', at: before })).status,
    ).toBe(200);
    await eventually(() => expect(minutes(other).toString()).toBe(written));
    expect(minutes(writer).toString()).toBe(written);
    writer.client.destroy();
    other.client.destroy();
  });

  it('[Y6] a finalised discussion cannot be restored', async () => {
    const server = await startTestServer();
    const familyId = server.demo.familyIds[0] ?? '';
    const meetingId = server.demo.meetingId;
    const docName = `discussion:${meetingId}:${familyId}`;
    const writer = await member(server, docName, 'sw@demo.test');
    const before = await aMomentLater();
    writer.client.doc.getXmlFragment('minutes').insert(0, [new Y.XmlText('We met the family.')]);
    await serverSaved(writer.client);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const consultant = await signIn(server.url, 'csw@demo.test');
    await step(server, coordinator, meetingId, familyId, 'ready');
    await step(server, consultant, meetingId, familyId, 'approve');
    const response = await restore(server, writer.cookie, docName, { kind: 'time', at: before });
    expect(response.status).toBe(409);
    writer.client.destroy();
  });
});
