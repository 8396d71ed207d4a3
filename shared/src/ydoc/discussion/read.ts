import * as Y from 'yjs';
import { ID_PATTERN, type ChildId, type ConversationId, type HypothesisId } from '../../ids.js';
import {
  attendeeSchema,
  contributorSchema,
  emptyChildRisk,
  type Action,
  type Attendee,
  type Contributor,
  type Decision,
  type Discussion,
  type DiscussionChild,
  type DiscussionSection,
} from '../../model/discussion/discussion.js';
import {
  CONCERN_LEVELS,
  MINUTES_NODES,
  childSeenSchema,
  concernSchema,
  isoDateSchema,
  riskPartSchema,
  sectionKindSchema,
  type Concern,
} from '../../model/discussion/vocabulary.js';
import {
  attendanceRoot,
  contributorsRoot,
  discussionMinutesFragment,
  timeSpansRoot,
} from './roots.js';

/**
 * Reads one family's discussion from its discussion document as plain data (shared/SPEC.md
 * [D5]-[D8]). A pure function of the document's content: it walks the minutes fragment in
 * document order and never throws or writes. What does not fit the schema (an unknown section
 * kind, a concern that is not a level, an id that is not an id) is read as absent, not repaired.
 */
export function readDiscussion(doc: Y.Doc): Discussion {
  const reader = new MinutesReader();
  const sections: DiscussionSection[] = [];
  const loose: string[] = [];
  for (const node of discussionMinutesFragment(doc).toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === MINUTES_NODES.section) {
      const kind = sectionKindSchema.safeParse(node.getAttribute('kind'));
      if (kind.success) {
        const childId = kind.data === 'child' ? idAttribute(node, 'childId') : null;
        const text = reader.blockText(node, childId);
        if (childId) reader.childNotes(node, childId);
        sections.push({ kind: kind.data, childId: childId as ChildId | null, text });
        continue;
      }
    }
    pushLine(loose, reader.nodeText(node, null));
  }
  return {
    sections,
    looseText: loose.join('\n'),
    children: [...reader.children.values()].map(
      ({ voiceLines, notesLines, riskLines, ...child }) => ({
        ...child,
        notes: notesLines.join('\n'),
        voice: { ...child.voice, text: voiceLines.join('\n') },
        risk: {
          ...child.risk,
          see: riskLines.see.join('\n'),
          worry: riskLines.worry.join('\n'),
          do: riskLines.do.join('\n'),
          familyView: riskLines.familyView.join('\n'),
          lessWorried: riskLines.lessWorried.join('\n'),
        },
      }),
    ),
    decisions: reader.decisions,
    actions: reader.actions,
    hypothesisIds: [...reader.hypothesisIds] as HypothesisId[],
    conversationIds: [...reader.conversationIds] as ConversationId[],
    attendance: readAttendance(doc),
    contributors: readContributors(doc),
    timeSpentSeconds: readTimeSpentSeconds(doc),
  };
}

type RiskLines = Record<'see' | 'worry' | 'do' | 'familyView' | 'lessWorried', string[]>;
interface ChildAccumulator extends DiscussionChild {
  voiceLines: string[];
  notesLines: string[];
  riskLines: RiskLines;
}

const INLINE_NODES = new Set<string>([
  MINUTES_NODES.hypothesisRef,
  MINUTES_NODES.conversationRef,
  'hardBreak',
]);

const pushLine = (lines: string[], text: string) => {
  if (text.trim() !== '') lines.push(text);
};

function idAttribute(element: Y.XmlElement, name: string): string | null {
  const value: unknown = element.getAttribute(name);
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : null;
}

