import { z } from 'zod';
import type { PersonId } from '../../ids.js';

/**
 * Parental responsibility is separate from biology (a grandmother with a special guardianship
 * order holds it; a birth father may not), and contact restrictions protect a child. Both are
 * drawn on the picture.
 */
export const parentalResponsibilitySchema = z.object({
  id: z.string(),
  holder: z.string(),
  child: z.string(),
  basis: z.string().max(200),
});
export type ParentalResponsibility = {
  id: string;
  holder: PersonId;
  child: PersonId;
  /** "birth mother", "special guardianship order", "care order (local authority shares PR)". */
  basis: string;
};

export const contactRestrictionSchema = z.object({
  id: z.string(),
  person: z.string(),
  /** The child protected; null means every child in the family. */
  child: z.string().nullable(),
  note: z.string().max(2000),
});
export type ContactRestriction = {
  id: string;
  person: PersonId;
  child: PersonId | null;
  note: string;
};
