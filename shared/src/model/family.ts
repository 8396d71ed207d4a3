import { z } from 'zod';
import { partialDateSchema, type Person } from './genogram/person.js';
import type { Role } from './role.js';
import type { ChildSummary } from './unit.js';

/**
 * A family's lifecycle and the children the unit works for (shared/SPEC.md [F1]-[F12]).
 *
 * One truth: the children of a family are the people on its genogram marked as children the unit
 * works for (`childOfConcern`). The server mirrors them into its records with what a case note
 * needs; a child unmarked keeps every record already written and stays in the records as
 * inactive. A family is open or closed, never deleted; a transfer moves it to another unit.
 */
export const FAMILY_STATUSES = ['open', 'closed'] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

export const MAX_FAMILY_NAME_CHARS = 200;
export const MAX_CHILD_NAME_CHARS = 200;
export const MAX_CASE_RECORD_ID_CHARS = 100;
export const MAX_CLOSING_SUMMARY_CHARS = 2000;
export const MAX_CHILDREN_ON_OPENING = 20;

/** Who opens a family ([F9]): any member who may write. */
export const canOpenFamily = (role: Role): boolean => role !== 'manager' && role !== 'guest';
/** Who transfers, closes and reopens a family ([F9]): the consultant, who holds the case decisions. */
export const FAMILY_LIFECYCLE_ROLES: ReadonlySet<Role> = new Set<Role>([
  'consultant_social_worker',
]);
export const canChangeFamilyLifecycle = (role: Role): boolean => FAMILY_LIFECYCLE_ROLES.has(role);

/** A child as the unit's records hold them, mirrored from the genogram ([F2]). */
export interface FamilyChild {
  /** The record's id (what minutes' sections and case notes refer to). */
  id: string;
  /** The genogram person this child is; null for records older than the mirror. */
  personId: string | null;
  name: string;
  /** Partial ISO date; the expected date for an unborn baby. */
  birthDate: string | null;
  unborn: boolean;
  caseRecordId: string | null;
  /** False once unmarked or taken off the genogram: the records written about them stay. */
  active: boolean;
}

/** What the genogram says of one person marked as a child the unit works for ([F2]). */
export interface MarkedChild {
  personId: string;
  name: string;
  birthDate: string | null;
  unborn: boolean;
  caseRecordId: string | null;
}

/** The people marked as children the unit works for, in id order ([F2]). */
export function markedChildren(people: readonly Person[]): MarkedChild[] {
  return people
    .filter((person) => person.childOfConcern && !person.deceased)
    .filter((person) => person.pregnancy === null || person.pregnancy === 'pregnancy')
    .map((person) => ({
      personId: person.id,
      name:
        person.name.trim() || (person.pregnancy === 'pregnancy' ? 'Unborn baby' : 'Unnamed child'),
      birthDate: person.birthDate,
      unborn: person.pregnancy === 'pregnancy',
      caseRecordId: person.councilPersonId?.trim() || null,
    }));
}

/** `YYYY-MM-DD` today in UTC, or the day given. */
const isoDay = (today: Date) => today.toISOString().slice(0, 10);

/**
 * Whether a partial date lies after `today` ([F11]): `2031` and `2031-02` count as future only
 * when the whole year or month is.
 */
export function isFutureDate(date: string, today: Date): boolean {
  const day = isoDay(today);
  return date.slice(0, date.length) > day.slice(0, date.length);
}

const caseRecordIdSchema = z
  .string()
  .trim()
  .max(MAX_CASE_RECORD_ID_CHARS)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'letters, digits, spaces, . / _ - only');

export const openFamilyChildSchema = z.object({
  name: z.string().trim().min(1).max(MAX_CHILD_NAME_CHARS),
  /** Date of birth, or the expected date when `unborn`. */
  birthDate: partialDateSchema.nullable().optional(),
  unborn: z.boolean().optional(),
  caseRecordId: z
    .union([caseRecordIdSchema, z.literal('')])
    .nullable()
    .optional(),
});
export type OpenFamilyChild = z.infer<typeof openFamilyChildSchema>;

/** `POST /api/units/:unitId/families` */
export const openFamilyRequestSchema = z.object({
  name: z.string().trim().min(1),
  children: z.array(openFamilyChildSchema).max(MAX_CHILDREN_ON_OPENING),
  leadWorkerId: z.string().nullable().optional(),
});
export type OpenFamilyRequest = z.infer<typeof openFamilyRequestSchema>;

/** `POST /api/families/:familyId/transfer` */
export const transferFamilyRequestSchema = z.object({ toUnitId: z.string().min(1).max(64) });
export type TransferFamilyRequest = z.infer<typeof transferFamilyRequestSchema>;

/** `POST /api/families/:familyId/close` */
export const closeFamilyRequestSchema = z.object({
  summary: z.string().trim().min(1).max(MAX_CLOSING_SUMMARY_CHARS),
});
export type CloseFamilyRequest = z.infer<typeof closeFamilyRequestSchema>;

/** `GET /api/families/:familyId`: the family's record for its page and lifecycle actions. */
export interface FamilyDetail {
  id: string;
  unitId: string;
  name: string;
  docName: string;
  status: FamilyStatus;
  leadWorker: { id: string; name: string } | null;
  closedAt: string | null;
  closingSummary: string | null;
  children: FamilyChild[];
  /** What the asker may do here. */
  can: { transfer: boolean; close: boolean; reopen: boolean };
  /** Other units the family could go to (those the asker belongs to, for now, and not archived). */
  transferTargets: Array<{ id: string; name: string }>;
}

/**
 * The children as a client in a meeting sees them before the server's records catch up ([F2]):
 * the records, with each linked person's live name, less those unmarked on the genogram, plus
 * the people marked a moment ago (their record id will be their person id). Without a genogram
 * yet, the records as they are.
 */
export function liveChildren(
  records: readonly ChildSummary[],
  people: readonly Person[] | null,
): ChildSummary[] {
  if (!people) return [...records];
  const marked = new Map(markedChildren(people).map((child) => [child.personId, child]));
  const kept = records.flatMap((record): ChildSummary[] => {
    const personId = record.personId ?? null;
    if (personId === null) return [record];
    const child = marked.get(personId);
    if (!child) return [];
    marked.delete(personId);
    return [{ ...record, name: child.name }];
  });
  const fresh = [...marked.values()].map((child) => ({
    id: child.personId,
    name: child.name,
    birthYear: child.birthDate ? Number(child.birthDate.slice(0, 4)) : null,
    personId: child.personId,
  }));
  return [...kept, ...fresh];
}
