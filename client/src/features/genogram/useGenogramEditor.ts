import {
  createGenogramUndoManager,
  genogramCommands,
  GenogramRuleError,
  type GenogramCommands,
} from '@unitroom/shared';
import type * as Y from 'yjs';
import {
  useCommandEditor,
  type CommandEditor,
  type CommandEditorKind,
} from '../../sync/commandEditor';

/** A composite action (a new partner is a person and a union) is one undo step ([G22]). */
export type GenogramEditor = CommandEditor<GenogramCommands>;

const GENOGRAM: CommandEditorKind<GenogramCommands> = {
  commands: (doc, origin) => genogramCommands(doc, origin),
  undoManager: createGenogramUndoManager,
  ruleError: GenogramRuleError,
};

export function useGenogramEditor(doc: Y.Doc, userId: string): GenogramEditor {
  return useCommandEditor(GENOGRAM, doc, userId);
}
