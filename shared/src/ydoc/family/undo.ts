import * as Y from 'yjs';
import type { TransactionOrigin } from '../origins.js';
import { genogramRoots } from './roots.js';

export interface GenogramUndoOptions {
  /**
   * Edits closer together than this merge into one undo step. Defaults to 0: each command is
   * already one intent, so one command is one step (a drag should call `setNudge` once, on drop).
   */
  captureTimeoutMs?: number;
}

/**
 * An undo manager over the genogram roots that tracks only `origin` ([G22]): pass the same origin
 * object the user's commands use, and undo reverts that user's commands and nobody else's. Yjs
 * never lets it overwrite a later write by someone else to the same field. Its own undo and redo
 * transactions carry the manager as their origin (Yjs decides that), not a `TransactionOrigin`.
 */
export function createGenogramUndoManager(
  doc: Y.Doc,
  origin: TransactionOrigin,
  options: GenogramUndoOptions = {},
): Y.UndoManager {
  return new Y.UndoManager(genogramRoots(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: options.captureTimeoutMs ?? 0,
  });
}
