import * as Y from 'yjs';
import { expect, it } from 'vitest';
import {
  CLOSE_CODES,
  asFamilyId,
  asMeetingId,
  discussionDocName,
  discussionMinutesFragment,
  readDiscussion,
  type DiscussionStatus,
} from '@unitroom/shared';
import { sha256Hex } from '@unitroom/server';
import { writeDiscussion, type DiscussionSpec } from '../fixtures/discussions.js';
import {
  api,
  childrenOf,
  rebuiltFromStoredStates,
  step,
  storedVersion,
} from '../helpers/finalisation.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

async function harperSetup(store: { postgres?: { url: string } }) {
  const server = await startTestServer(store);
  const meetingId = server.demo.meetingId;
  const familyId = server.demo.familyIds[0]!;
  const [mia, leo] = await childrenOf(server, familyId);
  const cookies = {
    coordinator: await signIn(server.url, 'coordinator@demo.test'),
    consultant: await signIn(server.url, 'csw@demo.test'),
    socialWorker: await signIn(server.url, 'sw@demo.test'),
  };
  const docName = discussionDocName(asMeetingId(meetingId), asFamilyId(familyId));
  const spec: DiscussionSpec = {
    context: ['Mum moved with the children to a flat in Eastfield in September.'],
    children: [
      {
        childId: mia!.id,
        voice: { text: ['Mia said she wants to stay at her school.'], seen: 'alone' },
        risk: { concern: 'medium', see: 'Mia has missed eleven school days.' },
      },
      {
        childId: leo!.id,
        voice: { text: ['Leo drew his family with the dog in the middle.'], seen: 'with-others' },
        risk: { concern: 'low', see: 'Leo is settled at school.' },
      },
    ],
    decisions: [{ text: 'Offer a family group conference.', reason: 'Grandmother can help.' }],
    actions: [{ text: 'Write to Mia about her choices', childId: mia!.id, due: '2026-12-04' }],
  };
  return { server, meetingId, familyId, cookies, docName, spec };
}

/** The stored document's full state: equal bytes means an unchanged store. */
async function storedState(server: TestServer, docName: string): Promise<Uint8Array> {
  return Y.encodeStateAsUpdate(await loadStoredDoc(server, docName));
}

async function writeMinutes(
  server: TestServer,
  cookie: string,
  docName: string,
  spec: DiscussionSpec,
): Promise<YClient> {
  const writer = connectYClient(server.url, docName, { cookie });
  await writer.synced;
  // Whatever is there (a seeded template, a first draft) is cleared: the fixture writes into an
  // empty fragment, and the writer's history holds deletions, as a real editor's does.
  const fragment = discussionMinutesFragment(writer.doc);
  writer.doc.transact(() => fragment.insert(fragment.length, [new Y.XmlText('first draft')]));
  writer.doc.transact(() => fragment.delete(0, fragment.length));
  writeDiscussion(writer.doc, spec);
  await serverSaved(writer);
  return writer;
}

