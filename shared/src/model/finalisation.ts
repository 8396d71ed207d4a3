import { z } from 'zod';
import type { Role } from './role.js';

/**
 * Finalisation of one discussion (a family on a meeting's agenda): `draft` while the unit writes,
 * `ready` once the coordinator says the minutes are complete, `approved` once the consultant
 * approves (or at once on `ready` when the unit has switched approval off). An approved
 * discussion is frozen: the server refuses every later write to its document, and corrections are
 * dated, authored addenda. The server keeps the state; see shared/SPEC.md [R1]-[R9].
 */
export const DISCUSSION_STATES = ['draft', 'ready', 'approved'] as const;
export const discussionStateSchema = z.enum(DISCUSSION_STATES);
export type DiscussionState = z.infer<typeof discussionStateSchema>;

/** Who may say the minutes are complete: the coordinator, or the consultant standing in. */
export const READY_ROLES: ReadonlySet<Role> = new Set<Role>([
  'unit_coordinator',
  'consultant_social_worker',
]);
/** Who approves finalised minutes and may change the unit's approval setting. */
export const APPROVE_ROLES: ReadonlySet<Role> = new Set<Role>(['consultant_social_worker']);

export const canMarkReady = (role: Role): boolean => READY_ROLES.has(role);
export const canApprove = (role: Role): boolean => APPROVE_ROLES.has(role);

const personRefSchema = z.object({ id: z.string(), name: z.string() });

/** A correction to a finalised discussion: appended, dated and authored, never edited. */
export const addendumSchema = z.object({
  id: z.number().int(),
  /** ISO timestamp, UTC, from the server clock. */
  at: z.string(),
  author: personRefSchema,
  text: z.string(),
});
export type Addendum = z.infer<typeof addendumSchema>;

export const ADDENDUM_MAX_CHARS = 10_000;

/** `POST /api/meetings/:meetingId/discussions/:familyId/addenda` */
export const addAddendumRequestSchema = z.object({
  text: z.string().trim().min(1).max(ADDENDUM_MAX_CHARS),
});
export type AddAddendumRequest = z.infer<typeof addAddendumRequestSchema>;

/** `GET /api/meetings/:meetingId/discussions/:familyId` and each entry of the meeting's list. */
export const discussionStatusSchema = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  /** `YYYY-MM-DD`. */
  meetingDate: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  state: discussionStateSchema,
  /** The unit's setting as it is now; an approved discussion keeps whoever approved it. */
  approvalRequired: z.boolean(),
  readyAt: z.string().nullable(),
  readyBy: personRefSchema.nullable(),
  /** Set once approved (or finalised on `ready` without approval). */
  finalisedAt: z.string().nullable(),
  /** Null when the unit did not require approval. */
  approvedBy: personRefSchema.nullable(),
  /** SHA-256 (hex) of the stored version's canonical content. */
  contentHash: z.string().nullable(),
  addenda: z.array(addendumSchema),
});
export type DiscussionStatus = z.infer<typeof discussionStatusSchema>;

export const meetingDiscussionsSchema = z.object({
  meetingId: z.string(),
  discussions: z.array(discussionStatusSchema),
});
export type MeetingDiscussions = z.infer<typeof meetingDiscussionsSchema>;

/** `GET /api/families/:familyId/discussions`: every meeting that had the family on its agenda. */
export const familyDiscussionsSchema = z.object({
  familyId: z.string(),
  /** Latest meeting first. */
  discussions: z.array(discussionStatusSchema),
});
export type FamilyDiscussions = z.infer<typeof familyDiscussionsSchema>;

/** `PUT /api/units/:unitId/settings/finalisation` (consultant only). */
export const finalisationSettingsSchema = z.object({ approvalRequired: z.boolean() });
export type FinalisationSettings = z.infer<typeof finalisationSettingsSchema>;

/** Formats of every export; plain text is laid out to paste into Liquidlogic LCS or Mosaic. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'txt'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;
