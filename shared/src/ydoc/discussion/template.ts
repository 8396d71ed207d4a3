import type { JSONContent } from '@tiptap/core';
import { MINUTES_NODES, RISK_PARTS } from '../../model/discussion/vocabulary.js';

const paragraph = (text = ''): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };

/** One child's section: free prose, their voice, the risk to them in its five parts. */
export function childSectionJSON(childId: string): JSONContent {
  return {
    type: MINUTES_NODES.section,
    attrs: { kind: 'child', childId },
    content: [
      { type: MINUTES_NODES.childVoice, attrs: { childId, seen: null }, content: [paragraph()] },
      {
        type: MINUTES_NODES.risk,
        attrs: { childId, concern: null },
        content: RISK_PARTS.map((part) => ({
          type: MINUTES_NODES.riskPart,
          attrs: { part },
          content: [paragraph()],
        })),
      },
    ],
  };
}

const section = (kind: string): JSONContent => ({
  type: MINUTES_NODES.section,
  attrs: { kind, childId: null },
  content: [paragraph()],
});

/**
 * The flowing template of one family's discussion (docs/domain.md, "The meeting"): every section present and
 * empty, a section per child in the order given, ready to type into.
 */
export function templateJSON(childIds: readonly string[]): JSONContent {
  return {
    type: 'doc',
    content: [
      section('context'),
      section('obstacles'),
      section('hypotheses'),
      ...childIds.map(childSectionJSON),
      section('conversations'),
      section('decisions'),
      section('actions'),
    ],
  };
}
