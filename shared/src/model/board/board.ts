import type { BoardNote } from './boardNote.js';
import type { Conversation } from './conversation.js';
import type { Hypothesis } from './hypothesis.js';
import type { Question } from './question.js';

/**
 * The hypotheses board as `readBoard` returns it from a family document: plain data, every rule
 * of shared/SPEC.md [B1]-[B4] holding. Hypotheses come in board order; everything else in id order,
 * so equal documents read equal. Suggested and declined entities are included with their state;
 * views choose what to show.
 */
export interface Board {
  hypotheses: Hypothesis[];
  conversations: Conversation[];
  questions: Question[];
  notes: BoardNote[];
}

export const emptyBoard = (): Board => ({
  hypotheses: [],
  conversations: [],
  questions: [],
  notes: [],
});
