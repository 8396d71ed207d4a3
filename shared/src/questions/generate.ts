import type { PersonId, RelationshipId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Person } from '../model/genogram/person.js';
import {
  DEFAULT_CHILD_STAGES,
  DEFAULT_QUESTION_BANK,
  PERSON_ROLES,
  type PersonRole,
  type QuestionRole,
  type QuestionTemplate,
} from './bank.js';
import { QUESTION_KINDS, type QuestionKind } from './kinds.js';
import { isAskable, kinshipFor, stageOf, type Kin, type Kinship } from './kinship.js';

export interface QuestionHypothesis {
  text: string;
  people: PersonId[];
  relationships: RelationshipId[];
  /**
   * A short noun phrase for `{worry}` ("how Chloe is managing with Ava"). The hypothesis text is
   * a tentative explanation, not a phrase that reads well inside a question, so it is not used.
   */
  worry?: string;
}

export interface GenerateQuestionsInput {
  genogram: Genogram;
  hypothesis: QuestionHypothesis;
  /** A unit's edited bank; the default bank otherwise. */
  bank?: readonly QuestionTemplate[];
  /** At most this many questions, after sorting. */
  limit?: number;
  /** `YYYY-MM-DD` to work out ages from birth dates; there is no clock here, on purpose. */
  asOf?: string;
}

export interface GeneratedQuestion {
  /** Template and people, so the same question keeps the same key between runs. */
  key: string;
  templateId: string;
  kind: QuestionKind;
  text: string;
  /** The focus child the question is about. */
  child: PersonId;
  /** The person to ask; null when it is for whoever in the family is present. */
  addressedTo: PersonId | null;
  /** Who the question names, with their relation to the child. */
  people: { role: PersonRole; person: PersonId; name: string; relation: string }[];
  /** How many of the hypothesis's people and relationships the question involves. */
  relevance: number;
}

export const DEFAULT_WORRY = 'how things are at home';
/** Several fillings of one template are useful (each grandparent), dozens are noise. */
const MAX_FILLINGS_PER_TEMPLATE = 2;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The people the hypothesis touches: its own people and both ends of its relationships. */
function linkedPeople(genogram: Genogram, hypothesis: QuestionHypothesis) {
  const present = new Set<string>(genogram.people.map((p) => p.id));
  const people = new Set<PersonId>(hypothesis.people.filter((id) => present.has(id)));
  const wanted = new Set<string>(hypothesis.relationships);
  const relationships = genogram.relationships.filter(
    (r) => wanted.has(r.id) && present.has(r.a) && present.has(r.b),
  );
  for (const r of relationships) people.add(r.a).add(r.b);
  return { people, relationships };
}

/**
 * Whose questions these are: the linked children of concern, else any linked child, else every
 * child of concern on the genogram (a hypothesis about the parents is still about the child).
 */
export function focusChildren(
  genogram: Genogram,
  hypothesis: QuestionHypothesis,
  asOf?: string,
): PersonId[] {
  const { people: linked } = linkedPeople(genogram, hypothesis);
  const askable = genogram.people.filter(isAskable).sort((a, b) => compare(a.id, b.id));
  const hasParents = new Set<string>(genogram.childLinks.map((l) => l.child));
  const isChild = (p: Person) => {
    const stage = stageOf(p, asOf);
    return stage === 'unknown' ? hasParents.has(p.id) : stage !== 'adult';
  };
  const tiers = [
    askable.filter((p) => linked.has(p.id) && p.childOfConcern),
    askable.filter((p) => linked.has(p.id) && isChild(p) && !p.deceased),
    askable.filter((p) => p.childOfConcern),
  ];
  return (tiers.find((tier) => tier.length > 0) ?? []).map((p) => p.id);
}

/** A phrase for `{professional}`, from the ecomap when it shows who is involved; never a name. */
function professionalPhrase(genogram: Genogram, kinship: Kinship): string {
  const kinds = new Set(genogram.ecomap.map((e) => e.kind));
  if ((kinship.stage === 'baby' || kinship.stage === 'unborn') && kinds.has('health_visitor')) {
    return 'the health visitor';
  }
  if (kinds.has('school') && (kinship.stage === 'young' || kinship.stage === 'older')) {
    return `${kinship.child.name}'s teacher`;
  }
  return 'the social worker';
}

type Filling = Partial<Record<PersonRole, Kin>>;

/** Candidates for one role, given the roles already filled (order follows `requires`). */
function candidates(
  role: PersonRole,
  template: QuestionTemplate,
  kinship: Kinship,
  filled: Filling,
): Kin[] {
  const parent = filled.parent?.person.id;
  switch (role) {
    case 'child':
      return [kinship.child];
    case 'parent':
      // Beside an absent parent, "parent" means the one who is there.
      return kinship.parents.filter(
        (p) => !(template.requires.includes('absentParent') && p.absent),
      );
    case 'absentParent':
      return kinship.parents.filter((p) => p.absent && p.person.id !== parent);
    case 'grandparent':
      // Keep "your mum" true: a parent is asked about their own parent.
      return kinship.grandparents.filter((g) => parent === undefined || g.via === parent);
    case 'sibling':
      return kinship.siblings;
    case 'partner':
      return kinship.partners.filter((p) => parent === undefined || p.of === parent);
  }
}

