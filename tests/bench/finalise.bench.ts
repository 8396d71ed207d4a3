import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import {
  asFamilyId,
  asMeetingId,
  boardCommands,
  discussionDocName,
  familyDocName,
  genogramCommands,
  userOrigin,
  type DiscussionStatus,
} from '@unitroom/shared';
import { createApp, defaultConfig, type App } from '@unitroom/server';
import { buildFamily } from '../fixtures/familyDocuments.js';
import { writeDiscussion, type DiscussionSpec } from '../fixtures/discussions.js';
import { signIn, originOf } from '../helpers/session.js';

/**
 * `npm run bench:finalise` — a meeting of 8 families, every discussion marked ready; the clock
 * runs from the consultant's first "Approve" until every export of the meeting exists: the whole
 * minutes and each child's case note, each as DOCX, PDF and text (the goal: under 3 s). Everything
 * goes through the real REST API of a real server on SQLite, as the browser would ask.
 *
 * The machine's load is printed beside the figures, and so is the CPU time the window used: on a
 * shared, busy machine wall time stretches, while the CPU time says what the work itself costs.
 *
 * Options: --families (default 8), --people (genogram size per family, default 25), --rounds
 * (fresh servers measured, default 3; the median is reported), --concurrency (downloads in flight,
 * default 4). Figures, never pass/fail: they depend on the machine.
 */

const { values } = parseArgs({
  options: {
    families: { type: 'string' },
    people: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
  },
  strict: true,
});
const FAMILIES = Math.max(1, Number(values.families ?? 8));
const PEOPLE = Math.max(2, Number(values.people ?? 25));
const ROUNDS = Math.max(1, Number(values.rounds ?? 3));
const CONCURRENCY = Math.max(1, Number(values.concurrency ?? 4));
const GOAL_MS = 3_000;
const FORMATS = ['docx', 'pdf', 'txt'] as const;

interface Round {
  /** CPU time of this process (server, clients and resvg's threads) over the measured window. */
  cpuMs: number;
  approveMs: number[];
  approveTotalMs: number;
  exportsMs: number;
  totalMs: number;
  files: number;
  bytes: number;
  byFormat: Record<(typeof FORMATS)[number], number>;
}

async function setUp(): Promise<{
  app: App;
  url: string;
  meetingId: string;
  families: Array<{ id: string; children: string[] }>;
  consultant: string;
  dataDir: string;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-bench-finalise-'));
  const app = await createApp(defaultConfig({ dataDir }));
  const demo = await app.seedDemo('blank');
  const { url } = await app.listen(0, '127.0.0.1');
  // fetch keeps connections alive; a server closing an idle one just as it is reused would fail
  // a request ("other side closed") on a busy machine, which measures nothing of ours.
  app.httpServer.keepAliveTimeout = 60_000;
  const db = app.persistence.db;
  const now = new Date().toISOString();
  const familyIds = [...demo.familyIds];
  // The demo unit has three families; the rest of the agenda is made up here.
  for (let i = familyIds.length; i < FAMILIES; i += 1) {
    const id = `benchfamily${i}`;
    await db
      .insertInto('families')
      .values({ id, unit_id: demo.unitId, name: `Bench family ${i}`, created_at: now })
      .execute();
    familyIds.push(id);
    for (let c = 0; c < 2 + (i % 2); c += 1) {
      await db
        .insertInto('children')
        .values({
          id: `${id}child${c}`,
          family_id: id,
          name: `Child ${c} of ${i}`,
          birth_year: 2010 + c,
        })
        .execute();
    }
    await db
      .insertInto('agenda_items')
      .values({ meeting_id: demo.meetingId, family_id: id, position: i, timebox_minutes: 30 })
      .execute();
  }
  const families: Array<{ id: string; children: string[] }> = [];
  for (const familyId of familyIds.slice(0, FAMILIES)) {
    const children = (
      await db.selectFrom('children').select('id').where('family_id', '=', familyId).execute()
    ).map((row) => row.id);
    families.push({ id: familyId, children });
    // The family document: a genogram of PEOPLE people and a planned conversation.
    const family = new Y.Doc();
    const origin = userOrigin(demo.userIds['sw@demo.test']!);
    const people = buildFamily(genogramCommands(family, origin), PEOPLE, families.length);
    const board = boardCommands(family, origin);
    const hypothesis = board.addHypothesis({
      text: 'The family copes by keeping busy.',
      offeredBy: 'SW',
    });
    const conversation = board.addConversation(hypothesis, {
      familyMembers: [people[0]!],
      purpose: 'Ask who notices first when things are hard.',
    });
    await app.persistence.documents.append(familyDocName(asFamilyId(familyId)), [
      Y.encodeStateAsUpdate(family),
    ]);
    // The discussion: a realistic length of minutes with every child's voice and risk.
    const spec: DiscussionSpec = {
      context: Array.from(
        { length: 4 },
        (_, p) => `Context paragraph ${p}: ${'the family and its wider world. '.repeat(8)}`,
      ),
      obstacles: ['Visits were cancelled twice; school attendance dropped.'],
      hypotheses: [['We wonder whether ', { hypothesisId: hypothesis }, ' holds.']],
      children: children.map((childId, c) => ({
        childId,
        voice: { text: [`Child ${c} said what matters to them. `.repeat(4)], seen: 'alone' },
        risk: {
          concern: 'medium',
          see: 'What we see. '.repeat(6),
          worry: 'Why it worries us. '.repeat(6),
          do: 'What we will do. '.repeat(6),
          familyView: 'What the family thinks. '.repeat(4),
          lessWorried: 'What would make us less worried. '.repeat(4),
        },
      })),
      conversations: [['Next visit: ', { conversationId: conversation }]],
      decisions: [
        {
          text: 'Hold a family group conference.',
          reason: 'Wider family can help.',
          dissent: 'One member would wait.',
        },
        { text: 'Step down to child in need if school attendance recovers.' },
      ],
      actions: [
        ...children.map((childId) => ({ text: 'Direct work session', childId, due: '2026-12-04' })),
        { text: 'Invite grandparents', owner: demo.userIds['coordinator@demo.test']! },
      ],
      timeSpentMinutes: 40,
    };
    const discussion = new Y.Doc();
    writeDiscussion(discussion, spec);
    await app.persistence.documents.append(
      discussionDocName(asMeetingId(demo.meetingId), asFamilyId(familyId)),
      [Y.encodeStateAsUpdate(discussion)],
    );
  }
  const coordinator = await signIn(url, 'coordinator@demo.test');
  for (const family of families) {
    await post(url, coordinator, `/meetings/${demo.meetingId}/discussions/${family.id}/ready`);
  }
  const consultant = await signIn(url, 'csw@demo.test');
  return { app, url, meetingId: demo.meetingId, families, consultant, dataDir };
}

