import { z } from 'zod';
import { ID_PATTERN } from '../ids.js';

/**
 * Planning the weekly meeting: a recurring series, the agenda built from the unit's families,
 * time boxes, guests and closing with carry-over. The rules the server applies are here, pure,
 * so the planning page shows exactly what the server will do.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const meetingDateSchema = z
  .string()
  .regex(ISO_DATE)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a real date');
export const startTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const idSchema = z.string().regex(ID_PATTERN);

/** Calendar arithmetic on `YYYY-MM-DD` in UTC, so no time zone or clock change shifts a day. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A family comes round about every fortnight; a very active one every week (docs/domain.md, "The meeting"). */
export const REVIEW_EVERY_DAYS = { usual: 14, veryActive: 7 } as const;
export const reviewEveryDays = (veryActive: boolean): number =>
  veryActive ? REVIEW_EVERY_DAYS.veryActive : REVIEW_EVERY_DAYS.usual;

export const DEFAULT_TIMEBOX_MINUTES = 45;
export const MAX_TIMEBOX_MINUTES = 240;
export const MAX_AGENDA_ITEMS = 30;
export const MAX_SERIES_WEEKS = 12;

export interface FamilyCadence {
  familyId: string;
  familyName: string;
  veryActive: boolean;
  /** Date of the last meeting that reached this family; null if none has yet. */
  lastDiscussed: string | null;
}

export const agendaSuggestionSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  veryActive: z.boolean(),
  lastDiscussed: z.string().nullable(),
  /** When the family is next due; null if it has never been discussed (due now). */
  dueOn: z.string().nullable(),
  due: z.boolean(),
  /** A sentence for people, e.g. "Last discussed 14 days before, due fortnightly". */
  reason: z.string(),
});
export type AgendaSuggestion = z.infer<typeof agendaSuggestionSchema>;

/**
 * The families not on the agenda, due ones first (never discussed, then most overdue), then the
 * others by how soon they fall due. Deterministic: ties break on the family's name, then id.
 */
export function suggestAgenda(
  meetingDate: string,
  families: readonly FamilyCadence[],
  onAgenda: ReadonlySet<string>,
): AgendaSuggestion[] {
  const suggestions = families
    .filter((family) => !onAgenda.has(family.familyId))
    .map((family): AgendaSuggestion => {
      const every = reviewEveryDays(family.veryActive);
      const cadence = family.veryActive ? 'weekly (very active)' : 'fortnightly';
      if (family.lastDiscussed === null) {
        return {
          ...family,
          dueOn: null,
          due: true,
          reason: `Not discussed yet; due ${cadence}`,
        };
      }
      const dueOn = addDays(family.lastDiscussed, every);
      const ago = daysBetween(family.lastDiscussed, meetingDate);
      return {
        ...family,
        dueOn,
        due: dueOn <= meetingDate,
        reason: `Last discussed ${ago} days before this meeting; due ${cadence}`,
      };
    });
  return suggestions.sort(
    (a, b) =>
      Number(b.due) - Number(a.due) ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      a.familyName.localeCompare(b.familyName) ||
      a.familyId.localeCompare(b.familyId),
  );
}

/**
 * Carry-over on closing: the families not reached go to the top of the next meeting's agenda,
 * in their order, with their time boxes, ahead of what was already planned there; a family
 * already on the next agenda keeps its place there. Returns the next agenda in order.
 */
export function carryOver<T extends { familyId: string }>(
  notReached: readonly T[],
  nextAgenda: readonly T[],
): { agenda: T[]; carried: T[] } {
  const planned = new Set(nextAgenda.map((item) => item.familyId));
  const carried = notReached.filter((item) => !planned.has(item.familyId));
  return { agenda: [...carried, ...nextAgenda], carried };
}

// ---- REST bodies (server validates, client sends) ----

/** `POST /api/units/:unitId/meeting-series`: a weekly meeting from `firstDate` for `weeks` weeks. */
export const createSeriesRequestSchema = z.object({
  title: z.string().trim().min(1).max(120),
  firstDate: meetingDateSchema,
  startTime: startTimeSchema,
  weeks: z.number().int().min(1).max(MAX_SERIES_WEEKS).default(4),
});
export type CreateSeriesRequest = z.input<typeof createSeriesRequestSchema>;

/** `PUT /api/meetings/:meetingId/agenda`: the whole agenda in order, replacing the previous one. */
export const setAgendaRequestSchema = z.object({
  items: z
    .array(
      z.object({
        familyId: idSchema,
        timeboxMinutes: z.number().int().min(5).max(MAX_TIMEBOX_MINUTES),
      }),
    )
    .max(MAX_AGENDA_ITEMS)
    .refine(
      (items) => new Set(items.map((item) => item.familyId)).size === items.length,
      'a family can be on the agenda once',
    ),
});
export type SetAgendaRequest = z.infer<typeof setAgendaRequestSchema>;

