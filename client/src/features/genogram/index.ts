/** What other features may use of genogram/; everything else in the folder is its own. */
export { GenogramWorkspace } from './GenogramWorkspace';
export { formatPartialDate, namesOf, relationshipTitle } from './describe';
export { useGenogram } from './useGenogram';
