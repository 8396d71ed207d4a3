import { z } from 'zod';
import type { HypothesisId, MeetingId, PersonId, RelationshipId } from '../../ids.js';
import { partialDateSchema } from '../genogram/person.js';
import { roleSchema } from '../role.js';
import { authorSchema, suggestionStateSchema } from './suggestion.js';

/**
 * A hypothesis on the board (docs/domain.md, "Hypotheses and questions"): a tentative idea about what is going on in the family,
 * held loosely beside others. Stored as one Y.Map per hypothesis, one key per field; `about*` are
 * Y.Arrays of ids with set semantics and the evidence lists are append-only Y.Arrays
 * (shared/SPEC.md [B11], [B14]).
 */
export const HYPOTHESIS_STATUSES = ['open', 'exploring', 'supported', 'set_aside'] as const;
export const hypothesisStatusSchema = z.enum(HYPOTHESIS_STATUSES);
export type HypothesisStatus = z.infer<typeof hypothesisStatusSchema>;

/** One piece of evidence, never edited in place, so its text and author come from one writer. */
export const evidenceSchema = z.object({
  text: z.string().min(1).max(2000),
  addedBy: authorSchema,
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const hypothesisSchema = z.object({
  id: z.string(),
  /** The idea, in its author's words. */
  text: z.string().min(1).max(2000),
  /** Who offered it: a user id or a name. */
  offeredBy: authorSchema,
  /** The role they offered it in; null when not recorded. */
  offeredRole: roleSchema.nullable(),
  status: hypothesisStatusSchema,
  /**
   * Why the status last changed ("school reports match the pattern"); empty while still `open`.
   * Stored with the status as one value, so the two never come from different writers ([B10]).
   */
  statusReason: z.string().max(2000),
  /** People and relationships of the genogram the hypothesis is about ([B4]). */
  aboutPeople: z.array(z.string()),
  aboutRelationships: z.array(z.string()),
  evidenceFor: z.array(evidenceSchema),
  evidenceAgainst: z.array(evidenceSchema),
  /** The meeting it came from, if any. */
  fromMeeting: z.string().nullable(),
  lastDiscussedMeeting: z.string().nullable(),
  lastDiscussedAt: partialDateSchema.nullable(),
  suggestion: suggestionStateSchema,
  /** Who suggested it; null for a hypothesis added directly. Never changes ([B9]). */
  suggestedBy: authorSchema.nullable(),
});
export type Hypothesis = Omit<
  z.infer<typeof hypothesisSchema>,
  'id' | 'aboutPeople' | 'aboutRelationships' | 'fromMeeting' | 'lastDiscussedMeeting'
> & {
  id: HypothesisId;
  aboutPeople: PersonId[];
  aboutRelationships: RelationshipId[];
  fromMeeting: MeetingId | null;
  lastDiscussedMeeting: MeetingId | null;
};

export function defaultHypothesis(id: HypothesisId, text: string, offeredBy: string): Hypothesis {
  return {
    id,
    text,
    offeredBy,
    offeredRole: null,
    status: 'open',
    statusReason: '',
    aboutPeople: [],
    aboutRelationships: [],
    evidenceFor: [],
    evidenceAgainst: [],
    fromMeeting: null,
    lastDiscussedMeeting: null,
    lastDiscussedAt: null,
    suggestion: 'accepted',
    suggestedBy: null,
  };
}
