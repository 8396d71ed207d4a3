import { z } from 'zod';
import type { HouseholdId, PersonId } from '../../ids.js';
import { partialDateSchema } from './person.js';

/** Who lives together now, drawn as a boundary. A child may belong to two households. */
export const householdSchema = z.object({
  id: z.string(),
  label: z.string().max(200),
  members: z.array(z.string()),
  since: partialDateSchema.nullable(),
  until: partialDateSchema.nullable(),
});
export type Household = Omit<z.infer<typeof householdSchema>, 'id' | 'members'> & {
  id: HouseholdId;
  /** In the order they were added; unique. */
  members: PersonId[];
};
