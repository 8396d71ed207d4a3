import * as Y from 'yjs';
import type { TransactionOrigin } from '../origins.js';
import { boardRoots } from './roots.js';

/**
 * An undo manager over the board's roots that tracks only `origin` ([B21]), as the genogram's
 * does ([G22]): pass the origin object the user's board commands use, and undo reverts that
 * user's board changes and nobody else's. One command is one step.
 */
export function createBoardUndoManager(doc: Y.Doc, origin: TransactionOrigin): Y.UndoManager {
  return new Y.UndoManager(boardRoots(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
}
