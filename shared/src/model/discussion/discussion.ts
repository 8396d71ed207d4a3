import { z } from 'zod';
import type { ChildId, ConversationId, HypothesisId } from '../../ids.js';
import { roleSchema } from '../role.js';
import {
  childSeenSchema,
  concernSchema,
  isoDateSchema,
  sectionKindSchema,
  type ChildSeen,
  type Concern,
  type SectionKind,
} from './vocabulary.js';

/**
 * One family's discussion at one meeting as `readDiscussion` returns it: plain text and facts,
 * in document order, read from the minutes fragment and the discussion's maps. Exports, the
 * criteria checker, carry-over of open actions and the family page read discussions only
 * through it (shared/SPEC.md [D1]-[D8]).
 */
export const discussionSectionSchema = z.object({
  kind: sectionKindSchema,
  /** Set for `child` sections. */
  childId: z.string().nullable(),
  /** All the section's text, blocks separated by newlines. */
  text: z.string(),
});
export type DiscussionSection = Omit<z.infer<typeof discussionSectionSchema>, 'childId'> & {
  kind: SectionKind;
  childId: ChildId | null;
};

export const childVoiceSchema = z.object({
  /** What the child said, their wishes and feelings, or the unit speaking for a baby. */
  text: z.string(),
  seen: childSeenSchema.nullable(),
});
export type ChildVoice = { text: string; seen: ChildSeen | null };

export const childRiskSchema = z.object({
  concern: concernSchema.nullable(),
  see: z.string(),
  worry: z.string(),
  do: z.string(),
  familyView: z.string(),
  lessWorried: z.string(),
});
export type ChildRisk = z.infer<typeof childRiskSchema> & { concern: Concern | null };

export const discussionChildSchema = z.object({
  childId: z.string(),
  /** The child section's prose outside the voice and risk blocks. */
  notes: z.string(),
  voice: childVoiceSchema,
  risk: childRiskSchema,
});
export type DiscussionChild = {
  childId: ChildId;
  notes: string;
  voice: ChildVoice;
  risk: ChildRisk;
};

export const decisionSchema = z.object({
  text: z.string(),
  reason: z.string(),
  /** Disagreement recorded rather than forced into consensus; empty when there was none. */
  dissent: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const actionSchema = z.object({
  text: z.string(),
  /** A user id or a free name (a partner professional, a family member); null if unassigned. */
  owner: z.string().nullable(),
  due: isoDateSchema.nullable(),
  /** The child the action is for; null for the whole family. */
  childId: z.string().nullable(),
});
export type Action = Omit<z.infer<typeof actionSchema>, 'childId'> & { childId: ChildId | null };

export const ATTENDEE_SOURCES = ['presence', 'added'] as const;
export const attendeeSchema = z.object({
  /** A user id for members filled from presence, a made id for people added by hand. */
  id: z.string(),
  name: z.string().min(1).max(200),
  role: roleSchema.nullable(),
  /** A free description for people who are not members ("health visitor"). */
  description: z.string().max(200),
  source: z.enum(ATTENDEE_SOURCES),
});
export type Attendee = z.infer<typeof attendeeSchema>;

/** Someone who wrote in these minutes, for "the whole unit involved" (F6); never a score. */
export const contributorSchema = z.object({
  userId: z.string(),
  name: z.string().max(200),
  role: roleSchema.nullable(),
});
export type Contributor = z.infer<typeof contributorSchema>;

export const discussionSchema = z.object({
  sections: z.array(discussionSectionSchema),
  /** Text outside any section (a discussion that ignored the template). */
  looseText: z.string(),
  children: z.array(discussionChildSchema),
  decisions: z.array(decisionSchema),
  actions: z.array(actionSchema),
  hypothesisIds: z.array(z.string()),
  conversationIds: z.array(z.string()),
  attendance: z.array(attendeeSchema),
  contributors: z.array(contributorSchema),
  timeSpentSeconds: z.number().int().min(0),
});
export type Discussion = Omit<
  z.infer<typeof discussionSchema>,
  'sections' | 'children' | 'actions' | 'hypothesisIds' | 'conversationIds'
> & {
  sections: DiscussionSection[];
  children: DiscussionChild[];
  actions: Action[];
  hypothesisIds: HypothesisId[];
  conversationIds: ConversationId[];
};

export const emptyChildRisk = (): ChildRisk => ({
  concern: null,
  see: '',
  worry: '',
  do: '',
  familyView: '',
  lessWorried: '',
});

export const emptyDiscussion = (): Discussion => ({
  sections: [],
  looseText: '',
  children: [],
  decisions: [],
  actions: [],
  hypothesisIds: [],
  conversationIds: [],
  attendance: [],
  contributors: [],
  timeSpentSeconds: 0,
});
