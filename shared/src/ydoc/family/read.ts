import type * as Y from 'yjs';
import {
  ID_PATTERN,
  type EcomapEntryId,
  type HouseholdId,
  type PersonId,
  type RelationshipId,
  type UnionId,
} from '../../ids.js';
import { childLinkSchema, type ChildLink } from '../../model/genogram/childLink.js';
import { ecomapEntrySchema, type EcomapEntry } from '../../model/genogram/ecomapEntry.js';
import type { Genogram } from '../../model/genogram/genogram.js';
import { householdSchema, type Household } from '../../model/genogram/household.js';
import {
  contactRestrictionSchema,
  parentalResponsibilitySchema,
  type ContactRestriction,
  type ParentalResponsibility,
} from '../../model/genogram/legal.js';
import { personSchema, type Person } from '../../model/genogram/person.js';
import { relationshipSchema, type Relationship } from '../../model/genogram/relationship.js';
import { unionEventSchema, unionSchema, type Union } from '../../model/genogram/union.js';
import { Ancestry, linkParents, linkSource } from './ancestry.js';
import { plainOf } from '../plain.js';
import {
  genogramRoot,
  isEntityMap,
  parentalResponsibilityKey,
  sortedEntries,
  type GenogramCollection,
} from './roots.js';

/**
 * Reads the genogram of a family document as plain, valid data (shared/SPEC.md [G20], [G21]).
 *
 * A pure function of the document's content: every collection is walked in id order and every
 * repair is decided in that order, so replicas holding the same updates read deep-equal results
 * however the updates arrived. Nothing is thrown and nothing is written: what concurrent edits
 * leave broken is left out of the result and stays in the document, where it comes back if the
 * conflict goes away.
 */
export function readGenogram(doc: Y.Doc): Genogram {
  const people = readPeople(doc);
  const personIds = new Set<string>(people.map((p) => p.id));
  const unions = readUnions(doc, personIds);
  const childLinks = readChildLinks(doc, personIds, unions);
  return {
    people,
    unions,
    childLinks,
    relationships: readRelationships(doc, personIds),
    households: readHouseholds(doc, personIds),
    ecomap: readEcomap(doc, personIds),
    parentalResponsibility: readParentalResponsibility(doc, personIds),
    contactRestrictions: readContactRestrictions(doc, personIds),
    nudges: readNudges(doc, personIds),
  };
}

type Fields = Record<string, unknown>;

/** Entries whose key is an id and whose value is an entity map, as plain fields, in id order. */
function entities(doc: Y.Doc, collection: GenogramCollection): [string, Fields][] {
  const out: [string, Fields][] = [];
  for (const [id, value] of sortedEntries(genogramRoot(doc, collection))) {
    if (ID_PATTERN.test(id) && isEntityMap(value)) out.push([id, plainOf(value) as Fields]);
  }
  return out;
}

/** The strings of a stored list, each once, first occurrence first; anything else is dropped. */
function uniqueStrings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((item): item is string => typeof item === 'string'))];
}

function readPeople(doc: Y.Doc): Person[] {
  const out: Person[] = [];
  for (const [id, fields] of entities(doc, 'people')) {
    const attributes =
      typeof fields.attributes === 'object' && fields.attributes !== null ? fields.attributes : {};
    const parsed = personSchema.safeParse({ ...fields, attributes, id });
    if (parsed.success) out.push({ ...parsed.data, id: id as PersonId });
  }
  return out;
}

