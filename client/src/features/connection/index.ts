/** What other features may use of connection/; everything else in the folder is its own. */
export { ConnectionRefused } from './ConnectionRefused';
export { SaveStatus } from './SaveStatus';
