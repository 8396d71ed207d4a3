/** What other features may use of presence/; everything else in the folder is its own. */
export { PresenceList } from './PresenceList';
export { readUser, usePresentUsers } from './usePresentUsers';
export type { PresentUser } from './usePresentUsers';
