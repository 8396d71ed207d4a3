import { z } from 'zod';
import { roleSchema } from './role.js';

/** What the signed-in user sees of their units: the shape of `GET /api/me`. */
export const childSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Year of birth only: the minutes need an age, never a full date of birth on screen. */
  birthYear: z.number().int().nullable(),
});

export const familySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  docName: z.string(),
  children: z.array(childSummarySchema),
});

export const agendaItemSchema = z.object({
  familyId: z.string(),
  position: z.number().int(),
  /** Planned minutes for this family's discussion. */
  timeboxMinutes: z.number().int().positive(),
});

export const meetingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO date, `YYYY-MM-DD`, in the unit's local calendar. */
  date: z.string(),
  docName: z.string(),
  agenda: z.array(agendaItemSchema),
});

export const unitMembershipSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  readOnly: z.boolean(),
  families: z.array(familySummarySchema),
  meetings: z.array(meetingSummarySchema),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
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
