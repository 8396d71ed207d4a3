import type * as MinutesModule from '@unitroom/shared/minutes';

export type Minutes = typeof MinutesModule;

/**
 * The commands that write minutes ([D9]-[D12]) build nodes with the editor's schema (Tiptap,
 * ProseMirror): they load when this process first writes a template or a child's section, not
 * with the server, which most of the time only relays what the laptops' editors write.
 */
export const loadMinutes = (): Promise<Minutes> => import('@unitroom/shared/minutes');
