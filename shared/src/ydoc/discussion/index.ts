export * from './roots.js';
export { readDiscussion } from './read.js';
export { discussionCommands, needsTemplate, templateSeedUpdate } from './commands.js';
export type {
  AttendeeInput,
  DiscussionCommandOptions,
  DiscussionCommands,
  PresentMember,
} from './commands.js';
export { DiscussionRuleError } from './errors.js';
export { templateJSON, childSectionJSON } from './template.js';
export { blockToYjs } from './toYjs.js';
export { changesSinceReady, markReadyPoint, READY_POINT_KEY } from './readyPoint.js';
export type { ChangesSinceReady } from './readyPoint.js';
