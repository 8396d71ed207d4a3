import { userOrigin, type TransactionOrigin } from '@unitroom/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** The outcome of one user action: its result, or the message to show instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A feature's named commands bound to one origin object per mounted surface, shared with its undo
 * manager, so undo and redo touch this person's own changes on that surface only (the genogram's
 * [G22], the board's [B21]).
 */
export interface CommandEditor<Commands> {
  /**
   * Runs `action` as one transaction with this surface's origin, so a composite action is one
   * undo step. A refused command is returned, not thrown; in a composite action, the steps before
   * the refused one stay done (commands check their rules before writing, so put the step most
   * likely to be refused first).
   */
  perform<T>(action: (commands: Commands) => T): Outcome<T>;
  undo(): boolean;
  redo(): boolean;
  subscribe(listener: () => void): () => void;
  getUndoState(): UndoState;
  start(): void;
  stop(): void;
}

export interface CommandEditorKind<Commands> {
  commands(doc: Y.Doc, origin: TransactionOrigin): Commands;
  undoManager(doc: Y.Doc, origin: TransactionOrigin): Y.UndoManager;
  /** The model's own refusal, whose message is written for people. */
  ruleError: abstract new (...args: never[]) => Error;
}

/** What a person reads when a change did not go through; never a stack trace, never silence. */
function describeFailure(error: unknown, ruleError: CommandEditorKind<unknown>['ruleError']) {
  if (error instanceof ruleError) return error.message;
  console.error(error);
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return `Something went wrong and the change was not made${detail}. Try again, or reload the page.`;
}

/** The undo manager observes the document, so it exists between `start` and `stop`. */
function commandEditor<Commands>(
  kind: CommandEditorKind<Commands>,
  doc: Y.Doc,
  origin: TransactionOrigin,
): CommandEditor<Commands> {
  const commands = kind.commands(doc, origin);
  let undoManager: Y.UndoManager | null = null;
  let state: UndoState = { canUndo: false, canRedo: false };
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
    perform<T>(action: (c: Commands) => T): Outcome<T> {
      try {
        let value: T | undefined;
        doc.transact(() => {
          value = action(commands);
        }, origin);
        return { ok: true, value: value as T };
      } catch (error) {
        return { ok: false, message: describeFailure(error, kind.ruleError) };
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
      undoManager = kind.undoManager(doc, origin);
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

/** One editor per mounted surface and user; StrictMode stops and starts its undo manager again. */
export function useCommandEditor<Commands>(
  kind: CommandEditorKind<Commands>,
  doc: Y.Doc,
  userId: string,
): CommandEditor<Commands> {
  const editor = useMemo(() => commandEditor(kind, doc, userOrigin(userId)), [kind, doc, userId]);
  useEffect(() => {
    editor.start();
    return () => editor.stop();
  }, [editor]);
  return editor;
}

export function useUndoState(editor: CommandEditor<unknown>): UndoState {
  return useSyncExternalStore(editor.subscribe, editor.getUndoState);
}
