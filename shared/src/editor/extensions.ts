import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/**
 * The one Tiptap schema for minutes, used by the browser editor and by the server (seeding,
 * export, checks). The browser adds Collaboration and CollaborationCaret on top; those add no
 * nodes or marks, so the schema stays identical. Yjs owns history, so ProseMirror's is off.
 */
export function minutesExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [2, 3] },
      link: false,
    }),
  ];
}
