import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardRuleError,
  ROLES,
  boardAbilities,
  boardCommands,
  boardRoot,
  conversationsToReview,
  createBoardUndoManager,
  readBoard,
  readGenogram,
  validateBoard,
  type ConversationPatch,
  type MeetingId,
} from '@unitroom/shared';
import { familyDoc, seedPinners, sequentialIds } from '../helpers/familyDoc.js';
import { TestNetwork } from '../helpers/network.js';

const LAST_WEEK = 'meeting-last-week' as MeetingId;
const TODAY = 'meeting-today' as MeetingId;

function seeded(doc = new Y.Doc(), userId = 'user-ana', prefix = 'h') {
  const family = familyDoc(doc, userId, sequentialIds(`g${prefix}`));
  const p = seedPinners(family.commands);
  const board = boardCommands(doc, family.origin, { newId: sequentialIds(prefix) });
  return { doc, origin: family.origin, board, p, read: () => readBoard(doc) };
}

function refused(doc: Y.Doc, command: () => unknown, rule: string) {
  const before = Y.encodeStateAsUpdate(doc);
  expect(command).toThrow(BoardRuleError);
  try {
    command();
  } catch (error) {
    expect((error as BoardRuleError).rule).toBe(rule);
  }
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

describe('who does what on the board', () => {
  it('[B17] the workers who hold the family plan; the clinician and coordinator contribute; a read-only member does neither', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, boardAbilities(role, false)]));
    expect(table).toEqual({
      consultant_social_worker: { contribute: true, plan: true },
      social_worker: { contribute: true, plan: true },
      child_practitioner: { contribute: true, plan: true },
      clinician: { contribute: true, plan: false },
      unit_coordinator: { contribute: true, plan: false },
      manager: { contribute: false, plan: false },
    });
    for (const role of ROLES)
      expect(boardAbilities(role, true)).toEqual({ contribute: false, plan: false });
  });
});

