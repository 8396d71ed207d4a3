import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_ROOTS,
  BoardRuleError,
  GENOGRAM_ROOTS,
  boardCommands,
  boardOrder,
  boardRoot,
  readBoard,
  readGenogram,
  validateBoard,
  type Board,
  type BoardCommands,
  type ConversationId,
  type HypothesisId,
  type MeetingId,
  type PersonId,
  type QuestionId,
  type TransactionOrigin,
} from '@unitroom/shared';
import { familyDoc, seedPinners, sequentialIds, type Pinners } from '../helpers/familyDoc.js';
import { TestNetwork } from '../helpers/network.js';

/** A family document with the fictional Pinner genogram and a board user. */
interface BoardDoc {
  doc: Y.Doc;
  origin: TransactionOrigin;
  board: BoardCommands;
  family: ReturnType<typeof familyDoc>;
  read: () => Board;
}

function boardDoc(doc = new Y.Doc(), userId = 'user-ana', prefix = 'h'): BoardDoc {
  const family = familyDoc(doc, userId, sequentialIds(`g${prefix}`));
  return {
    doc,
    origin: family.origin,
    board: boardCommands(doc, family.origin, { newId: sequentialIds(prefix) }),
    family,
    read: () => readBoard(doc),
  };
}

function seeded(): BoardDoc & { p: Pinners } {
  const d = boardDoc();
  return { ...d, p: seedPinners(d.family.commands) };
}

