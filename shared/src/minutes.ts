/**
 * `@unitroom/shared/minutes`: the discussion commands ([D9]-[D12]) and `blockToYjs`, which write
 * the minutes as the editor lays them out and so build nodes with the Tiptap schema
 * (`@unitroom/shared/editor`), loading Tiptap and ProseMirror. They are an entry of their own, not
 * part of `@unitroom/shared`, so that what imports the shared package without writing minutes
 * (the server until it seeds a template or a child's section, most test files) does not load them.
 */
export { discussionCommands, templateSeedUpdate } from './ydoc/discussion/commands.js';
export type {
  AttendeeInput,
  DiscussionCommandOptions,
  DiscussionCommands,
  PresentMember,
} from './ydoc/discussion/commands.js';
export { blockToYjs } from './ydoc/discussion/toYjs.js';
