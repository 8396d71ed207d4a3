import { getSchema, type AnyExtension, type NodeViewRenderer } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { MINUTES_STRUCTURE_NODES } from './nodes.js';

export * from './nodes.js';
export { MINUTES_FRAGMENT } from '../model/discussion/vocabulary.js';

/**
 * The one Tiptap schema for minutes, used by the browser editor and by the server (seeding,
 * export, checks). The browser adds Collaboration and CollaborationCaret on top; those add no
 * nodes or marks, so the schema stays identical. Yjs owns history, so ProseMirror's is off.
 * Browser node views may replace how a node is drawn, never its name, attributes or content.
 */
export function minutesExtensions(
  options: { nodeViews?: Partial<Record<string, NodeViewRenderer>> } = {},
): AnyExtension[] {
  const nodeViews = options.nodeViews ?? {};
  return [
    StarterKit.configure({
      document: false,
      undoRedo: false,
      heading: { levels: [2, 3] },
      link: false,
    }),
    ...MINUTES_STRUCTURE_NODES.map((node) => {
      const view = nodeViews[node.name];
      return view ? node.extend({ addNodeView: () => view }) : node;
    }),
  ];
}

let schema: Schema | null = null;

/** The ProseMirror schema of `minutesExtensions()`, built once. */
export function minutesSchema(): Schema {
  schema ??= getSchema(minutesExtensions());
  return schema;
}