describe('across meetings', () => {
  it('[B18] a conversation keeps the meeting it was planned in; an update cannot move it', () => {
    const { doc, board, read } = seeded();
    const h = board.addHypothesis({ text: 'Kelly feels she must manage alone', offeredBy: 'Ana' });
    const planned = board.addConversation(h, { plannedInMeeting: LAST_WEEK, purpose: 'Mia safer' });
    const between = board.addConversation(h);
    expect(read().conversations.map((c) => [c.plannedInMeeting, c.reviewedInMeeting])).toEqual([
      [LAST_WEEK, null],
      [null, null],
    ]);
    const sneaky = { where: 'At home', plannedInMeeting: TODAY } as ConversationPatch;
    refused(doc, () => board.updateConversation(planned, sneaky), 'B18');
    board.updateConversation(planned, { where: 'At home' });
    expect(read().conversations.find((c) => c.id === planned)?.plannedInMeeting).toBe(LAST_WEEK);
    expect(between).toBeDefined();
  });

  it('[B18] a conversation stored before the meeting fields existed reads them as null', () => {
    const { doc, board, read } = seeded();
    const h = board.addHypothesis({ text: 'An older plan', offeredBy: 'Ana' });
    const c = board.addConversation(h, { plannedInMeeting: LAST_WEEK });
    // What an older client wrote: the same entity without the two keys.
    doc.transact(() => {
      const entry = boardRoot(doc, 'conversations').get(c) as Y.Map<unknown>;
      entry.delete('plannedInMeeting');
      entry.delete('reviewedInMeeting');
    });
    expect(read().conversations).toEqual([
      expect.objectContaining({ id: c, plannedInMeeting: null, reviewedInMeeting: null }),
    ]);
    expect(validateBoard(read(), readGenogram(doc))).toEqual([]);
  });

  it('[B19] the board asks about conversations planned elsewhere and not yet reviewed, in board order', () => {
    const { board, read } = seeded();
    const first = board.addHypothesis({ text: 'First idea', offeredBy: 'Ana' });
    const second = board.addHypothesis({ text: 'Second idea', offeredBy: 'Ana' });
    const fromSecond = board.addConversation(second, { plannedInMeeting: LAST_WEEK });
    const fromFirst = board.addConversation(first, { plannedInMeeting: LAST_WEEK });
    const betweenMeetings = board.addConversation(first);
    const plannedToday = board.addConversation(first, { plannedInMeeting: TODAY });
    expect(conversationsToReview(read(), TODAY).map((c) => c.id)).toEqual([
      fromFirst,
      betweenMeetings,
      fromSecond,
    ]);
    board.reorderHypothesis(second, 0);
    expect(conversationsToReview(read(), TODAY).map((c) => c.id)).toEqual([
      fromSecond,
      fromFirst,
      betweenMeetings,
    ]);
    // Opened again, last week's meeting asks neither about its own plans nor about today's.
    const earlierThanLastWeek = (id: MeetingId) => id !== TODAY;
    expect(conversationsToReview(read(), LAST_WEEK, earlierThanLastWeek).map((c) => c.id)).toEqual([
      betweenMeetings,
    ]);
    // Without dates, every other meeting counts as earlier.
    expect(conversationsToReview(read(), LAST_WEEK).map((c) => c.id)).toEqual([
      betweenMeetings,
      plannedToday,
    ]);
  });

  it('[B20] a review records happened, learned, next and the meeting, and marks the hypothesis discussed, in one transaction', () => {
    const { doc, board, read, origin } = seeded();
    const h = board.addHypothesis({ text: 'Kelly feels she must manage alone', offeredBy: 'Ana' });
    const c = board.addConversation(h, { plannedInMeeting: LAST_WEEK });
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, o: unknown) => origins.push(o));
    board.reviewConversation(c, {
      happened: true,
      learned: '  Kelly’s mum helps more than we knew ',
      next: 'Invite her mum to the next visit',
      meeting: TODAY,
      date: '2026-11-22',
    });
    expect(origins).toEqual([origin]);
    const after = read();
    expect(after.conversations[0]).toMatchObject({
      happened: true,
      learned: 'Kelly’s mum helps more than we knew',
      next: 'Invite her mum to the next visit',
      plannedInMeeting: LAST_WEEK,
      reviewedInMeeting: TODAY,
    });
    expect(after.hypotheses[0]).toMatchObject({
      lastDiscussedMeeting: TODAY,
      lastDiscussedAt: '2026-11-22',
    });
    expect(conversationsToReview(after, TODAY)).toEqual([]);
  });

  it('[B20] a review must say whether it happened, and a bad date writes nothing', () => {
    const { doc, board } = seeded();
    const h = board.addHypothesis({ text: 'An idea', offeredBy: 'Ana' });
    const c = board.addConversation(h, { plannedInMeeting: LAST_WEEK });
    const review = { learned: '', next: '', meeting: TODAY, date: '2026-11-22' };
    refused(
      doc,
      () => board.reviewConversation(c, { ...review, happened: null as unknown as boolean }),
      'B20',
    );
    refused(
      doc,
      () => board.reviewConversation(c, { ...review, happened: false, date: 'last Tuesday' }),
      'B1',
    );
  });

  it('[B20] [B16] two reviews at once end the same everywhere, with one writer’s outcome', () => {
    const net = new TestNetwork(2, 5);
    const ana = seeded(net.replica(0).doc, 'user-ana', 'a');
    net.flushAll();
    const h = ana.board.addHypothesis({ text: 'An idea', offeredBy: 'Ana' });
    const c = ana.board.addConversation(h, { plannedInMeeting: LAST_WEEK });
    net.flushAll();
    const ben = boardCommands(net.replica(1).doc, { kind: 'user', userId: 'user-ben' });
    ana.board.reviewConversation(c, {
      happened: true,
      learned: 'Ana heard',
      next: 'Ana next',
      meeting: TODAY,
      date: '2026-11-22',
    });
    ben.reviewConversation(c, {
      happened: false,
      learned: 'Ben heard',
      next: 'Ben next',
      meeting: TODAY,
      date: '2026-11-22',
    });
    net.flushAll();
    const a = readBoard(net.replica(0).doc);
    expect(readBoard(net.replica(1).doc)).toEqual(a);
    const outcome = a.conversations[0];
    expect([
      [true, 'Ana heard', 'Ana next'],
      [false, 'Ben heard', 'Ben next'],
    ]).toContainEqual([outcome?.happened, outcome?.learned, outcome?.next]);
  });
});

describe('undo on the board', () => {
  it('[B21] undo reverts my own board changes only, one command per step', () => {
    const net = new TestNetwork(2, 3);
    const ana = seeded(net.replica(0).doc, 'user-ana', 'a');
    net.flushAll();
    const benOrigin = { kind: 'user', userId: 'user-ben' } as const;
    const ben = boardCommands(net.replica(1).doc, benOrigin, { newId: sequentialIds('b') });
    const undo = createBoardUndoManager(ana.doc, ana.origin);
    const h = ana.board.addHypothesis({ text: 'Ana’s idea', offeredBy: 'Ana' });
    ana.board.setHypothesisStatus(h, 'exploring', 'Worth asking about');
    net.flushAll();
    ben.addEvidence(h, 'for', 'School saw it too', 'Ben');
    const bens = ben.addHypothesis({ text: 'Ben’s idea', offeredBy: 'Ben' });
    net.flushAll();

    undo.undo();
    net.flushAll();
    let board = ana.read();
    expect(board.hypotheses.map((x) => [x.text, x.status])).toEqual([
      ['Ana’s idea', 'open'],
      ['Ben’s idea', 'open'],
    ]);
    expect(board.hypotheses[0]?.evidenceFor).toEqual([
      { text: 'School saw it too', addedBy: 'Ben' },
    ]);
    undo.undo();
    net.flushAll();
    board = ana.read();
    expect(board.hypotheses.map((x) => x.id)).toEqual([bens]);
    expect(readBoard(net.replica(1).doc)).toEqual(board);
    // A genogram change is not a board step.
    ana.board.addNote('dilemma', 'Whose voice is missing?', 'Ana');
    expect(undo.undoStack).toHaveLength(1);
  });
});
