import { z } from 'zod';
import type { PersonId, UnionId } from '../../ids.js';
import { partialDateSchema } from './person.js';

/** A partnership between two different people; a person may have several, over time. */
export const UNION_KINDS = ['marriage', 'civil_partnership', 'cohabitation', 'other'] as const;
export const unionKindSchema = z.enum(UNION_KINDS);
export type UnionKind = z.infer<typeof unionKindSchema>;

export const UNION_STATUSES = ['together', 'separated', 'divorced'] as const;
export const unionStatusSchema = z.enum(UNION_STATUSES);
export type UnionStatus = z.infer<typeof unionStatusSchema>;

/** One change of status; the union's current status is its latest event. */
export const unionEventSchema = z.object({
  status: unionStatusSchema,
  date: partialDateSchema.nullable(),
});
export type UnionEvent = z.infer<typeof unionEventSchema>;

export const unionSchema = z.object({
  id: z.string(),
  partnerA: z.string(),
  partnerB: z.string(),
  kind: unionKindSchema,
  /** When the union began (marriage date, moving in). */
  startDate: partialDateSchema.nullable(),
  /** In the order they happened; empty means together since `startDate`. */
  events: z.array(unionEventSchema),
});
export type Union = Omit<z.infer<typeof unionSchema>, 'id' | 'partnerA' | 'partnerB'> & {
  id: UnionId;
  partnerA: PersonId;
  partnerB: PersonId;
};

export const currentUnionStatus = (union: Pick<Union, 'events'>): UnionStatus =>
  union.events.at(-1)?.status ?? 'together';
