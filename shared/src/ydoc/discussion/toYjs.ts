import type { JSONContent } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { minutesSchema } from '../../editor/extensions.js';

/**
 * Checks `json` against the minutes schema and returns it as prelim Yjs types laid out exactly as
 * the editor's Yjs binding (y-prosemirror / y-tiptap) lays out a node, ready to insert anywhere in
 * a fragment. The binding itself only replaces a whole fragment, and a command must insert one
 * node in place without touching what others are typing around it.
 */
export function blockToYjs(json: JSONContent): Y.XmlElement {
  const node = minutesSchema().nodeFromJSON(json);
  node.check();
  return elementOf(node);
}

function elementOf(node: ProseMirrorNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null) element.setAttribute(key, value as string);
  }
  const content: Array<Y.XmlElement | Y.XmlText> = [];
  let text: Y.XmlText | null = null;
  // A prelim type's length cannot be read before it is in a document, so it is counted here.
  let textLength = 0;
  node.forEach((child) => {
    if (child.isText) {
      text ??= new Y.XmlText();
      const marks: Record<string, unknown> = {};
      for (const mark of child.marks) marks[mark.type.name] = mark.attrs;
      text.insert(textLength, child.text ?? '', marks);
      textLength += child.text?.length ?? 0;
      return;
    }
    if (text) content.push(text);
    text = null;
    textLength = 0;
    content.push(elementOf(child));
  });
  if (text) content.push(text);
  element.insert(0, content);
  return element;
}
