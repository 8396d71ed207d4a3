import type { PersonId } from '../ids.js';
import type { ChildLink, ChildLinkKind } from '../model/genogram/childLink.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Person } from '../model/genogram/person.js';
import type { Union } from '../model/genogram/union.js';
import { compareStrings } from './geometry.js';

/**
 * The genogram as the layout sees it: every list in a canonical order (by id), references that
 * do not resolve dropped, and the questions the layout keeps asking answered once. Nothing here
 * depends on the order of the input arrays.
 */

/** Where children hang from: a union, or one parent when the other is not on the genogram. */
export interface Source {
  /** `union:<id>` or `parent:<id>`: unique across both kinds. */
  key: string;
  union: Union | null;
  parent: PersonId | null;
  /** Two partners for a union (partnerA first), one for a lone parent. */
  parents: PersonId[];
  /** Every valid link from this source, by id. */
  links: ChildLink[];
  /** Children drawn under this source ([L5]), eldest first, twins together ([L4]). */
  children: PersonId[];
}

export interface LayoutGraph {
  people: Person[];
  person: Map<PersonId, Person>;
  unions: Union[];
  unionsOf: Map<PersonId, Union[]>;
  links: ChildLink[];
  linkSource: Map<string, Source>;
  linksOfChild: Map<PersonId, ChildLink[]>;
  sources: Map<string, Source>;
  /** Birth order over everyone, eldest first ([L4]). */
  rank: Map<PersonId, number>;
}

/** Which link a child is drawn under when it has several ([L5]). */
export const LINK_KIND_PRIORITY: Record<ChildLinkKind, number> = {
  birth: 0,
  adopted: 1,
  kinship: 2,
  fostered: 3,
  step: 4,
};

/**
 * One entity per id. The reader never returns duplicates; if a caller does, the copy kept must
 * not depend on array order, so ties are settled on the serialised entity.
 */
export function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const sorted = [...items].sort((a, b) => compareStrings(a.id, b.id));
  const result: T[] = [];
  for (const item of sorted) {
    const last = result.at(-1);
    if (last === undefined || last.id !== item.id) {
      result.push(item);
    } else if (compareStrings(JSON.stringify(item), JSON.stringify(last)) < 0) {
      result[result.length - 1] = item;
    }
  }
  return result;
}

const normaliseDate = (date: string): string => {
  const [year = '0000', month = '00', day = '00'] = date.split('-');
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
};

/**
 * Birth order key ([L4]). Dates compare as dates; an age alone can only be compared with a date
 * through a reference year, taken from people the genogram gives both for (their median birth
 * year plus age). Without one, dated people come first, then by age (oldest first), then people
 * with neither, then undated pregnancies: the unborn are the youngest.
 */
function birthOrder(people: readonly Person[]): Map<PersonId, number> {
  const references = people
    .filter((p) => p.birthDate !== null && p.age !== null && !p.deceased)
    .map((p) => Number(p.birthDate!.slice(0, 4)) + p.age!)
    .sort((a, b) => a - b);
  const referenceYear =
    references.length > 0 ? references[Math.floor((references.length - 1) / 2)]! : null;
  type Key = { tier: number; date: string; age: number; id: string };
  const keyOf = (p: Person): Key => {
    if (p.birthDate !== null)
      return { tier: 0, date: normaliseDate(p.birthDate), age: 0, id: p.id };
    if (p.age !== null && referenceYear !== null) {
      const year = String(Math.max(0, referenceYear - p.age)).padStart(4, '0');
      return { tier: 0, date: `${year}-00-00`, age: 0, id: p.id };
    }
    if (p.age !== null) return { tier: 1, date: '', age: -p.age, id: p.id };
    return { tier: p.pregnancy === null ? 2 : 3, date: '', age: 0, id: p.id };
  };
  const keyed = people.map(keyOf);
  keyed.sort(
    (a, b) =>
      a.tier - b.tier ||
      compareStrings(a.date, b.date) ||
      a.age - b.age ||
      compareStrings(a.id, b.id),
  );
  return new Map(keyed.map((key, index) => [key.id as PersonId, index]));
}

export function buildLayoutGraph(genogram: Genogram): LayoutGraph {
  const people = uniqueById(genogram.people);
  const person = new Map(people.map((p) => [p.id, p]));

  const unions = uniqueById(genogram.unions).filter(
    (u) => u.partnerA !== u.partnerB && person.has(u.partnerA) && person.has(u.partnerB),
  );
  const unionById = new Map(unions.map((u) => [u.id as string, u]));
  const unionsOf = new Map<PersonId, Union[]>();
  for (const union of unions) {
    for (const partner of [union.partnerA, union.partnerB]) {
      const list = unionsOf.get(partner) ?? [];
      list.push(union);
      unionsOf.set(partner, list);
    }
  }

  const sources = new Map<string, Source>();
  const linkSource = new Map<string, Source>();
  const linksOfChild = new Map<PersonId, ChildLink[]>();
  const links: ChildLink[] = [];
  for (const link of uniqueById(genogram.childLinks)) {
    if (!person.has(link.child)) continue;
    const union = link.union === null ? undefined : unionById.get(link.union);
    let source: Source | undefined;
    if (union !== undefined) {
      if (union.partnerA === link.child || union.partnerB === link.child) continue;
      const key = `union:${union.id}`;
      source = sources.get(key) ?? {
        key,
        union,
        parent: null,
        parents: [union.partnerA, union.partnerB],
        links: [],
        children: [],
      };
      sources.set(key, source);
    } else if (link.parent !== null && person.has(link.parent) && link.parent !== link.child) {
      const key = `parent:${link.parent}`;
      source = sources.get(key) ?? {
        key,
        union: null,
        parent: link.parent,
        parents: [link.parent],
        links: [],
        children: [],
      };
      sources.set(key, source);
    }
    if (source === undefined) continue;
    source.links.push(link);
    linkSource.set(link.id, source);
    links.push(link);
    const ofChild = linksOfChild.get(link.child) ?? [];
    ofChild.push(link);
    linksOfChild.set(link.child, ofChild);
  }

  return {
    people,
    person,
    unions,
    unionsOf,
    links,
    linkSource,
    linksOfChild,
    sources: new Map([...sources].sort(([a], [b]) => compareStrings(a, b))),
    rank: birthOrder(people),
  };
}

/** Chronological order of unions: by start date (undated last), then id. */
export const compareUnions = (a: Union, b: Union): number =>
  compareStrings(a.startDate ?? '~', b.startDate ?? '~') || compareStrings(a.id, b.id);
