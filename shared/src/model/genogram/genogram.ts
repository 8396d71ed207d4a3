import type { PersonId } from '../../ids.js';
import type { ChildLink } from './childLink.js';
import type { EcomapEntry } from './ecomapEntry.js';
import type { Household } from './household.js';
import type { ContactRestriction, ParentalResponsibility } from './legal.js';
import type { Person } from './person.js';
import type { Relationship } from './relationship.js';
import type { Union } from './union.js';

/**
 * The genogram as the typed reader returns it from a family document: plain data, every
 * reference resolved, every rule of shared/SPEC.md holding (dangling references and cycles that
 * concurrent edits can create are dropped by the reader, deterministically, so every replica
 * reads the same valid picture). Arrays are sorted by id so equal documents read equal.
 */
export interface Genogram {
  people: Person[];
  unions: Union[];
  childLinks: ChildLink[];
  relationships: Relationship[];
  households: Household[];
  ecomap: EcomapEntry[];
  parentalResponsibility: ParentalResponsibility[];
  contactRestrictions: ContactRestriction[];
  /** Manual offsets from the automatic position, in layout units, by person. */
  nudges: Record<PersonId, { dx: number; dy: number }>;
}

export const emptyGenogram = (): Genogram => ({
  people: [],
  unions: [],
  childLinks: [],
  relationships: [],
  households: [],
  ecomap: [],
  parentalResponsibility: [],
  contactRestrictions: [],
  nudges: {},
});
