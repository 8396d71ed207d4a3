import {
  BoardRuleError,
  boardCommands,
  createBoardUndoManager,
  type BoardCommands,
} from '@unitroom/shared';
import type * as Y from 'yjs';
import {
  useCommandEditor,
  type CommandEditor,
  type CommandEditorKind,
} from '../../sync/commandEditor';

export type BoardEditor = CommandEditor<BoardCommands>;

/**
 * The board's commands and undo, separate from the genogram's: undoing on the board never takes
 * back a person drawn on the genogram ([B21]).
 */
const BOARD: CommandEditorKind<BoardCommands> = {
  commands: boardCommands,
  undoManager: createBoardUndoManager,
  ruleError: BoardRuleError,
};

export function useBoardEditor(doc: Y.Doc, userId: string): BoardEditor {
  return useCommandEditor(BOARD, doc, userId);
}
