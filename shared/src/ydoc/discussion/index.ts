/**
 * The discussion document without its editor: roots, reading, rules. What writes the minutes
 * through the Tiptap schema (the commands, `blockToYjs`) is `@unitroom/shared/minutes`, so that
 * importing the shared package does not load Tiptap and ProseMirror.
 */
export * from './roots.js';
export { readDiscussion } from './read.js';
export type {
  AttendeeInput,
  DiscussionCommandOptions,
  DiscussionCommands,
  PresentMember,
} from './commands.js';
export { DiscussionRuleError } from './errors.js';
export { templateJSON, childSectionJSON } from './template.js';
export { changesSinceReady, markReadyPoint, READY_POINT_KEY } from './readyPoint.js';
export type { ChangesSinceReady } from './readyPoint.js';
