import type * as Y from 'yjs';
import type { z } from 'zod';
import { ID_PATTERN } from '../../../ids.js';
import type { Board } from '../../../model/board/board.js';
import type { BoardNote } from '../../../model/board/boardNote.js';
import type { Conversation } from '../../../model/board/conversation.js';
import type { Hypothesis } from '../../../model/board/hypothesis.js';
import type { Question } from '../../../model/board/question.js';
import { removeAll } from '../../family/commands/context.js';
import { readGenogram } from '../../family/read.js';
import { isEntityMap, type EntityMap } from '../../family/roots.js';
import type { TransactionOrigin } from '../../origins.js';
import { BoardRuleError } from '../errors.js';
import { readBoard } from '../read.js';
import { boardOrder, boardRoot, type BoardCollection } from '../roots.js';

/**
 * What every board command works with. Commands check their rules against the board and genogram
 * as the reader sees them, then write in one transaction with the caller's origin; a refusal is
 * thrown before the transaction starts, so it changes nothing ([B6]).
 */
export class BoardContext {
  constructor(
    readonly doc: Y.Doc,
    private readonly origin: TransactionOrigin,
    private readonly newId: () => string,
  ) {}

  root(collection: BoardCollection): Y.Map<unknown> {
    return boardRoot(this.doc, collection);
  }

  order(): Y.Array<unknown> {
    return boardOrder(this.doc);
  }

  read(): BoardView {
    const genogram = readGenogram(this.doc);
    return new BoardView(
      readBoard(this.doc, genogram),
      new Set(genogram.people.map((p) => p.id)),
      new Set(genogram.relationships.map((r) => r.id)),
    );
  }

  transact(write: () => void): void {
    this.doc.transact(write, this.origin);
  }

  /** A fresh id for `collection`; a repeated id would merge two entities into one. */
  freshId(collection: BoardCollection): string {
    const id = this.newId();
    if (!ID_PATTERN.test(id)) throw new Error(`id function returned a malformed id "${id}"`);
    if (this.root(collection).has(id))
      throw new Error(`id function returned an id already in use: "${id}"`);
    return id;
  }

  entity(collection: BoardCollection, id: string): EntityMap | undefined {
    const value = this.root(collection).get(id);
    return isEntityMap(value) ? value : undefined;
  }

  /** Stored ids of the entities of `collection` whose `field` is `value`, raw (not read). */
  idsWhere(collection: BoardCollection, field: string, value: string): string[] {
    const out: string[] = [];
    for (const [id, entry] of this.root(collection).entries())
      if (isEntityMap(entry) && entry.get(field) === value) out.push(id);
    return out;
  }
}

/** The read board with lookups. */
export class BoardView {
  readonly hypotheses: Map<string, Hypothesis>;
  readonly conversations: Map<string, Conversation>;
  readonly questions: Map<string, Question>;
  readonly notes: Map<string, BoardNote>;

  constructor(
    readonly board: Board,
    readonly people: ReadonlySet<string>,
    readonly relationships: ReadonlySet<string>,
  ) {
    this.hypotheses = new Map(board.hypotheses.map((h) => [h.id, h]));
    this.conversations = new Map(board.conversations.map((c) => [c.id, c]));
    this.questions = new Map(board.questions.map((q) => [q.id, q]));
    this.notes = new Map(board.notes.map((n) => [n.id, n]));
  }

  hypothesis(id: string): Hypothesis {
    return found(this.hypotheses.get(id), 'That hypothesis');
  }

  conversation(id: string): Conversation {
    return found(this.conversations.get(id), 'That conversation');
  }

  question(id: string): Question {
    return found(this.questions.get(id), 'That question');
  }

  note(id: string): BoardNote {
    return found(this.notes.get(id), 'That note');
  }

  /** Refuses references to people or relationships that are not on the genogram ([B4]). */
  checkPeople(ids: readonly string[]): void {
    if (ids.some((id) => !this.people.has(id)))
      throw new BoardRuleError('B4', 'Someone named here is no longer on the genogram');
  }

  checkRelationships(ids: readonly string[]): void {
    if (ids.some((id) => !this.relationships.has(id)))
      throw new BoardRuleError('B4', 'A relationship named here is no longer on the genogram');
  }
}

function found<T>(item: T | undefined, what: string): T {
  if (item === undefined) throw new BoardRuleError('B6', `${what} is no longer on the board`);
  return item;
}

/** Checks a whole entity against its schema ([B1]). */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.');
  throw new BoardRuleError(
    'B1',
    `The ${what} is not valid${field ? ` (${field})` : ''}: ${issue?.message ?? 'unknown problem'}`,
  );
}

/**
 * Moves `id` in a stored order ([B14]): every occurrence is deleted, then one is inserted before
 * the first occurrence of `before`, or at the end when `before` is undefined or gone.
 */
export function moveInList(list: Y.Array<unknown>, id: string, before: string | undefined): void {
  removeAll(list, id);
  const at = before === undefined ? -1 : list.toArray().indexOf(before);
  if (at < 0) list.push([id]);
  else list.insert(at, [id]);
}

/** Makes a set-like list hold exactly `ids`: absent ones removed, new ones appended ([B14]). */
export function setList(list: Y.Array<unknown>, ids: readonly string[]): void {
  const wanted = new Set(ids);
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const value = list.get(i);
    if (typeof value !== 'string' || !wanted.has(value)) list.delete(i, 1);
  }
  const present = new Set(list.toArray());
  const added = [...wanted].filter((id) => !present.has(id));
  if (added.length > 0) list.push(added);
}

/** The element `index` lands before once `id` has left `order`: undefined for the end. */
export function landingBefore(
  order: readonly string[],
  id: string,
  index: number,
): string | undefined {
  const others = order.filter((other) => other !== id);
  return others[Math.max(0, Math.floor(index))];
}
