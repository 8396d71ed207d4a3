/** What other features may use of board/; everything else in the folder is its own. */
export { FamilySurfaces } from './FamilySurfaces';
export { MeetingFamilySurfaces } from './MeetingFamilySurfaces';
