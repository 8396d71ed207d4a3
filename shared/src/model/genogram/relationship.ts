import { z } from 'zod';
import type { PersonId, RelationshipId } from '../../ids.js';

/** An emotional relationship drawn as a line between two people. */
export const RELATIONSHIP_KINDS = [
  'close',
  'fused',
  'distant',
  'conflictual',
  'hostile',
  'cut_off',
  'cut_off_repaired',
  'physical_abuse',
  'emotional_abuse',
  'sexual_abuse',
  'neglect',
  'focused_on',
] as const;
export const relationshipKindSchema = z.enum(RELATIONSHIP_KINDS);
export type RelationshipKind = z.infer<typeof relationshipKindSchema>;

/** Direction where it matters (abuse, neglect, focused on): from `a` to `b`, the reverse, or both. */
export const DIRECTIONS = ['none', 'a_to_b', 'b_to_a', 'both'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const relationshipSchema = z.object({
  id: z.string(),
  a: z.string(),
  b: z.string(),
  kind: relationshipKindSchema,
  direction: directionSchema,
  note: z.string().max(2000),
  /** Whose view this is ("the unit", "Mum", "school"): the family may disagree. */
  heldBy: z.string().max(200),
});
export type Relationship = Omit<z.infer<typeof relationshipSchema>, 'id' | 'a' | 'b'> & {
  id: RelationshipId;
  a: PersonId;
  b: PersonId;
};
