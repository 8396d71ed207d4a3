import {
  BoardRuleError,
  boardCommands,
  createBoardUndoManager,
  userOrigin,
  type BoardCommands,
  type TransactionOrigin,
} from '@unitroom/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export interface BoardUndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export type BoardOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface BoardEditor {
  /** Runs board commands as one transaction with this board's origin: one undo step. */
  perform<T>(action: (commands: BoardCommands) => T): BoardOutcome<T>;
  undo(): boolean;
  redo(): boolean;
  subscribe(listener: () => void): () => void;
  getUndoState(): BoardUndoState;
  start(): void;
  stop(): void;
}

function describeFailure(error: unknown): string {
  if (error instanceof BoardRuleError) return error.message;
  console.error(error);
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return `Something went wrong and the change was not made${detail}. Try again, or reload the page.`;
}

/**
 * The board's commands with one origin object per mounted board, shared with its undo manager,
 * so undo reverts this person's board changes only (shared/SPEC.md [B21]). Separate from the
 * genogram's undo: undoing on the board never takes back a person drawn on the genogram.
 */
function boardEditor(doc: Y.Doc, origin: TransactionOrigin): BoardEditor {
  const commands = boardCommands(doc, origin);
  let undoManager: Y.UndoManager | null = null;
  let state: BoardUndoState = { canUndo: false, canRedo: false };
  const listeners = new Set<() => void>();
  const refresh = () => {
    const next = {
      canUndo: (undoManager?.undoStack.length ?? 0) > 0,
      canRedo: (undoManager?.redoStack.length ?? 0) > 0,
    };
    if (next.canUndo === state.canUndo && next.canRedo === state.canRedo) return;
    state = next;
    listeners.forEach((listener) => listener());
  };
  return {
    perform<T>(action: (c: BoardCommands) => T): BoardOutcome<T> {
      try {
        let value: T | undefined;
        doc.transact(() => {
          value = action(commands);
        }, origin);
        return { ok: true, value: value as T };
      } catch (error) {
        return { ok: false, message: describeFailure(error) };
      }
    },
    undo: () => undoManager !== null && undoManager.undo() !== null,
    redo: () => undoManager !== null && undoManager.redo() !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getUndoState: () => state,
    start() {
      if (undoManager) return;
      undoManager = createBoardUndoManager(doc, origin);
      for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const)
        undoManager.on(event, refresh);
      refresh();
    },
    stop() {
      undoManager?.destroy();
      undoManager = null;
      refresh();
    },
  };
}

export function useBoardEditor(doc: Y.Doc, userId: string): BoardEditor {
  const editor = useMemo(() => boardEditor(doc, userOrigin(userId)), [doc, userId]);
  useEffect(() => {
    editor.start();
    return () => editor.stop();
  }, [editor]);
  return editor;
}

export function useBoardUndoState(editor: BoardEditor): BoardUndoState {
  return useSyncExternalStore(editor.subscribe, editor.getUndoState);
}