describeEachStore('finalisation: approval freezes the discussion', (store) => {
  it('[R1][R3][R4] after approval a write from any client is refused and the store is unchanged', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    const reader = connectYClient(server.url, docName, { cookie: cookies.consultant });
    await reader.synced;

    const ready = await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    expect(ready.state).toBe('ready');
    const approved = await step(server, cookies.consultant, meetingId, familyId, 'approve');
    expect(approved.state).toBe('approved');
    expect(approved.approvedBy?.name).toBe('Amara Okafor');
    expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const before = await storedState(server, docName);
    const minutesBefore = readDiscussion(await loadStoredDoc(server, docName));
    const writerClosed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event: { code: number } | null) => {
        if (event) resolve(event.code);
      }),
    );
    // A client whose UI did not notice the approval writes anyway.
    writer.doc.transact(() => {
      discussionMinutesFragment(writer.doc).insert(0, [new Y.XmlText('LATE EDIT AFTER APPROVAL')]);
    });
    expect(await writerClosed).toBe(CLOSE_CODES.DISCUSSION_FINALISED);

    // The reader never saw it, a fresh client does not get it, and the store did not change.
    const fresh = connectYClient(server.url, docName, { cookie: cookies.coordinator });
    await fresh.synced;
    await serverSaved(reader);
    expect(reader.doc.getXmlFragment('minutes').toString()).not.toContain('LATE EDIT');
    expect(fresh.doc.getXmlFragment('minutes').toString()).not.toContain('LATE EDIT');
    expect(await storedState(server, docName)).toEqual(before);
    expect(readDiscussion(await loadStoredDoc(server, docName))).toEqual(minutesBefore);

    for (const client of [writer, reader, fresh]) client.destroy();
  });

  it('[R4] a reader reconnecting with deletions in its history is not refused, and the freeze survives a restart', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    await step(server, cookies.consultant, meetingId, familyId, 'approve');
    // The writer's copy holds the template deletion: its reconnect resends that delete set.
    writer.provider.disconnect();
    writer.provider.connect();
    await eventually(() => expect(writer.provider.synced).toBe(true));
    await serverSaved(writer);
    expect(writer.provider.wsconnected).toBe(true);
    writer.destroy();

    const restarted = await server.restart();
    const before = await storedState(restarted, docName);
    const late = connectYClient(restarted.url, docName, { cookie: cookies.socialWorker });
    await late.synced;
    const closed = new Promise<number>((resolve) =>
      late.provider.on('connection-close', (event: { code: number } | null) => {
        if (event) resolve(event.code);
      }),
    );
    late.doc.transact(() => {
      discussionMinutesFragment(late.doc).insert(0, [new Y.XmlText('AFTER RESTART')]);
    });
    expect(await closed).toBe(CLOSE_CODES.DISCUSSION_FINALISED);
    expect(await storedState(restarted, docName)).toEqual(before);
    late.destroy();
  });

  it('[R5] the stored hash matches the stored version, rebuilt from its stored states', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    const approved = await step(server, cookies.consultant, meetingId, familyId, 'approve');
    writer.destroy();

    const stored = await storedVersion(server, meetingId, familyId);
    const { row, record } = stored;
    expect(sha256Hex(row.content)).toBe(row.content_hash);
    expect(row.content_hash).toBe(approved.contentHash);
    expect(record.discussion.children.map((c) => c.voice.text)).toEqual([
      'Mia said she wants to stay at her school.',
      'Leo drew his family with the dog in the middle.',
    ]);
    // The server ran the prompts again and kept their result with the record.
    expect(record.criteria.criteria.map((criterion) => criterion.id)).toEqual([
      'F1',
      'F2',
      'F3',
      'F4',
      'F5',
      'F6',
      'F7',
      'F8',
    ]);
    // Anyone holding the two stored states can rebuild the record and check the hash.
    const rebuilt = rebuiltFromStoredStates(stored);
    expect(rebuilt.contentHash).toBe(row.content_hash);
    expect(rebuilt.content).toBe(row.content);
  });

  it('[R6][R7] an addendum is accepted, dated and authored; the version cannot be changed', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    const path = `/meetings/${meetingId}/discussions/${familyId}`;
    const early = await api(server, cookies.socialWorker, 'POST', `${path}/addenda`, {
      text: 'Too early',
    });
    expect(early.status).toBe(409);
    await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    const approved = await step(server, cookies.consultant, meetingId, familyId, 'approve');
    writer.destroy();

    const response = await api(server, cookies.socialWorker, 'POST', `${path}/addenda`, {
      text: 'Correction: the conference is on 9 December, not 4 December.',
    });
    expect(response.status).toBe(201);
    const status = (await response.json()) as DiscussionStatus;
    expect(status.addenda).toHaveLength(1);
    expect(status.addenda[0]).toMatchObject({
      author: { name: 'Tom Whitfield' },
      text: 'Correction: the conference is on 9 December, not 4 December.',
    });
    expect(Date.parse(status.addenda[0]!.at)).not.toBeNaN();
    expect(status.contentHash).toBe(approved.contentHash);

    const manager = await signIn(server.url, 'manager@demo.test');
    const refused = await api(server, manager, 'POST', `${path}/addenda`, { text: 'Not mine' });
    expect(refused.status).toBe(403);

    const db = server.app.persistence.db;
    await expect(
      db.updateTable('discussion_versions').set({ content_hash: 'tampered' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('discussion_addenda').execute()).rejects.toThrow(/append-only/);
  });

  it('[R1][R2][R3] only the right roles move a discussion, only in order', async () => {
    const { server, meetingId, familyId, cookies } = await harperSetup(store);
    const path = `/meetings/${meetingId}/discussions/${familyId}`;
    expect((await api(server, cookies.consultant, 'POST', `${path}/approve`)).status).toBe(409);
    expect((await api(server, cookies.socialWorker, 'POST', `${path}/ready`)).status).toBe(403);
    await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    expect((await api(server, cookies.coordinator, 'POST', `${path}/ready`)).status).toBe(409);
    expect((await api(server, cookies.coordinator, 'POST', `${path}/approve`)).status).toBe(403);
    expect((await step(server, cookies.coordinator, meetingId, familyId, 'reopen')).state).toBe(
      'draft',
    );
    const foreign = await api(
      server,
      cookies.coordinator,
      'POST',
      `/meetings/${meetingId}/discussions/nosuchfamily/ready`,
    );
    expect(foreign.status).toBe(404);
    const noOrigin = await fetch(`${server.url}/api${path}/ready`, {
      method: 'POST',
      headers: { cookie: cookies.coordinator },
    });
    expect(noOrigin.status).toBe(403);
  });

  it('[R3][R8] with approval switched off, ready finalises at once; only the consultant switches it', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const settings = `/units/${server.demo.unitId}/settings/finalisation`;
    expect(
      (await api(server, cookies.coordinator, 'PUT', settings, { approvalRequired: false })).status,
    ).toBe(403);
    const switched = await api(server, cookies.consultant, 'PUT', settings, {
      approvalRequired: false,
    });
    expect(await switched.json()).toEqual({ approvalRequired: false });
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    const status = await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    expect(status).toMatchObject({ state: 'approved', approvedBy: null, approvalRequired: false });
    expect(status.finalisedAt).not.toBeNull();
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event: { code: number } | null) => {
        if (event) resolve(event.code);
      }),
    );
    writer.doc.transact(() => {
      discussionMinutesFragment(writer.doc).insert(0, [new Y.XmlText('LATE')]);
    });
    expect(await closed).toBe(CLOSE_CODES.DISCUSSION_FINALISED);
    writer.destroy();
  });

  it('[R9] every step is audited, without the minutes in the trail', async () => {
    const { server, meetingId, familyId, cookies, docName, spec } = await harperSetup(store);
    const writer = await writeMinutes(server, cookies.socialWorker, docName, spec);
    await step(server, cookies.coordinator, meetingId, familyId, 'ready');
    await step(server, cookies.consultant, meetingId, familyId, 'approve');
    const closed = new Promise<void>((resolve) =>
      writer.provider.on('connection-close', () => resolve()),
    );
    writer.doc.transact(() => {
      discussionMinutesFragment(writer.doc).insert(0, [new Y.XmlText('LATE')]);
    });
    await closed;
    writer.destroy();
    await api(
      server,
      cookies.socialWorker,
      'POST',
      `/meetings/${meetingId}/discussions/${familyId}/addenda`,
      {
        text: 'A correction',
      },
    );
    await eventually(async () => {
      const events = await server.app.persistence.db
        .selectFrom('audit_events')
        .select(['action', 'target', 'detail'])
        .where('target', '=', docName)
        .orderBy('id')
        .execute();
      const actions = events.map((event) => event.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'discussion.ready',
          'discussion.approved',
          'discussion.write-refused',
          'discussion.addendum',
        ]),
      );
      for (const event of events) {
        expect(event.detail).not.toContain('Mia said');
        expect(event.detail).not.toContain('A correction');
      }
    });
  });
});
