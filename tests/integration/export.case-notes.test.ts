import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { expect, it } from 'vitest';
import {
  asFamilyId,
  asMeetingId,
  boardCommands,
  discussionDocName,
  familyDocName,
  genogramCommands,
  userOrigin,
} from '@unitroom/shared';
import { writeDiscussion, type DiscussionSpec } from '../fixtures/discussions.js';
import { api, childrenOf, step } from '../helpers/finalisation.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';

/** What is recorded about each Osei child: every string here belongs to that child alone. */
const CHILD_FACTS = [
  {
    voice: 'Kwame said football on Saturdays is the best part of his week.',
    see: 'Kwame has been late to school eight times since half term.',
    action: 'Arrange a mentor at the youth club for Kwame',
  },
  {
    voice: 'Abena said she worries when mum cries at night.',
    see: 'Abena looks after the baby when mum is tired.',
    action: 'Young carers assessment for Abena',
  },
  {
    voice: 'The unit thinks the baby would ask for calm mornings.',
    see: 'The baby is feeding well and meeting milestones.',
    action: 'Health visitor to review the baby weekly',
  },
] as const;
const FAMILY_DECISION = 'Hold a family group conference before Christmas.';
const FAMILY_ACTION = 'Invite the grandparents to the family group conference';
const CONVERSATION_PURPOSE = 'Help mum say who she can call on at night.';

async function finaliseOsei(server: TestServer) {
  const meetingId = server.demo.meetingId;
  const familyId = server.demo.familyIds[2]!;
  const children = await childrenOf(server, familyId);
  expect(children).toHaveLength(3);
  const socialWorker = await signIn(server.url, 'sw@demo.test');

  // The family document: a small genogram and a planned conversation, as the canvas and board
  // would write them.
  const family = connectYClient(server.url, familyDocName(asFamilyId(familyId)), {
    cookie: socialWorker,
  });
  await family.synced;
  const origin = userOrigin(server.demo.userIds['sw@demo.test']!);
  const genogram = genogramCommands(family.doc, origin);
  const mum = genogram.addPerson({ name: 'Ama Osei', gender: 'female', birthDate: '1990' });
  const dad = genogram.addPerson({ name: 'Kofi Osei', gender: 'male', birthDate: '1988' });
  const union = genogram.addUnion({ partnerA: mum, partnerB: dad, kind: 'marriage' });
  for (const [name, year] of [
    ['Kwame', '2012'],
    ['Abena', '2016'],
  ] as const) {
    genogram.addChild({ union }, { person: { name, gender: 'unknown', birthDate: year } });
  }
  const board = boardCommands(family.doc, origin);
  const hypothesis = board.addHypothesis({
    text: 'Mum carries the nights alone since dad started night shifts.',
    offeredBy: 'Tom Whitfield',
  });
  const conversation = board.addConversation(hypothesis, {
    familyMembers: [mum],
    purpose: CONVERSATION_PURPOSE,
    workers: ['Tom Whitfield'],
  });
  board.addQuestion(conversation, {
    text: 'Who notices first when you are tired?',
    kind: 'circular',
    suggestedBy: 'Dr Jonah Bell',
  });
  await serverSaved(family);

  const spec: DiscussionSpec = {
    context: ['Dad started night shifts in October.'],
    children: children.map((child, index) => ({
      childId: child.id,
      voice: {
        text: [CHILD_FACTS[index]!.voice],
        seen: index === 2 ? 'unit-speaks-for-baby' : 'alone',
      },
      risk: { concern: index === 1 ? 'medium' : 'low', see: CHILD_FACTS[index]!.see },
    })),
    conversations: [['We will talk with mum: ', { conversationId: conversation }]],
    decisions: [{ text: FAMILY_DECISION, dissent: 'The clinician would wait for the assessment.' }],
    actions: [
      ...children.map((child, index) => ({ text: CHILD_FACTS[index]!.action, childId: child.id })),
      { text: FAMILY_ACTION, owner: server.demo.userIds['coordinator@demo.test']! },
    ],
  };
  const docName = discussionDocName(asMeetingId(meetingId), asFamilyId(familyId));
  const writer = connectYClient(server.url, docName, { cookie: socialWorker });
  await writer.synced;
  writeDiscussion(writer.doc, spec);
  await serverSaved(writer);
  await step(
    server,
    await signIn(server.url, 'coordinator@demo.test'),
    meetingId,
    familyId,
    'ready',
  );
  const consultant = await signIn(server.url, 'csw@demo.test');
  await step(server, consultant, meetingId, familyId, 'approve');
  writer.destroy();
  family.destroy();
  return { meetingId, familyId, children, consultant };
}

