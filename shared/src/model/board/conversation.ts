import { z } from 'zod';
import type { ConversationId, HypothesisId, MeetingId, PersonId, QuestionId } from '../../ids.js';
import { partialDateSchema } from '../genogram/person.js';

/**
 * A conversation planned to explore a hypothesis (docs/domain.md, "Hypotheses and questions": workers plan before the visit,
 * including how to respond to a yes or a no), and later what came of it. One Y.Map per
 * conversation; `workers` and `familyMembers` are Y.Arrays with set semantics and `questions` is a
 * Y.Array of question ids in asking order (shared/SPEC.md [B3], [B14]).
 */
export const conversationSchema = z.object({
  id: z.string(),
  hypothesisId: z.string(),
  /** Who from the unit will have it: user ids or names. */
  workers: z.array(z.string().min(1).max(200)),
  /** With whom in the family: people on the genogram ([B4]). */
  familyMembers: z.array(z.string()),
  where: z.string().max(500),
  /** By when. */
  by: partialDateSchema.nullable(),
  /** The purpose in terms of change for the child. */
  purpose: z.string().max(2000),
  /** Accepted questions, in the order they will be asked ([B3]). */
  questions: z.array(z.string()),
  ifYes: z.string().max(2000),
  ifNo: z.string().max(2000),
  /** Null until the outcome is recorded. */
  happened: z.boolean().nullable(),
  learned: z.string().max(5000),
  next: z.string().max(2000),
  /**
   * The meeting it was planned in; null when planned between meetings. Fixed when made ([B18]).
   * Documents written before this field existed read it as null.
   */
  plannedInMeeting: z.string().nullable().default(null),
  /** The meeting whose review recorded the outcome; null until reviewed ([B19], [B20]). */
  reviewedInMeeting: z.string().nullable().default(null),
});
export type Conversation = Omit<
  z.infer<typeof conversationSchema>,
  'id' | 'hypothesisId' | 'familyMembers' | 'questions' | 'plannedInMeeting' | 'reviewedInMeeting'
> & {
  id: ConversationId;
  hypothesisId: HypothesisId;
  familyMembers: PersonId[];
  questions: QuestionId[];
  plannedInMeeting: MeetingId | null;
  reviewedInMeeting: MeetingId | null;
};

export function defaultConversation(id: ConversationId, hypothesisId: HypothesisId): Conversation {
  return {
    id,
    hypothesisId,
    workers: [],
    familyMembers: [],
    where: '',
    by: null,
    purpose: '',
    questions: [],
    ifYes: '',
    ifNo: '',
    happened: null,
    learned: '',
    next: '',
    plannedInMeeting: null,
    reviewedInMeeting: null,
  };
}
