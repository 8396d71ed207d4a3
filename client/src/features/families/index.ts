/** What other features may use of families/; everything else in the folder is its own. */
export { ClosedFamily } from './ClosedFamily';
export { FamilyLifecycle } from './FamilyLifecycle';
