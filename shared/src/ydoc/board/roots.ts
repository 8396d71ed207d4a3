import type * as Y from 'yjs';

/**
 * Where the hypotheses board lives in a family document `family:<id>` (shared/SPEC.md [B14]).
 *
 * Like the genogram ([G17]): one root Y.Map per collection keyed by entity id, each entry a nested
 * Y.Map with one key per field, keys never removed (a cleared field is `null`). Roots are prefixed
 * `board:` so they never meet the genogram's `genogram:` roots in the same document.
 *
 * Nested fields, chosen for how they merge:
 *
 * - `hypotheses/*.aboutPeople`, `aboutRelationships`, `conversations/*.workers`, `familyMembers`:
 *   Y.Array of ids with set semantics: appended on add, every occurrence deleted on remove, first
 *   occurrence kept on read.
 * - `hypotheses/*.evidenceFor`, `evidenceAgainst`: Y.Array of plain `{ text, addedBy }`, append
 *   only, so two pieces of evidence added at once are both kept.
 * - `conversations/*.questions`: Y.Array of question ids in asking order. A move deletes every
 *   occurrence and inserts one; concurrent inserts both survive and concurrent moves of one
 *   question leave two entries, of which the reader keeps the first.
 * - `hypotheses/*.status`: one plain `{ status, reason }` value, so a status and its reason never
 *   come from two different writers.
 *
 * `board:order` is a Y.Array of hypothesis ids: the order of hypotheses on the board, merged the
 * same way as a conversation's questions.
 */
export const BOARD_ROOTS = {
  hypotheses: 'board:hypotheses',
  conversations: 'board:conversations',
  questions: 'board:questions',
  notes: 'board:notes',
} as const;
export type BoardCollection = keyof typeof BOARD_ROOTS;
export const BOARD_ORDER_ROOT = 'board:order';

export function boardRoot(doc: Y.Doc, collection: BoardCollection): Y.Map<unknown> {
  return doc.getMap(BOARD_ROOTS[collection]);
}

export function boardOrder(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray(BOARD_ORDER_ROOT);
}

/** Every board root, for an undo manager's scope or an observer. */
export function boardRoots(doc: Y.Doc): (Y.Map<unknown> | Y.Array<unknown>)[] {
  return [
    ...(Object.keys(BOARD_ROOTS) as BoardCollection[]).map((c) => boardRoot(doc, c)),
    boardOrder(doc),
  ];
}
