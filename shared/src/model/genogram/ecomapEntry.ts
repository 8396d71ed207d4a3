import { z } from 'zod';
import type { EcomapEntryId, PersonId } from '../../ids.js';

/** The family's wider world: agencies and networks drawn around the genogram. */
export const ECOMAP_KINDS = [
  'school',
  'gp',
  'health_visitor',
  'police',
  'housing',
  'faith_group',
  'friends',
  'extended_family',
  'professional',
  'other',
] as const;
export const ecomapKindSchema = z.enum(ECOMAP_KINDS);
export type EcomapKind = z.infer<typeof ecomapKindSchema>;

export const TIE_STRENGTHS = ['strong', 'tenuous', 'stressful'] as const;
export const tieStrengthSchema = z.enum(TIE_STRENGTHS);
export type TieStrength = z.infer<typeof tieStrengthSchema>;

/** Arrows for the flow of support: towards the family, from it, both, or none drawn. */
export const SUPPORT_FLOWS = ['none', 'to_family', 'from_family', 'both'] as const;
export const supportFlowSchema = z.enum(SUPPORT_FLOWS);
export type SupportFlow = z.infer<typeof supportFlowSchema>;

export const ecomapEntrySchema = z.object({
  id: z.string(),
  label: z.string().max(200),
  kind: ecomapKindSchema,
  tie: tieStrengthSchema,
  support: supportFlowSchema,
  /** The people the tie is with; empty means the family as a whole. */
  connectedTo: z.array(z.string()),
  note: z.string().max(2000),
});
export type EcomapEntry = Omit<z.infer<typeof ecomapEntrySchema>, 'id' | 'connectedTo'> & {
  id: EcomapEntryId;
  connectedTo: PersonId[];
};