function plainText(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert?: unknown }>) {
    if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

/** Deepest element nesting the minutes reader follows; the editor's deepest lists stay far below. */
export const MINUTES_READ_DEPTH = 96;

const concernRank = (concern: Concern) => CONCERN_LEVELS.indexOf(concern);

/** Walks the minutes once, collecting structured blocks as it renders plain text. */
class MinutesReader {
  readonly children = new Map<string, ChildAccumulator>();
  readonly decisions: Decision[] = [];
  readonly actions: Action[] = [];
  readonly hypothesisIds = new Set<string>();
  readonly conversationIds = new Set<string>();
  /** Elements entered and not yet left: what lies deeper than `MINUTES_READ_DEPTH` is skipped. */
  private depth = 0;

  child(childId: string): ChildAccumulator {
    let child = this.children.get(childId);
    if (!child) {
      child = {
        childId: childId as ChildId,
        notes: '',
        voice: { text: '', seen: null },
        risk: emptyChildRisk(),
        voiceLines: [],
        notesLines: [],
        riskLines: { see: [], worry: [], do: [], familyView: [], lessWorried: [] },
      };
      this.children.set(childId, child);
    }
    return child;
  }

  /** The text of an element's content: inline runs joined, blocks on lines of their own. */
  blockText(element: Y.XmlElement | Y.XmlFragment, childId: string | null): string {
    const lines: string[] = [];
    let line = '';
    for (const node of element.toArray()) {
      if (node instanceof Y.XmlText) line += plainText(node);
      else if (node instanceof Y.XmlElement && INLINE_NODES.has(node.nodeName))
        line += this.nodeText(node, childId);
      else {
        pushLine(lines, line);
        line = '';
        pushLine(lines, this.nodeText(node, childId));
      }
    }
    pushLine(lines, line);
    return lines.join('\n');
  }

  /** One node's text, recording what it means on the way ([D2], [D3]). */
  nodeText(node: Y.XmlElement | Y.XmlText | Y.XmlHook, childId: string | null): string {
    if (node instanceof Y.XmlText) return plainText(node);
    if (!(node instanceof Y.XmlElement)) return '';
    // Readers never throw on a document the server accepted ([V6]): nesting beyond any the
    // editor makes reads as nothing instead of overflowing the stack.
    if (this.depth >= MINUTES_READ_DEPTH) return '';
    this.depth += 1;
    try {
      return this.elementText(node, childId);
    } finally {
      this.depth -= 1;
    }
  }

  private elementText(node: Y.XmlElement, childId: string | null): string {
    switch (node.nodeName) {
      case 'hardBreak':
        return '\n';
      case MINUTES_NODES.hypothesisRef: {
        const id = idAttribute(node, 'hypothesisId');
        if (id) this.hypothesisIds.add(id);
        return '';
      }
      case MINUTES_NODES.conversationRef: {
        const id = idAttribute(node, 'conversationId');
        if (id) this.conversationIds.add(id);
        return '';
      }
      case MINUTES_NODES.childVoice:
        return this.voice(node, idAttribute(node, 'childId') ?? childId);
      case MINUTES_NODES.risk:
        return this.risk(node, idAttribute(node, 'childId') ?? childId);
      case MINUTES_NODES.decision:
        return this.decision(node, childId);
      case MINUTES_NODES.action:
        return this.action(node, childId);
      default:
        return this.blockText(node, childId);
    }
  }

  /** A child section's prose outside its voice and risk blocks. */
  childNotes(section: Y.XmlElement, childId: string): void {
    const child = this.child(childId);
    for (const node of section.toArray()) {
      if (node instanceof Y.XmlElement) {
        if (node.nodeName === MINUTES_NODES.childVoice || node.nodeName === MINUTES_NODES.risk)
          continue;
        // Re-reading would record its decisions and actions twice.
        pushLine(child.notesLines, textOnly(node));
      } else if (node instanceof Y.XmlText) pushLine(child.notesLines, plainText(node));
    }
  }

  private voice(node: Y.XmlElement, childId: string | null): string {
    const text = this.blockText(node, childId);
    if (childId) {
      const child = this.child(childId);
      pushLine(child.voiceLines, text);
      const seen = childSeenSchema.safeParse(node.getAttribute('seen'));
      if (child.voice.seen === null && seen.success) child.voice.seen = seen.data;
    }
    return text;
  }

  private risk(node: Y.XmlElement, childId: string | null): string {
    const lines: string[] = [];
    const child = childId ? this.child(childId) : null;
    const concern = concernSchema.safeParse(node.getAttribute('concern'));
    if (child && concern.success) {
      const current = child.risk.concern;
      // Two risk blocks for one child: the higher concern is the one to act on.
      if (current === null || concernRank(concern.data) > concernRank(current))
        child.risk.concern = concern.data;
    }
    for (const part of node.toArray()) {
      const text = this.nodeText(part, childId);
      pushLine(lines, text);
      if (!child || !(part instanceof Y.XmlElement) || part.nodeName !== MINUTES_NODES.riskPart)
        continue;
      const kind = riskPartSchema.safeParse(part.getAttribute('part'));
      if (kind.success) pushLine(child.riskLines[kind.data], text);
    }
    return lines.join('\n');
  }

  private decision(node: Y.XmlElement, childId: string | null): string {
    const text: string[] = [];
    const reason: string[] = [];
    const dissent: string[] = [];
    for (const part of node.toArray()) {
      const line = this.nodeText(part, childId);
      const name = part instanceof Y.XmlElement ? part.nodeName : '';
      pushLine(
        name === MINUTES_NODES.decisionReason
          ? reason
          : name === MINUTES_NODES.decisionDissent
            ? dissent
            : text,
        line,
      );
    }
    this.decisions.push({
      text: text.join('\n'),
      reason: reason.join('\n'),
      dissent: dissent.join('\n'),
    });
    return [...text, ...reason, ...dissent].join('\n');
  }

  private action(node: Y.XmlElement, childId: string | null): string {
    const text = this.blockText(node, childId);
    const owner: unknown = node.getAttribute('owner');
    const due = isoDateSchema.safeParse(node.getAttribute('due'));
    this.actions.push({
      text,
      owner: typeof owner === 'string' && owner.trim() !== '' ? owner : null,
      due: due.success ? due.data : null,
      childId: (idAttribute(node, 'childId') ?? null) as ChildId | null,
    });
    return text;
  }
}

/** Plain text of a subtree with nothing recorded (for a second look at the same nodes). */
function textOnly(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  return new MinutesReader().nodeText(node, null);
}

function readAttendance(doc: Y.Doc): Attendee[] {
  const out: Attendee[] = [];
  for (const [id, value] of attendanceRoot(doc).entries()) {
    if (!ID_PATTERN.test(id) || typeof value !== 'object' || value === null) continue;
    if ((value as { removed?: unknown }).removed === true) continue;
    const parsed = attendeeSchema.safeParse({ ...value, id });
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort(byNameThenId);
}

function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readContributors(doc: Y.Doc): Contributor[] {
  const out: Contributor[] = [];
  for (const [userId, value] of contributorsRoot(doc).entries()) {
    if (!ID_PATTERN.test(userId) || typeof value !== 'object' || value === null) continue;
    const parsed = contributorSchema.safeParse({ ...value, userId });
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * The time the family was discussed: the length of the union of the recorded spans, so spans
 * recorded by several laptops at once count once ([D7]).
 */
function readTimeSpentSeconds(doc: Y.Doc): number {
  const spans: Array<[number, number]> = [];
  for (const value of timeSpansRoot(doc).values()) {
    if (typeof value !== 'object' || value === null) continue;
    const { startMs, endMs } = value as { startMs?: unknown; endMs?: unknown };
    if (typeof startMs !== 'number' || typeof endMs !== 'number') continue;
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) continue;
    spans.push([startMs, endMs]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let totalMs = 0;
  let current: [number, number] | null = null;
  for (const span of spans) {
    if (current && span[0] <= current[1]) current[1] = Math.max(current[1], span[1]);
    else {
      if (current) totalMs += current[1] - current[0];
      current = [span[0], span[1]];
    }
  }
  if (current) totalMs += current[1] - current[0];
  return Math.floor(totalMs / 1000);
}
