import type { PersonId } from '../ids.js';
import type { ChildLinkKind } from '../model/genogram/childLink.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Gender, Person } from '../model/genogram/person.js';
import { currentUnionStatus } from '../model/genogram/union.js';
import type { ChildStage } from './bank.js';

/** One person in a role relative to the focus child, with the words to name them. */
export interface Kin {
  person: Person;
  /** What to put in the question: the first name, or the relation phrase when unnamed. */
  name: string;
  /** Relative to the focus child: "Mia's mum", "Mia's grandmother on her mum's side". */
  relation: string;
}

export interface Kinship {
  child: Kin;
  stage: ChildStage;
  parents: (Kin & { link: ChildLinkKind; absent: boolean })[];
  /** `via` is the parent whose parent they are, so "your mum" holds when talking to `via`. */
  grandparents: (Kin & { via: PersonId })[];
  siblings: (Kin & { half: boolean })[];
  /** Current partners of a parent who are not the child's parent themselves; `of` is the parent. */
  partners: (Kin & { of: PersonId })[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Miscarriages, terminations and stillbirths are drawn on the genogram but are never asked about
 * or voiced by a generated question; an ongoing pregnancy is (as an unborn baby).
 */
export const isAskable = (person: Person) =>
  person.pregnancy === null || person.pregnancy === 'pregnancy';
export const isUnborn = (person: Person) => person.pregnancy === 'pregnancy';

/**
 * Age in whole years. There is no clock here, so without `asOf` only a recorded age counts;
 * a birth date alone gives an age only against the date the caller supplies.
 */
export function ageOf(person: Person, asOf?: string): number | null {
  if (person.age !== null) return person.age;
  if (asOf === undefined || person.birthDate === null) return null;
  const [by, bm = 1, bd = 1] = person.birthDate.split('-').map(Number);
  const [ay, am = 1, ad = 1] = asOf.split('-').map(Number);
  if (by === undefined || ay === undefined || Number.isNaN(by) || Number.isNaN(ay)) return null;
  const age = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

export function stageOf(person: Person, asOf?: string): ChildStage {
  if (isUnborn(person)) return 'unborn';
  const age = ageOf(person, asOf);
  if (age === null) return 'unknown';
  if (age < 3) return 'baby';
  if (age < 12) return 'young';
  if (age < 18) return 'older';
  return 'adult';
}

/**
 * A person's name is sometimes a label ("maternal grandmother", "unborn baby") or empty: those
 * are not names to put in a question, so the relation phrase is used instead.
 */
export function isNamed(person: Person): boolean {
  const name = person.name.trim();
  return name !== '' && /^\p{Lu}/u.test(name) && name.toLowerCase() !== 'unnamed';
}

const firstName = (person: Person) => person.name.trim().split(/\s+/)[0] ?? '';

const gendered = (gender: Gender, female: string, male: string, other: string) =>
  gender === 'female' ? female : gender === 'male' ? male : other;

function parentWord(gender: Gender, link: ChildLinkKind): string {
  switch (link) {
    case 'birth':
      return gendered(gender, 'mum', 'dad', 'parent');
    case 'adopted':
      return gendered(gender, 'adoptive mum', 'adoptive dad', 'adoptive parent');
    case 'step':
      return gendered(gender, 'stepmum', 'stepdad', 'step-parent');
    case 'fostered':
      return 'foster carer';
    case 'kinship':
      return 'kinship carer';
  }
}

/** The people the genogram shows as someone's parents, with how they are linked, by id. */
export function parentsOf(
  genogram: Genogram,
  child: PersonId,
): { id: PersonId; link: ChildLinkKind }[] {
  const unions = new Map(genogram.unions.map((u) => [u.id, u]));
  const found = new Map<PersonId, ChildLinkKind>();
  for (const link of [...genogram.childLinks].sort(byId)) {
    if (link.child !== child) continue;
    const union = link.union === null ? undefined : unions.get(link.union);
    const ids = union ? [union.partnerA, union.partnerB] : link.parent ? [link.parent] : [];
    for (const id of ids) if (id !== child && !found.has(id)) found.set(id, link.kind);
  }
  return [...found].map(([id, link]) => ({ id, link })).sort(byId);
}

/**
 * Family roles around one focus child, read from the genogram alone. Every list is sorted by
 * person id so that the order the genogram arrives in never changes the questions.
 */
export function kinshipFor(genogram: Genogram, childId: PersonId, asOf?: string): Kinship | null {
  const people = new Map<PersonId, Person>();
  for (const person of genogram.people) if (isAskable(person)) people.set(person.id, person);
  const child = people.get(childId);
  if (!child) return null;

  // Two people sharing a first name (a girl named after her grandmother) get their full names.
  const firstNames = new Map<string, number>();
  for (const person of people.values()) {
    if (isNamed(person))
      firstNames.set(firstName(person), (firstNames.get(firstName(person)) ?? 0) + 1);
  }
  const stage = stageOf(child, asOf);
  const childRef = isNamed(child)
    ? shortName(child)
    : stage === 'unborn' || stage === 'baby'
      ? 'the baby'
      : 'the child';
  const pronoun = gendered(child.gender, 'her', 'his', 'their');
  const whose = `${childRef}'s`;
  function shortName(person: Person) {
    return (firstNames.get(firstName(person)) ?? 0) > 1 ? person.name.trim() : firstName(person);
  }
  const kin = (person: Person, relation: string): Kin => ({
    person,
    name: isNamed(person) ? shortName(person) : relation,
    relation,
  });

  const childHouseholds = genogram.households.filter((h) => h.members.includes(childId));
  const livesWithChild = (id: PersonId) => childHouseholds.some((h) => h.members.includes(id));

  const parents: Kinship['parents'] = [];
  for (const { id, link } of parentsOf(genogram, childId)) {
    const person = people.get(id);
    if (!person || isUnborn(person)) continue;
    // Absent: has died, or the genogram shows where the child lives and this parent is not there.
    const absent = person.deceased || (childHouseholds.length > 0 && !livesWithChild(id));
    parents.push({
      ...kin(person, `${whose} ${parentWord(person.gender, link)}`),
      link,
      absent,
    });
  }
  const parentIds = new Set<PersonId>(parents.map((p) => p.person.id));

  const grandparents: Kinship['grandparents'] = [];
  for (const parent of parents) {
    // "on her mum's side"; a parent of unknown gender is named instead when we can.
    const side =
      parent.person.gender !== 'unknown'
        ? `${pronoun} ${gendered(parent.person.gender, 'mum', 'dad', 'parent')}'s`
        : isNamed(parent.person)
          ? `${parent.name}'s`
          : `${pronoun} parent's`;
    for (const { id } of parentsOf(genogram, parent.person.id)) {
      const person = people.get(id);
      if (!person || isUnborn(person) || id === childId) continue;
      const word = gendered(person.gender, 'grandmother', 'grandfather', 'grandparent');
      grandparents.push({
        ...kin(person, `${whose} ${word} on ${side} side`),
        via: parent.person.id,
      });
    }
  }

  const siblings: Kinship['siblings'] = [];
  const mine = parentsOf(genogram, childId).map((p) => p.id);
  for (const person of [...people.values()].sort(byId)) {
    if (person.id === childId || isUnborn(person) || parentIds.has(person.id)) continue;
    const theirs = parentsOf(genogram, person.id).map((p) => p.id);
    const shared = theirs.filter((id) => mine.includes(id)).length;
    if (shared === 0) continue;
    const half = shared < Math.max(mine.length, theirs.length);
    const word = gendered(person.gender, 'sister', 'brother', 'sibling');
    siblings.push({ ...kin(person, `${whose} ${half ? 'half-' : ''}${word}`), half });
  }

  const partners: Kinship['partners'] = [];
  for (const parent of parents) {
    for (const union of [...genogram.unions].sort(byId)) {
      if (currentUnionStatus(union) !== 'together') continue;
      const other =
        union.partnerA === parent.person.id
          ? union.partnerB
          : union.partnerB === parent.person.id
            ? union.partnerA
            : null;
      const person = other === null ? undefined : people.get(other);
      if (!person || isUnborn(person) || parentIds.has(person.id) || person.id === childId)
        continue;
      const parentRef =
        parent.person.gender === 'unknown' && isNamed(parent.person)
          ? parent.name
          : parent.relation;
      const relation = `${parentRef}'s partner`;
      partners.push({ ...kin(person, relation), of: parent.person.id });
    }
  }

  return { child: kin(child, childRef), stage, parents, grandparents, siblings, partners };
}
