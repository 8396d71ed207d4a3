/** What other features may use of carryOver/; everything else in the folder is its own. */
export { CarriedForward } from './CarriedForward';
export { ActionLine, OpenItemsList } from './OpenItemsList';
export { useOpenItems } from './useOpenItems';
