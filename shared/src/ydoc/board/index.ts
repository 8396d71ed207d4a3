export {
  BOARD_ORDER_ROOT,
  BOARD_ROOTS,
  boardOrder,
  boardRoot,
  boardRoots,
  type BoardCollection,
} from './roots.js';
export { readBoard } from './read.js';
export { validateBoard } from './validate.js';
export { BoardRuleError } from './errors.js';
export { createBoardUndoManager } from './undo.js';
export * from './commands/index.js';
