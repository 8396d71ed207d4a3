import { z } from 'zod';
import type { SectionKind } from '../model/discussion/vocabulary.js';
import { roleSchema, type Role } from '../model/role.js';

/**
 * The eight features of a systemic discussion from the 2017 national evaluation (docs/domain.md, "The eight features and the rating"),
 * in our words. The checker turns them into reflective prompts for the unit: what it found, and
 * a question to consider. Never a grade of a person, never a gate on saving.
 */
export const CRITERIA = {
  F1: 'The family’s relationships are set in their wider social context',
  F2: 'The genogram is used to understand patterns in family relationships',
  F3: 'The talk is curious and reflective: open to more than one way of seeing the family',
  F4: 'Several hypotheses are generated, or established views of the family are challenged',
  F5: 'Hypotheses are developed into clear, actionable conversations with the family',
  F6: 'The discussion is collaborative and involves the whole unit',
  F7: 'The child and the family are present in the conversation',
  F8: 'There is clarity about the potential risks to each child',
} as const;
export type CriterionId = keyof typeof CRITERIA;
export const CRITERION_IDS = Object.keys(CRITERIA) as CriterionId[];

/**
 * Where a piece of evidence is, so the unit can go and look: a section of the minutes (a child's
 * section by its child), a hypothesis, a planned conversation or question, a board note, the
 * genogram, or the attendance.
 */
export type EvidencePlace =
  | { kind: 'section'; section: SectionKind | null; childId: string | null }
  | { kind: 'hypothesis'; id: string }
  | { kind: 'conversation'; id: string }
  | { kind: 'question'; id: string }
  | { kind: 'boardNote'; id: string }
  | { kind: 'genogram' }
  | { kind: 'attendance' };

/** One thing the checker found, and where. */
export interface Finding {
  text: string;
  where: EvidencePlace;
}

export interface CriterionResult {
  id: CriterionId;
  /** Met, or not yet: never "failed". */
  met: boolean;
  /** What the checker found, in short quotes and facts; empty when it found nothing. */
  evidence: string[];
  /** The same findings with where each is ([C12]); `evidence` is their text. */
  found?: Finding[];
  /** A question for the unit when the criterion is not met yet; null when it is. */
  suggestion: string | null;
}

/** An action that says what will be done but not what change it is for. */
export interface ProcessOnlyAction {
  /** Its place among the discussion's actions. */
  index: number;
  text: string;
  suggestion: string;
}

export const RATINGS = ['systemic', 'green-shoots', 'not-yet-systemic'] as const;
export type Rating = (typeof RATINGS)[number];

export interface CriteriaReport {
  /** F1 to F8, in order. */
  criteria: CriterionResult[];
  processOnlyActions: ProcessOnlyAction[];
  rating: Rating;
  /** The rating in words, saying whose rule it is. */
  ratingExplanation: string;
}

/**
 * What happened around the minutes that the minutes do not hold, as far as Unitroom can see it.
 * Every field is optional: the checker works from the minutes alone and says less.
 */
export interface DiscussionActivity {
  /** The meeting of this discussion: hypotheses raised or discussed there count as in play. */
  meetingId: string | null;
  /** The family's children from its records, so every child is asked about, by name. */
  children: ReadonlyArray<{ id: string; name: string }>;
  /**
   * Someone looked at or changed the genogram while this family was in focus (the server records
   * it: [C2]).
   */
  genogramUsed: boolean;
  /** People who changed the family's board while this family was in focus. */
  boardContributors: ReadonlyArray<{ id: string; name: string; role: Role | null }>;
}

/**
 * What the server recorded of a discussion beyond its documents ([C2], [C6]), as
 * `GET /api/meetings/:meetingId/discussions/:familyId/activity` answers it.
 */
export const recordedActivitySchema = z.object({
  genogramUsed: z.boolean(),
  boardContributors: z.array(
    z.object({ id: z.string(), name: z.string(), role: roleSchema.nullable() }),
  ),
});
export type RecordedActivity = Pick<DiscussionActivity, 'genogramUsed' | 'boardContributors'>;

export const RATING_EXPLANATIONS: Record<Rating, string> = {
  systemic:
    'All eight features are present: the national evaluation would call this discussion systemic.',
  'green-shoots':
    'All the features but F5 are present: the national evaluation calls this “green shoots”. Turning a hypothesis into a planned conversation with the family is the step that most often gets missed.',
  'not-yet-systemic':
    'The national evaluation names two patterns (all eight features: systemic; all but F5: green shoots). Calling every other pattern “not yet systemic” is Unitroom’s rule, not the framework’s.',
};
