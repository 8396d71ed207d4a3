import { Node, mergeAttributes, type Attribute } from '@tiptap/core';
import { MINUTES_NODES } from '../model/discussion/vocabulary.js';

/**
 * The block nodes that give one family's minutes their structure (shared/
 * SPEC.md [D1]-[D3]). Everything inside them is ordinary prose: the template guides, it never
 * turns into a form. Labels ("What we see") are drawn by the browser's node views from the
 * attributes, not stored as text, so they are never edited, translated twice or exported as
 * somebody's words.
 */

/** Prose allowed inside a structured block: paragraphs and lists, nothing structural. */
const PROSE = '(paragraph | bulletList | orderedList)+';

/** An attribute stored in the node (and in Yjs) and mirrored to a `data-*` HTML attribute. */
function dataAttribute(name: string, fallback: string | null): Partial<Attribute> {
  return {
    default: fallback,
    keepOnSplit: false,
    parseHTML: (element) => element.getAttribute(`data-${name}`) ?? fallback,
    renderHTML: (attributes) => {
      const value: unknown = attributes[camel(name)];
      return value === null || value === undefined ? {} : { [`data-${name}`]: String(value) };
    },
  };
}

const camel = (name: string) =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The document: sections in the template's order, with free prose allowed around them. */
export const MinutesDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: '(section | block)+',
});

export const Section = Node.create({
  name: MINUTES_NODES.section,
  // A group of its own, so a section never nests in another section or in a list.
  group: 'section',
  content: '(block | childPart)+',
  defining: true,
  addAttributes() {
    return { kind: dataAttribute('kind', 'context'), childId: dataAttribute('child-id', null) };
  },
  parseHTML: () => [{ tag: 'section[data-kind]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'section',
    mergeAttributes(HTMLAttributes, { class: 'minutes-section' }),
    0,
  ],
});

export const ChildVoice = Node.create({
  name: MINUTES_NODES.childVoice,
  group: 'childPart',
  content: PROSE,
  defining: true,
  addAttributes() {
    return { childId: dataAttribute('child-id', null), seen: dataAttribute('seen', null) };
  },
  parseHTML: () => [{ tag: 'div[data-child-voice]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-child-voice': '', class: 'minutes-voice' }),
    0,
  ],
});

export const Risk = Node.create({
  name: MINUTES_NODES.risk,
  group: 'childPart',
  content: 'riskPart+',
  defining: true,
  addAttributes() {
    return { childId: dataAttribute('child-id', null), concern: dataAttribute('concern', null) };
  },
  parseHTML: () => [{ tag: 'div[data-risk]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-risk': '', class: 'minutes-risk' }),
    0,
  ],
});

export const RiskPart = Node.create({
  name: MINUTES_NODES.riskPart,
  content: PROSE,
  defining: true,
  addAttributes() {
    return { part: dataAttribute('part', 'see') };
  },
  parseHTML: () => [{ tag: 'div[data-part]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { class: 'minutes-risk-part' }),
    0,
  ],
});

export const Decision = Node.create({
  name: MINUTES_NODES.decision,
  group: 'block',
  content: 'paragraph+ decisionReason? decisionDissent?',
  defining: true,
  parseHTML: () => [{ tag: 'div[data-decision]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-decision': '', class: 'minutes-decision' }),
    0,
  ],
});

export const DecisionReason = Node.create({
  name: MINUTES_NODES.decisionReason,
  content: PROSE,
  defining: true,
  parseHTML: () => [{ tag: 'div[data-decision-reason]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-decision-reason': '', class: 'minutes-reason' }),
    0,
  ],
});

export const DecisionDissent = Node.create({
  name: MINUTES_NODES.decisionDissent,
  content: PROSE,
  defining: true,
  parseHTML: () => [{ tag: 'div[data-decision-dissent]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-decision-dissent': '', class: 'minutes-dissent' }),
    0,
  ],
});

export const Action = Node.create({
  name: MINUTES_NODES.action,
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      owner: dataAttribute('owner', null),
      due: dataAttribute('due', null),
      childId: dataAttribute('child-id', null),
    };
  },
  parseHTML: () => [{ tag: 'div[data-action]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-action': '', class: 'minutes-action' }),
    0,
  ],
});

/** A live link to a hypothesis on the family's board: drawn from the board, never retyped. */
export const HypothesisRef = Node.create({
  name: MINUTES_NODES.hypothesisRef,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { hypothesisId: dataAttribute('hypothesis-id', null) };
  },
  parseHTML: () => [{ tag: 'span[data-hypothesis-id]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { class: 'minutes-ref' }),
  ],
});

/** A live link to a planned conversation on the family's board. */
export const ConversationRef = Node.create({
  name: MINUTES_NODES.conversationRef,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { conversationId: dataAttribute('conversation-id', null) };
  },
  parseHTML: () => [{ tag: 'span[data-conversation-id]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { class: 'minutes-ref' }),
  ],
});

export const MINUTES_STRUCTURE_NODES = [
  MinutesDocument,
  Section,
  ChildVoice,
  Risk,
  RiskPart,
  Decision,
  DecisionReason,
  DecisionDissent,
  Action,
  HypothesisRef,
  ConversationRef,
];
