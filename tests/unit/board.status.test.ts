import {
  HYPOTHESIS_STATUS_LABELS,
  boardCommands,
  hypothesisStatus,
  readBoard,
  userOrigin,
} from '@unitroom/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

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
