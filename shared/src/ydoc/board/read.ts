import type * as Y from 'yjs';
import {
  ID_PATTERN,
  type BoardNoteId,
  type ConversationId,
  type HypothesisId,
  type MeetingId,
  type PersonId,
  type QuestionId,
  type RelationshipId,
} from '../../ids.js';
import type { Board } from '../../model/board/board.js';
import { boardNoteSchema, type BoardNote } from '../../model/board/boardNote.js';
import { conversationSchema, type Conversation } from '../../model/board/conversation.js';
import { evidenceSchema, hypothesisSchema, type Hypothesis } from '../../model/board/hypothesis.js';
import { questionSchema, type Question } from '../../model/board/question.js';
import type { Genogram } from '../../model/genogram/genogram.js';
import { readGenogram } from '../family/read.js';
import { isEntityMap, sortedEntries } from '../family/roots.js';
import { boardOrder, boardRoot, type BoardCollection } from './roots.js';
import { plainOf } from '../plain.js';

/**
 * Reads the hypotheses board of a family document as plain, valid data ([B4], [B15]).
 *
 * A pure function of the document and the genogram (read from the same document unless given):
 * collections are walked in id order and every repair is decided in that order, so replicas that
 * hold the same updates read deep-equal boards. Nothing is thrown or written; what concurrent
 * edits leave broken is left out and stays in the document.
 */
export function readBoard(doc: Y.Doc, genogram: Genogram = readGenogram(doc)): Board {
  const people = new Set<string>(genogram.people.map((p) => p.id));
  const relationships = new Set<string>(genogram.relationships.map((r) => r.id));
  const hypotheses = readHypotheses(doc, people, relationships);
  const hypothesisIds = new Set<string>(hypotheses.map((h) => h.id));
  const conversations = readConversations(doc, hypothesisIds, people);
  const conversationIds = new Set<string>(conversations.map((c) => c.id));
  const questions = readQuestions(doc, conversationIds, people);
  return {
    hypotheses: inOrder(hypotheses, plainOf(boardOrder(doc))),
    conversations: conversations.map((c) => ({
      ...c,
      questions: inOrder(
        questions.filter((q) => q.conversationId === c.id && q.state === 'accepted'),
        c.questions,
      ).map((q) => q.id),
    })),
    questions,
    notes: readNotes(doc),
  };
}

type Fields = Record<string, unknown>;

function entities(doc: Y.Doc, collection: BoardCollection): [string, Fields][] {
  const out: [string, Fields][] = [];
  for (const [id, value] of sortedEntries(boardRoot(doc, collection))) {
    if (ID_PATTERN.test(id) && isEntityMap(value)) out.push([id, plainOf(value) as Fields]);
  }
  return out;
}

/** The strings of a stored list, each once, first occurrence first; anything else is dropped. */
export function uniqueStrings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((item): item is string => typeof item === 'string'))];
}

/**
 * `items` (in id order) arranged by a stored order ([B14]): listed ones first, in their first
 * listed place; unlisted ones after, in id order. Unknown ids in the order are ignored.
 */
function inOrder<T extends { id: string }>(items: readonly T[], order: unknown): T[] {
  const byId = new Map(items.map((item) => [item.id as string, item]));
  const out: T[] = [];
  for (const id of uniqueStrings(order)) {
    const item = byId.get(id);
    if (item) {
      out.push(item);
      byId.delete(id);
    }
  }
  return [...out, ...byId.values()];
}

const validItems = <T>(value: unknown, parse: (item: unknown) => T | undefined): T[] =>
  Array.isArray(value)
    ? value.flatMap((item) => {
        const parsed = parse(item);
        return parsed === undefined ? [] : [parsed];
      })
    : [];

function readHypotheses(
  doc: Y.Doc,
  people: ReadonlySet<string>,
  relationships: ReadonlySet<string>,
): Hypothesis[] {
  const out: Hypothesis[] = [];
  for (const [id, fields] of entities(doc, 'hypotheses')) {
    const status = (
      typeof fields.status === 'object' && fields.status !== null ? fields.status : {}
    ) as Fields;
    const evidence = (value: unknown) =>
      validItems(value, (item) => {
        const parsed = evidenceSchema.safeParse(item);
        return parsed.success ? parsed.data : undefined;
      });
    const parsed = hypothesisSchema.safeParse({
      ...fields,
      id,
      status: status.status,
      statusReason: status.reason,
      aboutPeople: uniqueStrings(fields.aboutPeople).filter((p) => people.has(p)),
      aboutRelationships: uniqueStrings(fields.aboutRelationships).filter((r) =>
        relationships.has(r),
      ),
      evidenceFor: evidence(fields.evidenceFor),
      evidenceAgainst: evidence(fields.evidenceAgainst),
    });
    if (!parsed.success) continue;
    const h = parsed.data;
    out.push({
      ...h,
      id: id as HypothesisId,
      aboutPeople: h.aboutPeople as PersonId[],
      aboutRelationships: h.aboutRelationships as RelationshipId[],
      fromMeeting: h.fromMeeting as MeetingId | null,
      lastDiscussedMeeting: h.lastDiscussedMeeting as MeetingId | null,
    });
  }
  return out;
}

function readConversations(
  doc: Y.Doc,
  hypotheses: ReadonlySet<string>,
  people: ReadonlySet<string>,
): Conversation[] {
  const out: Conversation[] = [];
  for (const [id, fields] of entities(doc, 'conversations')) {
    const parsed = conversationSchema.safeParse({
      ...fields,
      id,
      workers: uniqueStrings(fields.workers),
      familyMembers: uniqueStrings(fields.familyMembers).filter((p) => people.has(p)),
      questions: uniqueStrings(fields.questions),
    });
    if (!parsed.success || !hypotheses.has(parsed.data.hypothesisId)) continue;
    const c = parsed.data;
    out.push({
      ...c,
      id: id as ConversationId,
      hypothesisId: c.hypothesisId as HypothesisId,
      familyMembers: c.familyMembers as PersonId[],
      questions: c.questions as QuestionId[],
      plannedInMeeting: c.plannedInMeeting as MeetingId | null,
      reviewedInMeeting: c.reviewedInMeeting as MeetingId | null,
    });
  }
  return out;
}

function readQuestions(
  doc: Y.Doc,
  conversations: ReadonlySet<string>,
  people: ReadonlySet<string>,
): Question[] {
  const out: Question[] = [];
  for (const [id, fields] of entities(doc, 'questions')) {
    const parsed = questionSchema.safeParse({ ...fields, id });
    if (!parsed.success || !conversations.has(parsed.data.conversationId)) continue;
    const { addressedTo } = parsed.data;
    out.push({
      ...parsed.data,
      id: id as QuestionId,
      conversationId: parsed.data.conversationId as ConversationId,
      // The question stays; it is just no longer addressed to someone who has gone ([B4]).
      addressedTo:
        addressedTo !== null && people.has(addressedTo) ? (addressedTo as PersonId) : null,
    });
  }
  return out;
}

function readNotes(doc: Y.Doc): BoardNote[] {
  const out: BoardNote[] = [];
  for (const [id, fields] of entities(doc, 'notes')) {
    const parsed = boardNoteSchema.safeParse({ ...fields, id });
    if (parsed.success) out.push({ ...parsed.data, id: id as BoardNoteId });
  }
  return out;
}
