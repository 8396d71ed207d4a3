import { z } from 'zod';
import type { PersonId } from '../../ids.js';

/**
 * A person on the genogram (McGoldrick / Gerson / Petry notation). Stored in the family document
 * as one Y.Map per person, one key per field, so two people editing different fields of the same
 * person never overwrite each other.
 */
export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

/** Pregnancy outcomes drawn with their own small symbols instead of a full person. */
export const PREGNANCY_STATES = ['pregnancy', 'miscarriage', 'termination', 'stillbirth'] as const;
export const pregnancyStateSchema = z.enum(PREGNANCY_STATES);
export type PregnancyState = z.infer<typeof pregnancyStateSchema>;

/** Partial ISO date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; families often know only a year. */
export const partialDateSchema = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const personAttributesSchema = z.object({
  health: z.string().max(500).default(''),
  mentalHealth: z.string().max(500).default(''),
  substanceMisuse: z.string().max(500).default(''),
  disability: z.string().max(500).default(''),
  culture: z.string().max(200).default(''),
  religion: z.string().max(200).default(''),
  language: z.string().max(200).default(''),
});
export type PersonAttributes = z.infer<typeof personAttributesSchema>;

export const personSchema = z.object({
  id: z.string(),
  /** Name or a label ("maternal grandmother", "unborn baby"). */
  name: z.string().max(200),
  gender: genderSchema,
  birthDate: partialDateSchema.nullable(),
  deathDate: partialDateSchema.nullable(),
  /** Age when no dates are known (drawn inside the symbol). */
  age: z.number().int().min(0).max(130).nullable(),
  deceased: z.boolean(),
  /** Marked with a double outline; a family may have several. */
  childOfConcern: z.boolean(),
  /** Null for a born person. */
  pregnancy: pregnancyStateSchema.nullable(),
  notes: z.string().max(5000),
  attributes: personAttributesSchema,
  /** The person's id in the council's case recording system, if any. */
  councilPersonId: z.string().max(100).nullable(),
  /** The address must never be shown to, or shared with, anyone outside the unit. */
  doNotDiscloseAddress: z.boolean(),
});
export type Person = Omit<z.infer<typeof personSchema>, 'id'> & { id: PersonId };

export function defaultPerson(id: PersonId, name = ''): Person {
  return {
    id,
    name,
    gender: 'unknown',
    birthDate: null,
    deathDate: null,
    age: null,
    deceased: false,
    childOfConcern: false,
    pregnancy: null,
    notes: '',
    attributes: personAttributesSchema.parse({}),
    councilPersonId: null,
    doNotDiscloseAddress: false,
  };
}