function fits(role: PersonRole, kin: Kin, template: QuestionTemplate, asOf?: string): boolean {
  if (role === 'child') return true;
  const { person } = kin;
  if (template.hasDied?.includes(role)) return person.deceased;
  if (!person.deceased) {
    // Only someone old enough to talk can be asked anything.
    return role !== template.addressedTo || !['baby', 'unborn'].includes(stageOf(person, asOf));
  }
  return template.mayHaveDied?.includes(role) ?? false;
}

function fillings(template: QuestionTemplate, kinship: Kinship, asOf?: string): Filling[] {
  const roles = PERSON_ROLES.filter((r) => template.requires.includes(r));
  // Fill the parent first so grandparents and partners can follow the chosen parent.
  roles.sort((a, b) => (a === 'parent' ? -1 : b === 'parent' ? 1 : 0));
  let partial: Filling[] = [{}];
  for (const role of roles) {
    const next: Filling[] = [];
    for (const filling of partial) {
      const used = new Set(Object.values(filling).map((k) => k.person.id));
      for (const kin of candidates(role, template, kinship, filling)) {
        if (used.has(kin.person.id) || !fits(role, kin, template, asOf)) continue;
        next.push({ ...filling, [role]: kin });
      }
    }
    partial = next;
  }
  return partial;
}

function fill(text: string, values: Record<QuestionRole, string | undefined>): string | null {
  let missing = false;
  const out = text.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name as QuestionRole]?.trim();
    if (!value) missing = true;
    return value ?? '';
  });
  if (missing) return null;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * Proposes questions for a hypothesis from the bank, filled in with the family's own people.
 * Pure and deterministic: the same genogram (in any order), hypothesis and bank give the same
 * questions in the same order, sorted by kind, then relevance to the hypothesis, then template.
 */
export function generateQuestions(input: GenerateQuestionsInput): GeneratedQuestion[] {
  const { genogram, hypothesis, asOf } = input;
  const bank = [...(input.bank ?? DEFAULT_QUESTION_BANK)].sort((a, b) => compare(a.id, b.id));
  const linked = linkedPeople(genogram, hypothesis);
  const worry = hypothesis.worry?.trim() || DEFAULT_WORRY;
  const out: GeneratedQuestion[] = [];
  const seen = new Set<string>();

  for (const childId of focusChildren(genogram, hypothesis, asOf)) {
    const kinship = kinshipFor(genogram, childId, asOf);
    if (!kinship) continue;
    const professional = professionalPhrase(genogram, kinship);
    for (const template of bank) {
      const stages = template.forChild ?? DEFAULT_CHILD_STAGES;
      if (!stages.includes(kinship.stage)) continue;
      if (template.addressedTo === 'child') {
        if (['baby', 'unborn'].includes(kinship.stage) || kinship.child.person.deceased) continue;
      }
      const candidatesForTemplate: GeneratedQuestion[] = [];
      for (const filling of fillings(template, kinship, asOf)) {
        const named = PERSON_ROLES.flatMap((role) => {
          const kin = filling[role];
          return kin
            ? [{ role, person: kin.person.id, name: kin.name, relation: kin.relation }]
            : [];
        });
        const text = fill(template.text, {
          child: kinship.child.name,
          parent: filling.parent?.name,
          grandparent: filling.grandparent?.name,
          sibling: filling.sibling?.name,
          partner: filling.partner?.name,
          absentParent: filling.absentParent?.name,
          professional,
          worry,
        });
        if (text === null) continue;
        const addressedTo =
          template.addressedTo === 'family'
            ? null
            : (filling[template.addressedTo]?.person.id ?? null);
        const involved = new Set<PersonId>(named.map((n) => n.person));
        const relevance =
          [...involved].filter((id) => linked.people.has(id)).length +
          linked.relationships.filter((r) => involved.has(r.a) && involved.has(r.b)).length;
        candidatesForTemplate.push({
          key: [template.id, ...named.map((n) => `${n.role}=${n.person}`)].join('|'),
          templateId: template.id,
          kind: template.kind,
          text,
          child: childId,
          addressedTo,
          people: named,
          relevance,
        });
      }
      candidatesForTemplate.sort((a, b) => b.relevance - a.relevance || compare(a.key, b.key));
      for (const question of candidatesForTemplate.slice(0, MAX_FILLINGS_PER_TEMPLATE)) {
        // Two children of the same parents can yield the same sentence; ask it once.
        const dedupe = `${question.addressedTo ?? ''}\u0000${question.text}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        out.push(question);
      }
    }
  }

  const kindOrder = (kind: QuestionKind) => QUESTION_KINDS.indexOf(kind);
  out.sort(
    (a, b) =>
      kindOrder(a.kind) - kindOrder(b.kind) ||
      b.relevance - a.relevance ||
      compare(a.templateId, b.templateId) ||
      compare(a.text, b.text) ||
      compare(a.addressedTo ?? '', b.addressedTo ?? ''),
  );
  return input.limit === undefined ? out : out.slice(0, Math.max(0, input.limit));
}
