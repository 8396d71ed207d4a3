import { z } from 'zod';
import { meetingStatusSchema } from './meeting.js';
import { roleSchema } from './role.js';

/** What the signed-in user sees of their units: the shape of `GET /api/me`. */
export const childSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Year of birth only: the minutes need an age, never a full date of birth on screen. */
  birthYear: z.number().int().nullable(),
  /** The genogram person this child is ([F2]); null for records older than the mirror. */
  personId: z.string().nullable().optional(),
});

export const familySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  docName: z.string(),
  children: z.array(childSummarySchema),
  /** Very active families come round weekly, the others about fortnightly. */
  veryActive: z.boolean(),
  /** Date of the last meeting that reached this family; null if none has yet. */
  lastDiscussed: z.string().nullable(),
});

export const agendaItemSchema = z.object({
  familyId: z.string(),
  position: z.number().int(),
  /** Planned minutes for this family's discussion. */
  timeboxMinutes: z.number().int().positive(),
  /** Carried over from an earlier meeting that did not reach it. */
  carriedOver: z.boolean(),
});

export const meetingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO date, `YYYY-MM-DD`, in the unit's local calendar. */
  date: z.string(),
  docName: z.string(),
  agenda: z.array(agendaItemSchema),
  /** `HH:MM` local time, when scheduled with one. */
  startTime: z.string().nullable(),
  status: meetingStatusSchema,
});

export const unitMembershipSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  readOnly: z.boolean(),
  families: z.array(familySummarySchema),
  meetings: z.array(meetingSummarySchema),
  /**
   * For a guest (role `guest`): what the unit has lent them, that meeting and the families on its
   * agenda, and nothing else of the unit.
   */
  guest: z.boolean(),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** A deployment administrator (shared/SPEC.md [A1]): sees the administration area. */
  administrator: z.boolean().optional(),
});

export const meResponseSchema = z.object({
  user: userSchema,
  units: z.array(unitMembershipSchema),
});

export type ChildSummary = z.infer<typeof childSummarySchema>;
export type FamilySummary = z.infer<typeof familySummarySchema>;
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export type UnitMembership = z.infer<typeof unitMembershipSchema>;
export type UserSummary = z.infer<typeof userSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