/** `POST /api/meetings/:meetingId/guests` */
export const addGuestRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().email().max(254),
  /** Read-only unless the coordinator says otherwise. */
  canEdit: z.boolean().default(false),
});
export type AddGuestRequest = z.input<typeof addGuestRequestSchema>;

/** `POST /api/meetings/:meetingId/close`; without `reached`, the families the chair focused. */
export const closeMeetingRequestSchema = z.object({
  reached: z.array(idSchema).max(MAX_AGENDA_ITEMS).optional(),
});
export type CloseMeetingRequest = z.infer<typeof closeMeetingRequestSchema>;

/** `PUT /api/families/:familyId/activity` */
export const setFamilyActivityRequestSchema = z.object({ veryActive: z.boolean() });

// ---- REST answers ----

export const meetingStatusSchema = z.enum(['planned', 'closed']);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const plannedAgendaItemSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  position: z.number().int(),
  timeboxMinutes: z.number().int(),
  /** The chair focused this family during the meeting (or closing said it was reached). */
  reached: z.boolean(),
  /** The meeting this family was carried over from, when it was not reached there. */
  carriedFrom: z.object({ meetingId: z.string(), date: z.string() }).nullable(),
});
export type PlannedAgendaItem = z.infer<typeof plannedAgendaItemSchema>;

export const guestSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  canEdit: z.boolean(),
  addedAt: z.string(),
});
export type Guest = z.infer<typeof guestSchema>;

export const meetingPlanSchema = z.object({
  meeting: z.object({
    id: z.string(),
    unitId: z.string(),
    title: z.string(),
    date: z.string(),
    startTime: z.string().nullable(),
    seriesId: z.string().nullable(),
    status: meetingStatusSchema,
    closedAt: z.string().nullable(),
  }),
  agenda: z.array(plannedAgendaItemSchema),
  suggestions: z.array(agendaSuggestionSchema),
  guests: z.array(guestSchema),
  canManage: z.boolean(),
});
export type MeetingPlan = z.infer<typeof meetingPlanSchema>;

export const addGuestResponseSchema = z.object({
  guest: guestSchema,
  /**
   * Shown once to the coordinator to pass on; only its hash is kept. Null when the e-mail already
   * had an account: the person signs in as they already do, and nothing of that account changed.
   */
  oneTimePassword: z.string().nullable(),
});
export type AddGuestResponse = z.infer<typeof addGuestResponseSchema>;

export const closeMeetingResponseSchema = z.object({
  nextMeetingId: z.string(),
  carried: z.array(z.string()),
});
export type CloseMeetingResponse = z.infer<typeof closeMeetingResponseSchema>;

export const createSeriesResponseSchema = z.object({
  seriesId: z.string(),
  meetingIds: z.array(z.string()),
});

/** `GET /api/families/:familyId/overview`: the family page's history beside the genogram. */
export const familyOverviewSchema = z.object({
  discussions: z.array(
    z.object({
      meetingId: z.string(),
      meetingTitle: z.string(),
      date: z.string(),
      status: meetingStatusSchema,
      reached: z.boolean(),
      carriedFrom: z.string().nullable(),
    }),
  ),
  /** Members of the unit who have opened or edited this family's records, most recent first. */
  workedWith: z.array(
    z.object({ userId: z.string(), name: z.string(), role: z.string(), lastAt: z.string() }),
  ),
  veryActive: z.boolean(),
});
export type FamilyOverview = z.infer<typeof familyOverviewSchema>;

// ---- What comes back at the next discussion ----

/**
 * An action recorded at a family's most recent discussion. The minutes have no "done" flag: an
 * action stays open until the family's next discussion reviews it ("what did we plan, did it
 * happen?"), so the open actions of a family are those of its last discussion (shared/SPEC.md
 * [M9]).
 */
export const openActionSchema = z.object({
  text: z.string(),
  /** The owner's name: a member's name for a user id, else the free name written. */
  owner: z.string().nullable(),
  due: z.string().nullable(),
  childId: z.string().nullable(),
  familyId: z.string(),
  familyName: z.string(),
  meetingId: z.string(),
  meetingDate: z.string(),
});
export type OpenAction = z.infer<typeof openActionSchema>;

/**
 * `GET /api/families/:familyId/open-items[?before=<meetingId>]`. Planned conversations come back
 * through the board's own review of them ([B19], [B20]), not here.
 */
export const familyOpenItemsSchema = z.object({
  /** The discussion the actions come from; null if the family has not been discussed before. */
  from: z.object({ meetingId: z.string(), title: z.string(), date: z.string() }).nullable(),
  actions: z.array(openActionSchema),
});
export type FamilyOpenItems = z.infer<typeof familyOpenItemsSchema>;

/** `GET /api/units/:unitId/actions-due`: open actions due within a week or overdue, soonest first. */
export const actionsDueSchema = z.object({ actions: z.array(openActionSchema) });
export const ACTIONS_DUE_WITHIN_DAYS = 7;