function readUnions(doc: Y.Doc, people: ReadonlySet<string>): Union[] {
  const out: Union[] = [];
  for (const [id, fields] of entities(doc, 'unions')) {
    // One bad event must not take the union, and with it the children's links, off the picture.
    const events = Array.isArray(fields.events)
      ? fields.events.flatMap((event) => {
          const parsed = unionEventSchema.safeParse(event);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
    const parsed = unionSchema.safeParse({ ...fields, events, id });
    if (!parsed.success) continue;
    const { partnerA, partnerB } = parsed.data;
    if (partnerA === partnerB || !people.has(partnerA) || !people.has(partnerB)) continue;
    out.push({
      ...parsed.data,
      id: id as UnionId,
      partnerA: partnerA as PersonId,
      partnerB: partnerB as PersonId,
    });
  }
  return out;
}

function readChildLinks(
  doc: Y.Doc,
  people: ReadonlySet<string>,
  unions: readonly Union[],
): ChildLink[] {
  const unionsById = new Map<string, Union>(unions.map((u) => [u.id, u]));
  const ancestry = new Ancestry();
  const sources = new Set<string>();
  const birthChildren = new Set<string>();
  const kept: ChildLink[] = [];
  // Id order decides which of two conflicting links stays: the same on every replica.
  for (const [id, fields] of entities(doc, 'childLinks')) {
    const attachment = (
      typeof fields.attachment === 'object' && fields.attachment !== null ? fields.attachment : {}
    ) as Fields;
    const parsed = childLinkSchema.safeParse({
      ...fields,
      union: attachment.union,
      parent: attachment.parent,
      id,
    });
    if (!parsed.success) continue;
    const link = parsed.data as ChildLink;
    if (!people.has(link.child)) continue;
    const parents = linkParents(link, unionsById);
    if (!parents || parents.some((p) => !people.has(p))) continue;
    const source = `${link.child}>${linkSource(link)}`;
    if (sources.has(source)) continue;
    if (link.kind === 'birth' && birthChildren.has(link.child)) continue;
    if (ancestry.wouldCloseCycle(link.child, parents)) continue;
    ancestry.add(link.child, parents);
    sources.add(source);
    if (link.kind === 'birth') birthChildren.add(link.child);
    kept.push(link);
  }
  return normaliseTwins(kept);
}

/**
 * A twin group hangs from one point ([G5]): the group's first link (by id) decides where, and a
 * link elsewhere loses its twin mark rather than its place. `identical` means nothing alone.
 */
function normaliseTwins(links: ChildLink[]): ChildLink[] {
  const groupSource = new Map<string, string>();
  return links.map((link) => {
    if (link.twinGroup === null) return link.identical ? { ...link, identical: false } : link;
    const source = linkSource(link);
    const first = groupSource.get(link.twinGroup);
    if (first === undefined) groupSource.set(link.twinGroup, source);
    else if (first !== source) return { ...link, twinGroup: null, identical: false };
    return link;
  });
}

function readRelationships(doc: Y.Doc, people: ReadonlySet<string>): Relationship[] {
  const out: Relationship[] = [];
  for (const [id, fields] of entities(doc, 'relationships')) {
    const parsed = relationshipSchema.safeParse({ ...fields, id });
    if (!parsed.success) continue;
    const { a, b } = parsed.data;
    if (a === b || !people.has(a) || !people.has(b)) continue;
    out.push({ ...parsed.data, id: id as RelationshipId, a: a as PersonId, b: b as PersonId });
  }
  return out;
}

function readHouseholds(doc: Y.Doc, people: ReadonlySet<string>): Household[] {
  const out: Household[] = [];
  for (const [id, fields] of entities(doc, 'households')) {
    const members = uniqueStrings(fields.members).filter((m) => people.has(m));
    const parsed = householdSchema.safeParse({ ...fields, members, id });
    if (!parsed.success) continue;
    out.push({ ...parsed.data, id: id as HouseholdId, members: members as PersonId[] });
  }
  return out;
}

function readEcomap(doc: Y.Doc, people: ReadonlySet<string>): EcomapEntry[] {
  const out: EcomapEntry[] = [];
  for (const [id, fields] of entities(doc, 'ecomap')) {
    const stored = uniqueStrings(fields.connectedTo);
    const connectedTo = stored.filter((p) => people.has(p));
    // An empty list means "the whole family"; a tie with people who have all gone means nothing.
    if (stored.length > 0 && connectedTo.length === 0) continue;
    const parsed = ecomapEntrySchema.safeParse({ ...fields, connectedTo, id });
    if (!parsed.success) continue;
    out.push({ ...parsed.data, id: id as EcomapEntryId, connectedTo: connectedTo as PersonId[] });
  }
  return out;
}

function readParentalResponsibility(
  doc: Y.Doc,
  people: ReadonlySet<string>,
): ParentalResponsibility[] {
  const out: ParentalResponsibility[] = [];
  for (const [id, value] of sortedEntries(genogramRoot(doc, 'parentalResponsibility'))) {
    if (!isEntityMap(value)) continue;
    const parsed = parentalResponsibilitySchema.safeParse({ ...(plainOf(value) as Fields), id });
    if (!parsed.success) continue;
    const { holder, child } = parsed.data;
    // The key is the pair, so a matching key is what makes each pair appear once.
    if (id !== parentalResponsibilityKey(holder, child)) continue;
    if (holder === child || !people.has(holder) || !people.has(child)) continue;
    out.push({ ...parsed.data, holder: holder as PersonId, child: child as PersonId });
  }
  return out;
}

function readContactRestrictions(doc: Y.Doc, people: ReadonlySet<string>): ContactRestriction[] {
  const out: ContactRestriction[] = [];
  for (const [id, fields] of entities(doc, 'contactRestrictions')) {
    const parsed = contactRestrictionSchema.safeParse({ ...fields, id });
    if (!parsed.success) continue;
    const { person, child } = parsed.data;
    if (!people.has(person)) continue;
    if (child !== null && (child === person || !people.has(child))) continue;
    out.push({ ...parsed.data, person: person as PersonId, child: child as PersonId | null });
  }
  return out;
}

function readNudges(doc: Y.Doc, people: ReadonlySet<string>): Genogram['nudges'] {
  const entries: [string, { dx: number; dy: number }][] = [];
  for (const [id, value] of sortedEntries(genogramRoot(doc, 'nudges'))) {
    if (!people.has(id) || typeof value !== 'object' || value === null) continue;
    const { dx, dy } = value as Fields;
    if (typeof dx !== 'number' || typeof dy !== 'number') continue;
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) continue;
    entries.push([id, { dx, dy }]);
  }
  // fromEntries defines own properties, so even an id spelt `__proto__` stays a plain key.
  return Object.fromEntries(entries) as Genogram['nudges'];
}
