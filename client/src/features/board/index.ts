/** What other features may use of board/; everything else in the folder is its own. */
export { FamilySurfaces, type OpenedItems } from './FamilySurfaces';
export { MeetingFamilySurfaces } from './MeetingFamilySurfaces';
