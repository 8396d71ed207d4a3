/** What other features may use of minutes/; everything else in the folder is its own. */
export { DiscussionWorkspace } from './DiscussionWorkspace';
