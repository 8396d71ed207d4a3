export {
  GENOGRAM_ROOTS,
  genogramRoot,
  genogramRoots,
  parentalResponsibilityKey,
  type GenogramCollection,
} from './roots.js';
export { readGenogram } from './read.js';
export { validateGenogram } from './validate.js';
export { GenogramRuleError } from './errors.js';
export { createGenogramUndoManager, type GenogramUndoOptions } from './undo.js';
export { randomId } from './randomId.js';
export * from './commands/index.js';