/** Asserts a refusal: the rule's error, its message, and not one byte written. */
function expectRefused(doc: Y.Doc, command: () => unknown, rule: string, message?: RegExp) {
  const before = Y.encodeStateAsUpdate(doc);
  let thrown: unknown;
  try {
    command();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(BoardRuleError);
  expect((thrown as BoardRuleError).rule).toBe(rule);
  if (message) expect((thrown as Error).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

const valid = (doc: Y.Doc) => expect(validateBoard(readBoard(doc), readGenogram(doc))).toEqual([]);

/** Two replicas of one family, synced with the Pinner genogram, each with its own user. */
function twoReplicas() {
  const net = new TestNetwork(2, 11);
  const ana = boardDoc(net.replica(0).doc, 'user-ana', 'a');
  const ben = boardDoc(net.replica(1).doc, 'user-ben', 'b');
  const p = seedPinners(ana.family.commands);
  net.flushAll();
  return { net, ana, ben, p };
}

const KELLY_IDEA = 'Being the youngest makes it hard for Kelly to be "the adult" with Mia';

describe('hypotheses', () => {
  it('[B1] [B14] a hypothesis is a nested map in board:hypotheses, one key per field, and on the board order', () => {
    const { doc, board, read, p } = seeded();
    const genogramBefore = readGenogram(doc);
    const id = board.addHypothesis({
      text: KELLY_IDEA,
      offeredBy: 'user-ana',
      offeredRole: 'consultant_social_worker',
      aboutPeople: [p.kelly, p.mia],
      fromMeeting: 'meeting-1' as MeetingId,
    });
    const entry = boardRoot(doc, 'hypotheses').get(id);
    expect(entry).toBeInstanceOf(Y.Map);
    expect((entry as Y.Map<unknown>).get('aboutPeople')).toBeInstanceOf(Y.Array);
    expect((entry as Y.Map<unknown>).get('status')).toEqual({ status: 'open', reason: '' });
    expect(boardOrder(doc).toArray()).toEqual([id]);
    expect(Object.values(BOARD_ROOTS).every((name) => name.startsWith('board:'))).toBe(true);
    expect(Object.values(GENOGRAM_ROOTS)).not.toContain(BOARD_ROOTS.hypotheses);
    expect(readGenogram(doc)).toEqual(genogramBefore);
    const [h] = read().hypotheses;
    expect(h).toMatchObject({
      id,
      text: KELLY_IDEA,
      offeredBy: 'user-ana',
      offeredRole: 'consultant_social_worker',
      status: 'open',
      aboutPeople: [p.kelly, p.mia],
      suggestion: 'accepted',
      suggestedBy: null,
      fromMeeting: 'meeting-1',
    });
    valid(doc);
  });

  it('[B1] [B6] an empty hypothesis is refused and writes nothing', () => {
    const { doc, board } = seeded();
    expectRefused(
      doc,
      () => board.addHypothesis({ text: '', offeredBy: 'user-ana' }),
      'B1',
      /text/,
    );
  });

  it('[B6] each command is one transaction with the caller’s origin', () => {
    const { doc, board, origin } = seeded();
    const origins: unknown[] = [];
    // Updates, not transactions: Yjs opens an empty one when a Y.Array root is first read.
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const h = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    board.setHypothesisStatus(h, 'exploring', 'We will ask at the next visit');
    const c = board.addConversation(h, { purpose: 'Mia is safer at bath time' });
    board.addQuestion(c, { text: 'Who worries most?', kind: 'circular', suggestedBy: 'user-ana' });
    expect(origins).toEqual([origin, origin, origin, origin]);
  });

  it('[B7] [B9] a suggested hypothesis is its own entity with its author and touches nothing else', () => {
    const { doc, board, read } = seeded();
    const mine = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const before = read().hypotheses[0];
    let touched = 0;
    (boardRoot(doc, 'hypotheses').get(mine) as Y.Map<unknown>).observeDeep(() => (touched += 1));
    const s = board.suggestHypothesis({
      text: 'Kelly feels guilty about Mia',
      suggestedBy: 'user-cleo',
      offeredRole: 'clinician',
    });
    expect(touched).toBe(0);
    const board1 = read();
    expect(board1.hypotheses[0]).toEqual(before);
    expect(board1.hypotheses[1]).toMatchObject({
      id: s,
      text: 'Kelly feels guilty about Mia',
      offeredBy: 'user-cleo',
      suggestion: 'suggested',
      suggestedBy: 'user-cleo',
    });
  });

  it('[B8] [B9] accepting a suggested hypothesis changes its state only: same text, same author', () => {
    const { doc, board, read } = seeded();
    const s = board.suggestHypothesis({ text: 'Kelly feels guilty', suggestedBy: 'user-cleo' });
    const before = read().hypotheses[0];
    const changed: string[] = [];
    (boardRoot(doc, 'hypotheses').get(s) as Y.Map<unknown>).observe((e) =>
      changed.push(...e.keysChanged),
    );
    board.acceptHypothesis(s);
    expect(changed).toEqual(['suggestion']);
    expect(read().hypotheses[0]).toEqual({ ...before, suggestion: 'accepted' });
    board.updateHypothesis(s, { text: 'Kelly may feel guilty about Mia' });
    expect(read().hypotheses[0]?.suggestedBy).toBe('user-cleo');
    expectRefused(doc, () => board.acceptHypothesis(s), 'B8', /not a suggestion/);
  });

  it('[B8] a suggestion’s words cannot be edited until accepted; a declined one keeps them', () => {
    const { doc, board, read } = seeded();
    const s = board.suggestHypothesis({ text: 'Kelly feels guilty', suggestedBy: 'user-cleo' });
    expectRefused(doc, () => board.updateHypothesis(s, { text: 'Rewritten' }), 'B8', /accept/);
    board.declineHypothesis(s);
    expect(read().hypotheses[0]).toMatchObject({
      suggestion: 'declined',
      text: 'Kelly feels guilty',
    });
    expectRefused(doc, () => board.declineHypothesis(s), 'B8');
    expectRefused(doc, () => board.updateHypothesis(s, { offeredBy: 'someone' }), 'B8');
  });

  it('[B10] a status change needs a reason, and status and reason are stored together', () => {
    const { doc, board, read } = seeded();
    const h = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    expectRefused(doc, () => board.setHypothesisStatus(h, 'supported', '  '), 'B10', /why/);
    board.setHypothesisStatus(h, 'supported', 'Kelly said so herself');
    expect(read().hypotheses[0]).toMatchObject({
      status: 'supported',
      statusReason: 'Kelly said so herself',
    });
    expect((boardRoot(doc, 'hypotheses').get(h) as Y.Map<unknown>).get('status')).toEqual({
      status: 'supported',
      reason: 'Kelly said so herself',
    });
  });

  it('[B10] concurrent status changes resolve to one writer’s status and reason', () => {
    const { net, ana, ben } = twoReplicas();
    const h = ana.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    net.flushAll();
    ana.board.setHypothesisStatus(h, 'supported', 'Ana’s reason');
    ben.board.setHypothesisStatus(h, 'set_aside', 'Ben’s reason');
    net.flushAll();
    const [a] = ana.read().hypotheses;
    expect(ben.read()).toEqual(ana.read());
    expect([
      ['supported', 'Ana’s reason'],
      ['set_aside', 'Ben’s reason'],
    ]).toContainEqual([a?.status, a?.statusReason]);
  });

  it('[B11] evidence added at once on two replicas is all kept', () => {
    const { net, ana, ben } = twoReplicas();
    const h = ana.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    net.flushAll();
    ana.board.addEvidence(h, 'for', 'Kelly defers to Pat at every visit', 'user-ana');
    ben.board.addEvidence(h, 'for', 'Kelly asked Pat to feed Mia', 'user-ben');
    ben.board.addEvidence(h, 'against', 'Kelly set the bedtime herself', 'user-ben');
    net.flushAll();
    const [a] = ana.read().hypotheses;
    expect(ben.read()).toEqual(ana.read());
    expect(a?.evidenceFor).toHaveLength(2);
    expect(a?.evidenceAgainst).toEqual([
      { text: 'Kelly set the bedtime herself', addedBy: 'user-ben' },
    ]);
  });

  it('[B4] linking refuses people not on the genogram; unlinking removes', () => {
    const { doc, board, read, p } = seeded();
    const h = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    expectRefused(doc, () => board.linkHypothesis(h, { person: 'nobody' as PersonId }), 'B4');
    board.linkHypothesis(h, { person: p.kelly });
    board.linkHypothesis(h, { person: p.kelly });
    board.linkHypothesis(h, { person: p.pat });
    expect(read().hypotheses[0]?.aboutPeople).toEqual([p.kelly, p.pat]);
    board.linkHypothesis(h, { person: p.kelly }, false);
    expect(read().hypotheses[0]?.aboutPeople).toEqual([p.pat]);
  });

  it('[B4] readers drop references to people and relationships deleted from the genogram', () => {
    const { doc, board, family, read, p } = seeded();
    const rel = family.commands.addRelationship({ a: p.kelly, b: p.pat, kind: 'fused' });
    const h = board.addHypothesis({
      text: KELLY_IDEA,
      offeredBy: 'user-ana',
      aboutPeople: [p.kelly, p.pat],
      aboutRelationships: [rel],
    });
    const c = board.addConversation(h, { familyMembers: [p.pat, p.kelly] });
    const q = board.addQuestion(c, {
      text: 'What would your mum say if she were here?',
      kind: 'hypothetical',
      addressedTo: p.pat,
      suggestedBy: 'user-cleo',
    });
    family.commands.deletePerson(p.pat);
    const b = read();
    expect(b.hypotheses[0]).toMatchObject({ aboutPeople: [p.kelly], aboutRelationships: [] });
    expect(b.conversations[0]?.familyMembers).toEqual([p.kelly]);
    expect(b.questions[0]).toMatchObject({ id: q, addressedTo: null });
    valid(doc);
  });

  it('[B14] reordering hypotheses moves one and keeps the rest in order', () => {
    const { board, read } = seeded();
    const [h1, h2, h3] = ['One idea', 'Two idea', 'Three idea'].map((text) =>
      board.addHypothesis({ text, offeredBy: 'user-ana' }),
    ) as [HypothesisId, HypothesisId, HypothesisId];
    board.reorderHypothesis(h3, 0);
    expect(read().hypotheses.map((h) => h.id)).toEqual([h3, h1, h2]);
    board.reorderHypothesis(h3, 99);
    expect(read().hypotheses.map((h) => h.id)).toEqual([h1, h2, h3]);
  });

  it('[B14] concurrent moves of one hypothesis leave it once; concurrent adds both survive', () => {
    const { net, ana, ben } = twoReplicas();
    const ids = ['One idea', 'Two idea', 'Three idea'].map((text) =>
      ana.board.addHypothesis({ text, offeredBy: 'user-ana' }),
    );
    net.flushAll();
    const [h1, , h3] = ids as [HypothesisId, HypothesisId, HypothesisId];
    ana.board.reorderHypothesis(h3, 0);
    ben.board.reorderHypothesis(h3, 1);
    ana.board.addHypothesis({ text: 'Ana’s idea', offeredBy: 'user-ana' });
    ben.board.addHypothesis({ text: 'Ben’s idea', offeredBy: 'user-ben' });
    ben.board.reorderHypothesis(h1, 2);
    net.flushAll();
    const order = ana.read().hypotheses.map((h) => h.id);
    expect(ben.read()).toEqual(ana.read());
    expect(order).toHaveLength(5);
    expect(new Set(order).size).toBe(5);
    expect(boardOrder(ana.doc).length).toBeGreaterThan(5);
    valid(ana.doc);
  });

  it('[B12] deleting a hypothesis deletes its conversations and their questions', () => {
    const { doc, board, read } = seeded();
    const h = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const other = board.addHypothesis({ text: 'Dean feels shut out', offeredBy: 'user-ana' });
    const c = board.addConversation(h);
    board.addQuestion(c, { text: 'Who worries most?', kind: 'circular', suggestedBy: 'user-ana' });
    board.suggestQuestion(c, { text: 'On 0-10?', kind: 'scaling', suggestedBy: 'user-cleo' });
    board.deleteHypothesis(h);
    expect(read()).toMatchObject({ conversations: [], questions: [] });
    expect(read().hypotheses.map((x) => x.id)).toEqual([other]);
    expect(boardRoot(doc, 'questions').size).toBe(0);
    expect(boardOrder(doc).toArray()).toEqual([other]);
    expectRefused(doc, () => board.addConversation(h), 'B6', /no longer on the board/);
  });

  it('[B12] a conversation planned while its hypothesis is deleted elsewhere dangles and is not read', () => {
    const { net, ana, ben } = twoReplicas();
    const h = ana.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    net.flushAll();
    ana.board.deleteHypothesis(h);
    const c = ben.board.addConversation(h, { where: 'Home visit' });
    ben.board.addQuestion(c, { text: 'Who notices first?', kind: 'circular', suggestedBy: 'b' });
    net.flushAll();
    expect(ana.read()).toEqual(ben.read());
    expect(ana.read()).toMatchObject({ hypotheses: [], conversations: [], questions: [] });
    valid(ana.doc);
  });
});

describe('conversations and questions', () => {
  const planned = () => {
    const d = seeded();
    const h = d.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const c = d.board.addConversation(h, {
      workers: ['user-ana'],
      familyMembers: [d.p.kelly],
      where: 'Home visit',
      by: '2026-12-01',
      purpose: 'Kelly feels able to set Mia’s routine',
      ifYes: 'Ask what helps her feel sure',
      ifNo: 'Ask who would notice first if she did',
    });
    return { ...d, h, c };
  };

  it('[B13] a conversation is planned only for an accepted hypothesis', () => {
    const { doc, board } = seeded();
    const s = board.suggestHypothesis({ text: 'Kelly feels guilty', suggestedBy: 'user-cleo' });
    expectRefused(doc, () => board.addConversation(s), 'B13', /Accept/);
  });

  it('[B1] a planned conversation reads back with its plan; the outcome is recorded later', () => {
    const { board, read, c, h, p } = planned();
    expect(read().conversations[0]).toMatchObject({
      id: c,
      hypothesisId: h,
      workers: ['user-ana'],
      familyMembers: [p.kelly],
      happened: null,
    });
    board.updateConversation(c, { workers: ['user-ana', 'user-ben'], where: 'Family centre' });
    board.recordOutcome(c, {
      happened: true,
      learned: 'Kelly wants Pat’s help but not her rules',
      next: 'Family meeting with Pat',
    });
    expect(read().conversations[0]).toMatchObject({
      workers: ['user-ana', 'user-ben'],
      where: 'Family centre',
      happened: true,
      learned: 'Kelly wants Pat’s help but not her rules',
      next: 'Family meeting with Pat',
    });
  });

  it('[B3] accepted suggestions join the plan in the order they were accepted, not by id', () => {
    const { board, read, c } = planned();
    const first = board.suggestQuestion(c, {
      text: 'What would your mum say if she were here?',
      kind: 'circular',
      suggestedBy: 'user-cleo',
    });
    const second = board.suggestQuestion(c, {
      text: 'If Mia could talk, what would she say?',
      kind: 'hypothetical',
      suggestedBy: 'user-cleo',
    });
    // Accepted later-made first: the plan follows the worker's choices, whatever the ids.
    board.acceptQuestion(second);
    board.acceptQuestion(first);
    expect(read().conversations[0]?.questions).toEqual([second, first]);
  });

  it('[B3] added questions go into the plan in order; suggested ones stay out of it', () => {
    const { board, read, c } = planned();
    const q1 = board.addQuestion(c, {
      text: 'Who worries most when Mia cries?',
      kind: 'circular',
      suggestedBy: 'user-ana',
    });
    const s = board.suggestQuestion(c, {
      text: 'What would Mia say if she could?',
      kind: 'hypothetical',
      suggestedBy: 'user-cleo',
    });
    const q2 = board.addQuestion(c, {
      text: 'Who next?',
      kind: 'circular',
      suggestedBy: 'user-ana',
    });
    const b = read();
    expect(b.conversations[0]?.questions).toEqual([q1, q2]);
    expect(b.questions.find((q) => q.id === s)).toMatchObject({
      state: 'suggested',
      suggestedBy: 'user-cleo',
    });
  });

  it('[B8] [B9] accepting a suggested question appends it and changes only its state', () => {
    const { doc, board, read, c, p } = planned();
    const q1 = board.addQuestion(c, {
      text: 'Who worries most?',
      kind: 'circular',
      suggestedBy: 'a',
    });
    const s = board.suggestQuestion(c, {
      text: 'What would your mum say if she were here?',
      kind: 'hypothetical',
      addressedTo: p.kelly,
      suggestedBy: 'user-cleo',
    });
    const before = read().questions.find((q) => q.id === s);
    const changed: string[] = [];
    (boardRoot(doc, 'questions').get(s) as Y.Map<unknown>).observe((e) =>
      changed.push(...e.keysChanged),
    );
    board.acceptQuestion(s);
    expect(changed).toEqual(['state']);
    expect(read().questions.find((q) => q.id === s)).toEqual({ ...before, state: 'accepted' });
    expect(read().conversations[0]?.questions).toEqual([q1, s]);
    expectRefused(doc, () => board.acceptQuestion(s), 'B8');
    expectRefused(doc, () => board.declineQuestion(q1), 'B8');
  });

  it('[B8] declining a suggested question changes its state only and keeps it out of the plan', () => {
    const { board, read, c } = planned();
    const s = board.suggestQuestion(c, {
      text: 'On 0-10?',
      kind: 'scaling',
      suggestedBy: 'user-cleo',
    });
    board.declineQuestion(s);
    const b = read();
    expect(b.questions[0]).toMatchObject({
      text: 'On 0-10?',
      state: 'declined',
      suggestedBy: 'user-cleo',
    });
    expect(b.conversations[0]?.questions).toEqual([]);
  });

  it('[B4] a question addressed to someone not on the genogram is refused', () => {
    const { doc, board, c } = planned();
    expectRefused(
      doc,
      () =>
        board.addQuestion(c, {
          text: 'Who?',
          kind: 'lineal',
          addressedTo: 'ghost' as PersonId,
          suggestedBy: 'a',
        }),
      'B4',
    );
  });

  it('[B14] moving a question reorders the plan', () => {
    const { doc, board, read, c } = planned();
    const [q1, q2, q3] = ['First?', 'Second?', 'Third?'].map((text) =>
      board.addQuestion(c, { text, kind: 'circular', suggestedBy: 'a' }),
    ) as [QuestionId, QuestionId, QuestionId];
    board.moveQuestion(q3, 0);
    expect(read().conversations[0]?.questions).toEqual([q3, q1, q2]);
    board.moveQuestion(q1, 2);
    expect(read().conversations[0]?.questions).toEqual([q3, q2, q1]);
    const s = board.suggestQuestion(c, { text: 'Maybe?', kind: 'reflexive', suggestedBy: 'c' });
    expectRefused(doc, () => board.moveQuestion(s, 0), 'B3');
  });

  it('[B3] [B14] question order merges: concurrent inserts both survive, no duplicates', () => {
    const { net, ana, ben } = twoReplicas();
    const h = ana.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const c = ana.board.addConversation(h);
    const [q1, q2] = ['First?', 'Second?'].map((text) =>
      ana.board.addQuestion(c, { text, kind: 'circular', suggestedBy: 'a' }),
    ) as [QuestionId, QuestionId];
    const s = ana.board.suggestQuestion(c, { text: 'Mia?', kind: 'triadic', suggestedBy: 'cleo' });
    net.flushAll();
    const qa = ana.board.addQuestion(c, { text: 'Ana’s?', kind: 'difference', suggestedBy: 'a' });
    const qb = ben.board.addQuestion(c, { text: 'Ben’s?', kind: 'scaling', suggestedBy: 'b' });
    ana.board.moveQuestion(q2, 0);
    ben.board.moveQuestion(q2, 1);
    ana.board.acceptQuestion(s);
    ben.board.acceptQuestion(s);
    net.flushAll();
    const order = ana.read().conversations[0]?.questions ?? [];
    expect(ben.read()).toEqual(ana.read());
    expect([...order].sort()).toEqual([q1, q2, qa, qb, s].sort());
    valid(ana.doc);
  });

  it('[B3] [B8] an accept and a decline at once resolve the same way everywhere', () => {
    const { net, ana, ben } = twoReplicas();
    const h = ana.board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const c = ana.board.addConversation(h);
    const s = ana.board.suggestQuestion(c, { text: 'Mia?', kind: 'triadic', suggestedBy: 'cleo' });
    net.flushAll();
    ana.board.acceptQuestion(s);
    ben.board.declineQuestion(s);
    net.flushAll();
    const b = ana.read();
    expect(ben.read()).toEqual(b);
    const state = b.questions[0]?.state;
    expect(b.conversations[0]?.questions).toEqual(state === 'accepted' ? [s] : []);
    expect(b.questions[0]).toMatchObject({ text: 'Mia?', suggestedBy: 'cleo' });
    valid(ana.doc);
  });

  it('[B12] deleting a question takes it out of the plan; deleting a conversation its questions', () => {
    const { doc, board, read, c } = planned();
    const q1 = board.addQuestion(c, { text: 'First?', kind: 'circular', suggestedBy: 'a' });
    const q2 = board.addQuestion(c, { text: 'Second?', kind: 'circular', suggestedBy: 'a' });
    board.deleteQuestion(q1);
    expect(read().conversations[0]?.questions).toEqual([q2]);
    board.deleteConversation(c);
    expect(read()).toMatchObject({ conversations: [], questions: [] });
    expect(boardRoot(doc, 'questions').size).toBe(0);
    expectRefused(doc, () => board.deleteQuestion(q2), 'B6');
  });
});

describe('notes and the reader', () => {
  it('[B1] notes for dilemmas, scripts and our position are added, edited and deleted', () => {
    const { doc, board, read } = seeded();
    const d = board.addNote(
      'dilemma',
      'Support Kelly’s independence or keep Pat close?',
      'user-ana',
    );
    const s = board.addNote('script', '"Pinner women cope alone"', 'user-cleo');
    board.updateNote(d, { text: 'Kelly’s independence vs Pat’s help' });
    expect(read().notes).toEqual([
      { id: d, kind: 'dilemma', text: 'Kelly’s independence vs Pat’s help', addedBy: 'user-ana' },
      { id: s, kind: 'script', text: '"Pinner women cope alone"', addedBy: 'user-cleo' },
    ]);
    board.deleteNote(s);
    expect(read().notes.map((n) => n.id)).toEqual([d]);
    expectRefused(doc, () => board.updateNote(s, { text: 'x' }), 'B6');
  });

  it('[B15] the reader skips invalid entries and unknown ids in orders, deterministically', () => {
    const { doc, board, read } = seeded();
    const h = board.addHypothesis({ text: KELLY_IDEA, offeredBy: 'user-ana' });
    const c = board.addConversation(h);
    doc.transact(() => {
      boardRoot(doc, 'hypotheses').set('broken', new Y.Map());
      boardRoot(doc, 'hypotheses').set('not an id!', new Y.Map());
      boardRoot(doc, 'notes').set('plain', 'not a map');
      boardOrder(doc).insert(0, ['ghost', 42, h]);
      const conv = boardRoot(doc, 'conversations').get(c) as Y.Map<unknown>;
      (conv.get('questions') as Y.Array<unknown>).push(['ghost-question']);
    });
    const b = read();
    expect(b.hypotheses.map((x) => x.id)).toEqual([h]);
    expect(b.notes).toEqual([]);
    expect(b.conversations[0]?.questions).toEqual([]);
    valid(doc);
  });

  it('[B15] replicas that receive the same updates in different orders read equal boards', () => {
    const a = boardDoc();
    const updates: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => updates.push(u));
    const p = seedPinners(a.family.commands);
    const h = a.board.addHypothesis({
      text: KELLY_IDEA,
      offeredBy: 'user-ana',
      aboutPeople: [p.mia],
    });
    a.board.addHypothesis({ text: 'Dean feels shut out', offeredBy: 'user-ana' });
    const c = a.board.addConversation(h);
    a.board.addQuestion(c, { text: 'Who?', kind: 'circular', suggestedBy: 'a' });
    a.board.suggestQuestion(c, { text: 'Mia?', kind: 'triadic', suggestedBy: 'user-cleo' });
    a.board.addNote('position', 'We are worried about Mia', 'user-ana');
    a.board.reorderHypothesis(h, 1);
    const reversed = new Y.Doc();
    for (const update of [...updates].reverse()) Y.applyUpdate(reversed, update);
    expect(readBoard(reversed)).toEqual(a.read());
    expect(a.read().hypotheses).toHaveLength(2);
  });

  it('[B5] validateBoard reports what the reader would never return', () => {
    const { board, read, doc, p } = seeded();
    const h = board.addHypothesis({
      text: KELLY_IDEA,
      offeredBy: 'user-ana',
      aboutPeople: [p.kelly],
    });
    const good = read();
    const genogram = readGenogram(doc);
    const bad: Board = {
      ...good,
      hypotheses: [
        { ...good.hypotheses[0]!, aboutPeople: [p.kelly, p.kelly, 'ghost' as PersonId] },
      ],
      conversations: [
        {
          ...(good.conversations[0] ?? {
            id: 'c1' as ConversationId,
            hypothesisId: 'gone' as HypothesisId,
            workers: [],
            familyMembers: [],
            where: '',
            by: null,
            purpose: '',
            questions: ['q9' as QuestionId],
            ifYes: '',
            ifNo: '',
            happened: null,
            learned: '',
            next: '',
            plannedInMeeting: null,
            reviewedInMeeting: null,
          }),
        },
      ],
    };
    const problems = validateBoard(bad, genogram);
    expect(problems.some((x) => x.startsWith('[B2]'))).toBe(true);
    expect(problems.some((x) => x.startsWith('[B3]'))).toBe(true);
    expect(validateBoard(good, genogram)).toEqual([]);
    expect(h).toBeTruthy();
  });
});
