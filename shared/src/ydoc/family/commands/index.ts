import type * as Y from 'yjs';
import type { TransactionOrigin } from '../../origins.js';
import { randomId } from '../randomId.js';
import { CommandContext } from './context.js';
import { kinshipCommands } from './kinship.js';
import { legalCommands } from './legal.js';
import { peopleCommands } from './people.js';
import { tiesCommands } from './ties.js';

export interface GenogramCommandOptions {
  /** Makes the ids of new entities; must match `ID_PATTERN`. Defaults to a random id. */
  newId?: () => string;
}

/**
 * The named commands that write a family document's genogram (shared/SPEC.md [G10]-[G16]). Each
 * runs as one transaction with `origin`; pass the same origin object to
 * `createGenogramUndoManager` so undo reverts this user's commands only. A command that would
 * break a rule throws `GenogramRuleError` and changes nothing.
 */
export function genogramCommands(
  doc: Y.Doc,
  origin: TransactionOrigin,
  options: GenogramCommandOptions = {},
) {
  const ctx = new CommandContext(doc, origin, options.newId ?? randomId);
  return {
    ...peopleCommands(ctx),
    ...kinshipCommands(ctx),
    ...tiesCommands(ctx),
    ...legalCommands(ctx),
  };
}
export type GenogramCommands = ReturnType<typeof genogramCommands>;

export type { PersonInput, PersonPatch } from './people.js';
export type {
  AddChildInput,
  AddParentsInput,
  AddSiblingInput,
  ChildLinkPatch,
  ChildSource,
  LinkChildInput,
  TwinOptions,
  UnionInput,
  UnionPatch,
} from './kinship.js';
export type {
  EcomapInput,
  EcomapPatch,
  HouseholdInput,
  HouseholdPatch,
  RelationshipInput,
  RelationshipPatch,
} from './ties.js';
export type { ContactRestrictionInput } from './legal.js';