async function download(server: TestServer, cookie: string, path: string) {
  const response = await api(server, cookie, 'GET', path);
  expect(response.status, await response.clone().text()).toBe(200);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

async function textOf(format: 'docx' | 'pdf' | 'txt', body: Buffer): Promise<string> {
  if (format === 'docx') return (await mammoth.extractRawText({ buffer: body })).value;
  if (format === 'pdf') {
    const parser = new PDFParse({ data: body });
    try {
      // PDF text comes back as laid out on the page: join wrapped lines before searching.
      return (await parser.getText()).text.replace(/\s+/g, ' ');
    } finally {
      await parser.destroy();
    }
  }
  return body.toString('utf8');
}

describeEachStore('exports: finalised minutes and one case note per child', (store) => {
  it("[R10] each child's case note has that child's section and none of another child's data, in DOCX, PDF and text", async () => {
    const server = await startTestServer(store);
    const { meetingId, familyId, children, consultant } = await finaliseOsei(server);

    for (const format of ['docx', 'pdf', 'txt'] as const) {
      for (const [index, child] of children.entries()) {
        const { response, body } = await download(
          server,
          consultant,
          `/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${child.id}/${format}`,
        );
        expect(response.headers.get('content-disposition')).toMatch(
          new RegExp(`attachment; filename="case-note-.*\\.${format}"`),
        );
        const text = (await textOf(format, body)).replace(/\s+/g, ' ');
        const own = CHILD_FACTS[index]!;
        expect(text).toContain(`Case note: ${child.name}`);
        expect(text).toContain(own.voice);
        expect(text).toContain(own.see);
        expect(text).toContain(own.action);
        expect(text).toContain(FAMILY_DECISION);
        expect(text).toContain(FAMILY_ACTION);
        expect(text).toContain('Sue Martins'); // the family action's owner, by name
        expect(text).toContain(CONVERSATION_PURPOSE);
        expect(text).toContain('Who notices first when you are tired?');
        for (const [other, facts] of CHILD_FACTS.entries()) {
          if (other === index) continue;
          expect(text).not.toContain(facts.voice);
          expect(text).not.toContain(facts.see);
          expect(text).not.toContain(facts.action);
        }
      }
    }

    // The genogram goes into the DOCX as a picture.
    const { body } = await download(
      server,
      consultant,
      `/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${children[0]!.id}/docx`,
    );
    const html = (await mammoth.convertToHtml({ buffer: body })).value;
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
    // Nine downloads, each rendered in the export worker, on a shared machine.
  }, 120_000);

  it('[R10] the whole minutes hold every child, and exports exist only once finalised; every export is audited', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    const meetingId = server.demo.meetingId;
    const early = await api(
      server,
      consultant,
      'GET',
      `/meetings/${meetingId}/export/minutes/docx`,
    );
    expect(early.status).toBe(409);

    const { familyId, children } = await finaliseOsei(server);
    const draftFamily = server.demo.familyIds[0]!;
    const notYet = await api(
      server,
      consultant,
      'GET',
      `/meetings/${meetingId}/discussions/${draftFamily}/export/minutes/pdf`,
    );
    expect(notYet.status).toBe(409);

    for (const format of ['docx', 'pdf', 'txt'] as const) {
      const { body } = await download(
        server,
        consultant,
        `/meetings/${meetingId}/export/minutes/${format}`,
      );
      const text = (await textOf(format, body)).replace(/\s+/g, ' ');
      for (const [index, child] of children.entries()) {
        expect(text).toContain(child.name);
        expect(text).toContain(CHILD_FACTS[index]!.voice);
      }
      expect(text).toContain('The clinician would wait for the assessment.');
      expect(text).toContain('Not finalised, so not part of these minutes: Harper family');
    }

    const exports = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['target', 'detail'])
      .where('action', '=', 'export.downloaded')
      .execute();
    expect(exports).toHaveLength(3);
    expect(exports.every((event) => event.target === `meeting:${meetingId}`)).toBe(true);
    expect(familyId).toBeTruthy();
  }, 120_000);
});
