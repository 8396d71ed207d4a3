import { z } from 'zod';

/**
 * The words of the minutes template (docs/domain.md, "The meeting" and "Risk and the child's voice"): the node names and attribute values of
 * the Tiptap schema in `shared/src/editor/` and of the `Discussion` the reader returns. Kept here,
 * free of Tiptap, so readers, the checker and exports share them without loading an editor.
 */

/** Fragment of a discussion document `discussion:<meetingId>:<familyId>` holding the minutes. */
export const MINUTES_FRAGMENT = 'minutes';

/**
 * Sections of one family's discussion in the natural order of a systemic discussion: context and
 * the wider system, what is getting in the way, hypotheses, each child (their voice and the risk
 * to them), the planned conversations, decisions, actions. A default order, never a form.
 */
export const SECTION_KINDS = [
  'context',
  'obstacles',
  'hypotheses',
  'child',
  'conversations',
  'decisions',
  'actions',
] as const;
export const sectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof sectionKindSchema>;

export const SECTION_LABELS: Record<Exclude<SectionKind, 'child'>, string> = {
  context: 'Context and the wider system',
  obstacles: 'What is getting in the way',
  hypotheses: 'Hypotheses',
  conversations: 'Planned conversations',
  decisions: 'Decisions',
  actions: 'Actions',
};

/** A child section's label: the child's name, from the family's records. */
export const childSectionLabel = (childName: string): string => childName;

/** Who heard the child, and how (docs/domain.md, "Risk and the child's voice"). */
export const CHILD_SEEN = ['alone', 'with-others', 'not-seen', 'unit-speaks-for-baby'] as const;
export const childSeenSchema = z.enum(CHILD_SEEN);
export type ChildSeen = z.infer<typeof childSeenSchema>;

export const CHILD_SEEN_LABELS: Record<ChildSeen, string> = {
  alone: 'Seen alone',
  'with-others': 'Seen with others',
  'not-seen': 'Not seen',
  'unit-speaks-for-baby': 'The unit speaks for the baby',
};

/** The evaluation's four levels of concern (1 none ... 4 high). */
export const CONCERN_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const concernSchema = z.enum(CONCERN_LEVELS);
export type Concern = z.infer<typeof concernSchema>;

export const CONCERN_LABELS: Record<Concern, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** Risk explained, not described: what we see, why it worries us, what we will do, and more. */
export const RISK_PARTS = ['see', 'worry', 'do', 'familyView', 'lessWorried'] as const;
export const riskPartSchema = z.enum(RISK_PARTS);
export type RiskPart = z.infer<typeof riskPartSchema>;

export const RISK_PART_LABELS: Record<RiskPart, string> = {
  see: 'What we see',
  worry: 'Why it worries us',
  do: 'What we will do',
  familyView: "The family's view",
  lessWorried: 'What would make us less worried',
};

/** Node names of the minutes schema: the contract between editor, reader and exports. */
export const MINUTES_NODES = {
  section: 'section',
  childVoice: 'childVoice',
  risk: 'risk',
  riskPart: 'riskPart',
  decision: 'decision',
  decisionReason: 'decisionReason',
  decisionDissent: 'decisionDissent',
  action: 'action',
  hypothesisRef: 'hypothesisRef',
  conversationRef: 'conversationRef',
} as const;

/** `YYYY-MM-DD`: an action's due date. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
