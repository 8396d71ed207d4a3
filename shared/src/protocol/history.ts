import { z } from 'zod';

/**
 * A document's attributed history and its restore (shared/SPEC.md [Y1]-[Y6]), over REST:
 * `GET /api/history/:docName` lists it in coarse steps, `POST /api/history/:docName/preview`
 * says what a restore would change, `POST /api/history/:docName/restore` writes it. `docName`
 * is a family's (`family:<id>`) or a discussion's (`discussion:<meetingId>:<familyId>`).
 */

/** What a restore puts back: the whole document as it stood at `at`, or one person's changes since `since`. */
export const restoreTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('time'), at: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal('person'),
    userId: z.string().min(1).max(100),
    since: z.number().int().nonnegative(),
  }),
]);
export type RestoreTarget = z.infer<typeof restoreTargetSchema>;

/** The parts of a document a step touched, in words a member reads. */
export type HistoryArea = 'genogram' | 'hypotheses board' | 'minutes' | 'other';

/** Consecutive changes by one person (or one restore), merged while less than a few minutes apart. */
export interface HistoryStep {
  /** Milliseconds since the epoch of the step's first and last change. */
  from: number;
  to: number;
  userId: string | null;
  /** The member's name, or a description of the server's own writes. */
  who: string;
  kind: 'edit' | 'restore' | 'system';
  areas: HistoryArea[];
  /** How many stored updates the step holds. */
  changes: number;
}

export interface DocumentHistory {
  /** The earliest time the document can be restored to, or null when it has no history yet. */
  earliest: number | null;
  /** How many days of history are kept. */
  windowDays: number;
  /** Newest first. */
  steps: HistoryStep[];
  /** Everyone who changed the document within the window, for "take back one person's changes". */
  people: { id: string; name: string }[];
}

/** One line of what a restore would change: a count before and after. */
export interface RestoreChange {
  label: string;
  now: number;
  after: number;
}

export interface RestorePreview {
  /** False when the restore would change nothing. */
  changes: boolean;
  lines: RestoreChange[];
  areas: HistoryArea[];
}

export interface RestoreResult extends RestorePreview {
  restoreId: string;
}
