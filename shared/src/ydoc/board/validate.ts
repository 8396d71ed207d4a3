import type { z } from 'zod';
import { ID_PATTERN } from '../../ids.js';
import type { Board } from '../../model/board/board.js';
import { boardNoteSchema } from '../../model/board/boardNote.js';
import { conversationSchema } from '../../model/board/conversation.js';
import { hypothesisSchema } from '../../model/board/hypothesis.js';
import { questionSchema } from '../../model/board/question.js';
import type { Genogram } from '../../model/genogram/genogram.js';
import { compareIds } from '../family/roots.js';

/**
 * Every way `board` breaks the rules B1-B4 of shared/SPEC.md against `genogram`, one line each,
 * prefixed with the rule id; empty when valid. Written apart from the reader, so it can check it.
 */
export function validateBoard(board: Board, genogram: Genogram): string[] {
  const problems: string[] = [];
  const report = (rule: string, message: string) => problems.push(`[${rule}] ${message}`);

  const collection = (
    name: string,
    items: readonly { id: string }[],
    schema: z.ZodType,
    sorted: boolean,
  ) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) report('B1', `${name} ${item.id}: ${parsed.error.issues[0]?.message}`);
      if (!ID_PATTERN.test(item.id)) report('B1', `${name} ${item.id}: not an id`);
      if (seen.has(item.id)) report('B1', `${name} ${item.id}: listed twice`);
      seen.add(item.id);
      const previous = items[index - 1];
      if (sorted && previous && compareIds(previous.id, item.id) >= 0)
        report('B1', `${name} ${item.id}: not after ${previous.id} in id order`);
    });
  };
  collection('hypothesis', board.hypotheses, hypothesisSchema, false);
  collection('conversation', board.conversations, conversationSchema, true);
  collection('question', board.questions, questionSchema, true);
  collection('note', board.notes, boardNoteSchema, true);

  const people = new Set<string>(genogram.people.map((p) => p.id));
  const relationships = new Set<string>(genogram.relationships.map((r) => r.id));
  const once = (what: string, list: readonly string[], known: ReadonlySet<string>) => {
    if (new Set(list).size !== list.length) report('B2', `${what}: an id listed twice`);
    for (const id of list)
      if (!known.has(id)) report('B2', `${what}: ${id} is not on the genogram`);
  };
  for (const h of board.hypotheses) {
    once(`hypothesis ${h.id} people`, h.aboutPeople, people);
    once(`hypothesis ${h.id} relationships`, h.aboutRelationships, relationships);
  }
  const hypotheses = new Set<string>(board.hypotheses.map((h) => h.id));
  for (const c of board.conversations) {
    if (!hypotheses.has(c.hypothesisId))
      report('B2', `conversation ${c.id}: no hypothesis ${c.hypothesisId}`);
    once(`conversation ${c.id} family members`, c.familyMembers, people);
    if (new Set(c.workers).size !== c.workers.length)
      report('B2', `conversation ${c.id}: a worker listed twice`);
  }
  const conversations = new Map(board.conversations.map((c) => [c.id as string, c]));
  for (const q of board.questions) {
    const conversation = conversations.get(q.conversationId);
    if (!conversation) report('B2', `question ${q.id}: no conversation ${q.conversationId}`);
    if (q.addressedTo !== null && !people.has(q.addressedTo))
      report('B2', `question ${q.id}: addressed to ${q.addressedTo}, not on the genogram`);
    const listed = conversation?.questions.filter((id) => id === q.id).length ?? 0;
    if (q.state === 'accepted' && listed !== 1)
      report('B3', `question ${q.id}: accepted but listed ${listed} times`);
    if (q.state !== 'accepted' && listed > 0)
      report('B3', `question ${q.id}: ${q.state} but in the conversation's order`);
  }
  const questions = new Map(board.questions.map((q) => [q.id as string, q]));
  for (const c of board.conversations)
    for (const id of c.questions)
      if (questions.get(id)?.conversationId !== c.id)
        report('B3', `conversation ${c.id}: lists ${id}, not one of its questions`);
  return problems;
}
