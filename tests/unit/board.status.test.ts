import {
  HYPOTHESIS_STATUS_LABELS,
  boardCommands,
  hypothesisStatus,
  readBoard,
  userOrigin,
} from '@unitroom/shared';
import { buildRecord, minutesDocument, renderText } from '@unitroom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeDiscussion } from '../fixtures/discussions.js';
import { sequentialIds } from '../helpers/familyDoc.js';

function board() {
  const doc = new Y.Doc();
  let n = 0;
  const commands = boardCommands(doc, userOrigin('user-ana'), { newId: () => `b${(n += 1)}` });
  return { commands, read: () => readBoard(doc) };
}

describe('a hypothesis status follows its conversations', () => {
  it('[W8] an open hypothesis with a planned conversation is exploring, on the board and in the export words', () => {
    const { commands, read } = board();
    const h = commands.addHypothesis({ text: 'Mia keeps an eye on Mum', offeredBy: 'user-ana' });
    const hypothesis = () => read().hypotheses.find((x) => x.id === h);
    expect(hypothesisStatus(hypothesis()!, read())).toBe('open');
    commands.addConversation(h, { purpose: 'Mia can be a child at home' });
    expect(hypothesis()?.status).toBe('open');
    expect(hypothesisStatus(hypothesis()!, read())).toBe('exploring');
    expect(HYPOTHESIS_STATUS_LABELS[hypothesisStatus(hypothesis()!, read())]).toBe('Exploring');
  });

  it('[W8] a status moved by hand stays where it was put', () => {
    const { commands, read } = board();
    const h = commands.addHypothesis({ text: 'Dad feels shut out', offeredBy: 'user-ana' });
    commands.addConversation(h, { purpose: 'Dad has a say in plans' });
    commands.setHypothesisStatus(h, 'supported', 'Dad said so himself');
    const hypothesis = read().hypotheses.find((x) => x.id === h)!;
    expect(hypothesisStatus(hypothesis, read())).toBe('supported');
  });
});

describe('the exported minutes give a hypothesis the status the board shows', () => {
  it('[W8] an open hypothesis with a conversation planned is "Exploring" in the export; one put back to open by hand stays "Open"', () => {
    const familyDoc = new Y.Doc();
    const commands = boardCommands(familyDoc, userOrigin('user-ana'), {
      newId: sequentialIds('b'),
    });
    const planned = commands.addHypothesis({ text: 'Mia keeps an eye on Mum', offeredBy: 'Ana' });
    commands.addConversation(planned, { purpose: 'Mia can be a child at home' });
    const heldBack = commands.addHypothesis({ text: 'Dad feels shut out', offeredBy: 'Ana' });
    commands.addConversation(heldBack, { purpose: 'Dad has a say in plans' });
    commands.setHypothesisStatus(heldBack, 'open', 'Not spoken with Dad yet');
    const untouched = commands.addHypothesis({ text: 'Pat is the anchor', offeredBy: 'Ana' });

    const discussionDoc = new Y.Doc();
    writeDiscussion(discussionDoc, {
      hypotheses: [
        [{ hypothesisId: planned }, ' Mia worries at school.'],
        [{ hypothesisId: heldBack }, ' Dad is rarely asked.'],
        [{ hypothesisId: untouched }, ' Pat holds things together.'],
      ],
    });
    const ana = { id: 'user-ana', name: 'Ana Lopez' };
    const { record } = buildRecord({
      unit: { id: 'unit-a', name: 'Unit A' },
      meeting: { id: 'meeting-a', title: 'Unit meeting', date: '2026-11-18' },
      family: { id: 'family-a', name: 'Harper family' },
      children: [],
      members: [ana],
      discussionState: Y.encodeStateAsUpdate(discussionDoc),
      familyState: Y.encodeStateAsUpdate(familyDoc),
      finalisedAt: '2026-11-18T11:00:00.000Z',
      finalisedBy: ana,
      approvedBy: ana,
      recordedBy: ana,
    });
    const board = readBoard(familyDoc);
    const text = renderText(
      minutesDocument(
        { title: 'Unit meeting', date: '2026-11-18', unitName: 'Unit A' },
        [{ record, contentHash: 'a'.repeat(64), addenda: [], genogram: null }],
        [],
      ),
    );
    // Every export (DOCX, PDF, text) is drawn from the same blocks, with the board's words.
    for (const [id, words] of [
      [planned, 'Mia keeps an eye on Mum (Exploring)'],
      [heldBack, 'Dad feels shut out (Open)'],
      [untouched, 'Pat is the anchor (Open)'],
    ] as const) {
      const shown = board.hypotheses.find((h) => h.id === id)!;
      expect(words).toContain(`(${HYPOTHESIS_STATUS_LABELS[hypothesisStatus(shown, board)]})`);
      expect(text).toContain(words);
    }
  });
});
