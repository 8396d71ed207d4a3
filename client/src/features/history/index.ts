/** What other features may use of history/; everything else in the folder is its own. */
export { DocumentHistoryPanel } from './DocumentHistoryPanel';
