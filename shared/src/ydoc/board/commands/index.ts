import type * as Y from 'yjs';
import { randomId } from '../../family/randomId.js';
import type { TransactionOrigin } from '../../origins.js';
import { BoardContext } from './context.js';
import { conversationsCommands } from './conversations.js';
import { hypothesesCommands } from './hypotheses.js';
import { notesCommands } from './notes.js';

export interface BoardCommandOptions {
  /** Makes the ids of new entities; must match `ID_PATTERN`. Defaults to a random id. */
  newId?: () => string;
}

/**
 * The named commands that write a family document's hypotheses board (shared/SPEC.md
 * [B6]-[B13]). Each runs as one transaction with `origin`; a command that would break a rule
 * throws `BoardRuleError` and changes nothing.
 */
export function boardCommands(
  doc: Y.Doc,
  origin: TransactionOrigin,
  options: BoardCommandOptions = {},
) {
  const ctx = new BoardContext(doc, origin, options.newId ?? randomId);
  return {
    ...hypothesesCommands(ctx),
    ...conversationsCommands(ctx),
    ...notesCommands(ctx),
  };
}
export type BoardCommands = ReturnType<typeof boardCommands>;

export type {
  EvidenceSide,
  HypothesisInput,
  HypothesisPatch,
  SuggestHypothesisInput,
} from './hypotheses.js';
export type {
  ConversationInput,
  ConversationPatch,
  OutcomeInput,
  QuestionInput,
  ReviewInput,
} from './conversations.js';
export type { BoardNotePatch } from './notes.js';