async function post(url: string, cookie: string, apiPath: string): Promise<DiscussionStatus> {
  const response = await fetch(`${url}/api${apiPath}`, {
    method: 'POST',
    headers: { cookie, origin: originOf(url) },
  });
  if (response.status !== 200)
    throw new Error(`${apiPath}: ${response.status} ${await response.text()}`);
  return (await response.json()) as DiscussionStatus;
}

async function measureRound(): Promise<Round> {
  const { app, url, meetingId, families, consultant, dataDir } = await setUp();
  try {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const approveMs: number[] = [];
    for (const family of families) {
      const t = performance.now();
      const status = await post(
        url,
        consultant,
        `/meetings/${meetingId}/discussions/${family.id}/approve`,
      );
      if (status.state !== 'approved') throw new Error(`not approved: ${family.id}`);
      approveMs.push(performance.now() - t);
    }
    const approved = performance.now();
    const downloads: Array<{ path: string; format: (typeof FORMATS)[number] }> = [];
    for (const format of FORMATS) {
      downloads.push({ path: `/meetings/${meetingId}/export/minutes/${format}`, format });
      for (const family of families) {
        for (const child of family.children) {
          downloads.push({
            path: `/meetings/${meetingId}/discussions/${family.id}/export/case-notes/${child}/${format}`,
            format,
          });
        }
      }
    }
    const byFormat = { docx: 0, pdf: 0, txt: 0 };
    let bytes = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < downloads.length) {
          const download = downloads[next++]!;
          const t = performance.now();
          const response = await fetch(`${url}/api${download.path}`, {
            headers: { cookie: consultant },
          });
          if (response.status !== 200) throw new Error(`${download.path}: ${response.status}`);
          bytes += (await response.arrayBuffer()).byteLength;
          byFormat[download.format] += performance.now() - t;
        }
      }),
    );
    const done = performance.now();
    const cpu = process.cpuUsage(cpuStart);
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      approveMs,
      approveTotalMs: approved - start,
      exportsMs: done - approved,
      totalMs: done - start,
      files: downloads.length,
      bytes,
      byFormat,
    };
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

const rounds: Round[] = [];
for (let round = 0; round < ROUNDS; round += 1) rounds.push(await measureRound());

console.log(
  `\nFinalise a meeting of ${FAMILIES} families (genograms of ${PEOPLE} people), ${ROUNDS} rounds, ` +
    `${CONCURRENCY} downloads in flight; median of rounds\n`,
);
const rows: Array<[string, string]> = [
  ['approve, per discussion (median)', ms(median(rounds.flatMap((r) => r.approveMs)))],
  ['approve, all discussions', ms(median(rounds.map((r) => r.approveTotalMs)))],
  [`exports: ${rounds[0]!.files} files`, ms(median(rounds.map((r) => r.exportsMs)))],
  [
    '  of which DOCX / PDF / text (request time, summed)',
    FORMATS.map((f) => ms(median(rounds.map((r) => r.byFormat[f])))).join(' / '),
  ],
  ['exported bytes', `${(rounds[0]!.bytes / 1024 / 1024).toFixed(2)} MB`],
  ['approve to all exports ready', ms(median(rounds.map((r) => r.totalMs)))],
  ['  each round', rounds.map((r) => ms(r.totalMs)).join(', ')],
  ['CPU time in that window (server and clients)', ms(median(rounds.map((r) => r.cpuMs)))],
  ['machine load average (1 min) at the end', os.loadavg()[0]!.toFixed(1)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
const total = median(rounds.map((r) => r.totalMs));
console.log(
  `\ngoal: under ${GOAL_MS} ms from approve to every export: ${total < GOAL_MS ? 'met' : 'not met'} (${(total / GOAL_MS).toFixed(2)} of the budget)`,
);
