import {
  createGenogramUndoManager,
  genogramCommands,
  GenogramRuleError,
  userOrigin,
  type GenogramCommands,
  type TransactionOrigin,
} from '@unitroom/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** The outcome of one user action: its result, or the message to show instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface GenogramEditor {
  /**
   * Runs `action` as one transaction with this workspace's origin, so a composite action (a new
   * partner is a person and a union) is one undo step. A refused command is returned, not thrown;
   * in a composite action, the steps before the refused one stay done (commands check their rules
   * before writing, so put the step most likely to be refused first).
   */
  perform<T>(action: (commands: GenogramCommands) => T): Outcome<T>;
  undo(): boolean;
  redo(): boolean;
  subscribe(listener: () => void): () => void;
  getUndoState(): UndoState;
  start(): void;
  stop(): void;
}

/** What a person reads when a change did not go through; never a stack trace, never silence. */
export function describeFailure(error: unknown): string {
  if (error instanceof GenogramRuleError) return error.message;
  console.error(error);
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return `Something went wrong and the change was not made${detail}. Try again, or reload the page.`;
}

/**
 * One origin object per mounted workspace, shared by the commands and the undo manager, so undo
 * and redo touch this person's own changes only (shared/SPEC.md [G22]). The undo manager observes
 * the document, so it exists between `start` and `stop` (StrictMode stops and starts it again).
 */
function genogramEditor(doc: Y.Doc, origin: TransactionOrigin): GenogramEditor {
  const commands = genogramCommands(doc, origin);
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
    perform<T>(action: (c: GenogramCommands) => T): Outcome<T> {
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
      undoManager = createGenogramUndoManager(doc, origin);
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

export function useGenogramEditor(doc: Y.Doc, userId: string): GenogramEditor {
  const editor = useMemo(() => genogramEditor(doc, userOrigin(userId)), [doc, userId]);
  useEffect(() => {
    editor.start();
    return () => editor.stop();
  }, [editor]);
  return editor;
}

export function useUndoState(editor: GenogramEditor): UndoState {
  return useSyncExternalStore(editor.subscribe, editor.getUndoState);
}
