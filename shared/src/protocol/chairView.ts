import { z } from 'zod';
import { ID_PATTERN } from '../ids.js';
import { sectionKindSchema } from '../model/discussion/vocabulary.js';

/**
 * What the chair has in view, beyond the family ([W10]): the pane in front (the active tab on a
 * narrow screen, the pane last worked in where panes sit side by side), the person or hypothesis
 * opened, and the minutes section in focus. Ids only: never a name or a word of the documents.
 */
export const CHAIR_VIEW_PANES = ['genogram', 'board', 'minutes'] as const;
export type ChairViewPane = (typeof CHAIR_VIEW_PANES)[number];

const viewIdSchema = z.string().regex(ID_PATTERN);

export const chairViewSchema = z.strictObject({
  pane: z.enum(CHAIR_VIEW_PANES),
  /** The genogram person whose details the chair opened. */
  personId: viewIdSchema.nullable(),
  /** The hypothesis the chair opened on the board. */
  hypothesisId: viewIdSchema.nullable(),
  /** The minutes section in focus; a child's section names the child. */
  section: z.strictObject({ kind: sectionKindSchema, childId: viewIdSchema.optional() }).nullable(),
});
export type ChairView = z.infer<typeof chairViewSchema>;

/** `meeting:set-view`: the view belongs to the family in focus, so a stale one is refused. */
export const setViewRequestSchema = z.strictObject({
  meetingId: viewIdSchema,
  familyId: viewIdSchema,
  view: chairViewSchema,
});
export type SetViewRequest = z.infer<typeof setViewRequestSchema>;
