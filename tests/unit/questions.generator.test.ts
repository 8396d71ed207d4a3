import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUESTION_BANK,
  QUESTION_KINDS,
  QUESTION_ROLES,
  generateQuestions,
  kinshipFor,
  placeholdersOf,
  questionBankSchema,
  questionTemplateSchema,
  type GeneratedQuestion,
  type Genogram,
  type PersonId,
  type QuestionHypothesis,
  type RelationshipId,
} from '@unitroom/shared';
import {
  FAMILIES,
  childOf,
  ecomapEntry,
  genogram,
  household,
  person,
  relationship,
  union,
} from '../fixtures/genograms.js';

/**
 * The teenage-mother example from docs/domain.md, "Hypotheses and questions", with invented people: Chloe (17) is the youngest
 * of Sandra and the late Gary's three children and lives with her mum and her baby Ava, whose
 * dad Kyle lives elsewhere. A health visitor is on the ecomap.
 */
function teenageMother(): Genogram {
  return genogram({
    people: [
      person('sandra', { name: 'Sandra Price', gender: 'female', age: 44 }),
      person('gary', { name: 'Gary Price', gender: 'male', deceased: true, deathDate: '2021' }),
      person('jodie', { name: 'Jodie Price', gender: 'female', age: 24 }),
      person('ryan', { name: 'Ryan Price', gender: 'male', age: 21 }),
      person('chloe', { name: 'Chloe Price', gender: 'female', age: 17 }),
      person('kyle', { name: 'Kyle Benson', gender: 'male', age: 19 }),
      person('ava', { name: 'Ava Price', gender: 'female', age: 0, childOfConcern: true }),
      person('loss', { name: 'Lost pregnancy', gender: 'unknown', pregnancy: 'miscarriage' }),
    ],
    unions: [
      union('u-sandra-gary', 'sandra', 'gary', { startDate: '1998' }),
      union('u-chloe-kyle', 'chloe', 'kyle', {
        kind: 'cohabitation',
        events: [{ status: 'separated', date: '2025' }],
      }),
    ],
    childLinks: [
      childOf('l-jodie', 'jodie', { union: 'u-sandra-gary' }),
      childOf('l-ryan', 'ryan', { union: 'u-sandra-gary' }),
      childOf('l-chloe', 'chloe', { union: 'u-sandra-gary' }),
      childOf('l-ava', 'ava', { union: 'u-chloe-kyle' }),
      childOf('l-loss', 'loss', { union: 'u-chloe-kyle' }),
    ],
    relationships: [
      relationship('r-chloe-sandra', 'chloe', 'sandra', 'conflictual'),
      relationship('r-chloe-ava', 'chloe', 'ava', 'close'),
    ],
    households: [household('h-home', 'Sandra, Chloe and Ava', ['sandra', 'chloe', 'ava'])],
    ecomap: [ecomapEntry('e-hv', 'Health visitor (Marsh Lane)', { kind: 'health_visitor' })],
  });
}

const hypothesis: QuestionHypothesis = {
  text: 'Being the youngest makes it hard for Chloe to feel she can be the adult for Ava.',
  people: ['chloe', 'ava'] as PersonId[],
  relationships: ['r-chloe-sandra'] as RelationshipId[],
};

const texts = (questions: GeneratedQuestion[]) => questions.map((q) => q.text);

/** Capitalised words the bank itself uses ("If", "What", "On"), which are not anyone's name. */
const BANK_WORDS = new Set(
  DEFAULT_QUESTION_BANK.flatMap(
    (t) => t.text.replace(/\{[A-Za-z]+\}/g, ' ').match(/\p{Lu}\p{L}*/gu) ?? [],
  ),
);

function assertNamesOnlyPeopleOf(g: Genogram, questions: GeneratedQuestion[]) {
  const names = new Set(g.people.flatMap((p) => p.name.split(/\s+/)));
  const ids = new Set<string>(g.people.map((p) => p.id));
  for (const q of questions) {
    for (const word of q.text.match(/\p{Lu}\p{L}*/gu) ?? []) {
      expect(names.has(word) || BANK_WORDS.has(word), `${word} in "${q.text}"`).toBe(true);
    }
    expect(q.text).not.toMatch(/[{}]|undefined|null|\s{2}/);
    for (const named of q.people) {
      expect(ids.has(named.person)).toBe(true);
      expect(named.name.trim()).not.toBe('');
    }
    if (q.addressedTo !== null) expect(ids.has(q.addressedTo)).toBe(true);
  }
}

/** A deterministic shuffle, so "in any order" is tested without randomness. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('questions: bank', () => {
  it('has at least 60 valid templates, at least 4 of every kind', () => {
    expect(DEFAULT_QUESTION_BANK.length).toBeGreaterThanOrEqual(60);
    expect(() => questionBankSchema.parse(DEFAULT_QUESTION_BANK)).not.toThrow();
    for (const kind of QUESTION_KINDS) {
      const count = DEFAULT_QUESTION_BANK.filter((t) => t.kind === kind).length;
      expect(count, kind).toBeGreaterThanOrEqual(4);
    }
  });

  it('uses only known roles as placeholders, and every one it uses is required', () => {
    for (const template of DEFAULT_QUESTION_BANK) {
      for (const name of placeholdersOf(template.text)) {
        expect(QUESTION_ROLES as readonly string[], template.id).toContain(name);
        expect(template.requires as string[], template.id).toContain(name);
      }
    }
  });

  it('rejects a template with an unknown placeholder or a baby asked directly', () => {
    const base = { id: 'x', kind: 'circular', addressedTo: 'parent', requires: ['parent'] };
    expect(
      questionTemplateSchema.safeParse({ ...base, text: 'What would {auntie} say?' }).success,
    ).toBe(false);
    expect(
      questionTemplateSchema.safeParse({ ...base, text: 'What would {child} say?' }).success,
    ).toBe(false);
    expect(
      questionTemplateSchema.safeParse({
        ...base,
        addressedTo: 'child',
        requires: ['child'],
        forChild: ['baby'],
        text: 'How are you?',
      }).success,
    ).toBe(false);
    expect(
      questionBankSchema.safeParse([
        { ...base, text: 'Who helps?' },
        { ...base, text: 'Who else helps?' },
      ]).success,
    ).toBe(false);
  });
});

describe('questions: kinship', () => {
  it('names the relations to the child', () => {
    const k = kinshipFor(teenageMother(), 'ava' as PersonId);
    expect(k?.stage).toBe('baby');
    expect(k?.parents.map((p) => [p.person.id, p.relation, p.absent])).toEqual([
      ['chloe', "Ava's mum", false],
      ['kyle', "Ava's dad", true],
    ]);
    expect(k?.grandparents.map((g) => [g.person.id, g.relation])).toEqual([
      ['gary', "Ava's grandfather on her mum's side"],
      ['sandra', "Ava's grandmother on her mum's side"],
    ]);
    // The miscarriage is drawn on the genogram but is nobody's sibling in a question.
    expect(k?.siblings).toEqual([]);

    const c = kinshipFor(teenageMother(), 'chloe' as PersonId);
    expect(c?.siblings.map((s) => [s.name, s.relation])).toEqual([
      ['Jodie', "Chloe's sister"],
      ['Ryan', "Chloe's brother"],
    ]);
    expect(c?.parents.map((p) => [p.name, p.relation, p.absent])).toEqual([
      ['Gary', "Chloe's dad", true],
      ['Sandra', "Chloe's mum", false],
    ]);
  });

  it('uses "parent" and "grandparent" when gender is unknown, and relation phrases for the unnamed', () => {
    const g = genogram({
      people: [
        person('p', { name: 'Sam', gender: 'unknown' }),
        person('gp', { name: '', gender: 'unknown' }),
        person('kid', { name: 'Mia', gender: 'female', age: 6, childOfConcern: true }),
      ],
      childLinks: [childOf('l1', 'kid', { parent: 'p' }), childOf('l2', 'p', { parent: 'gp' })],
    });
    const k = kinshipFor(g, 'kid' as PersonId);
    expect(k?.parents[0]?.relation).toBe("Mia's parent");
    expect(k?.grandparents[0]?.relation).toBe("Mia's grandparent on Sam's side");
    expect(k?.grandparents[0]?.name).toBe("Mia's grandparent on Sam's side");
  });
});

describe('questions: generator on the teenage-mother example', () => {
  const questions = generateQuestions({ genogram: teenageMother(), hypothesis });
  const all = texts(questions);

  it('focuses on the baby and asks what her mother, and the baby, would say', () => {
    expect(new Set(questions.map((q) => q.child))).toEqual(new Set(['ava']));
    expect(all).toContain(
      'If Sandra were here with us, what would they say about how you and Ava are getting on?',
    );
    expect(all).toContain('If Ava could talk, what would Ava say about the days at home with you?');
    expect(all).toContain(
      'Who in the family noticed first that things were getting harder with Ava? Who noticed next?',
    );
    expect(all).toContain(
      'If Gary were still here, what would they say about how you are managing with Ava?',
    );
    // A professional is named by role, from the ecomap, never by an invented name.
    expect(all.some((t) => t.includes('the health visitor'))).toBe(true);
  });

  it('addresses the right people with the right relations', () => {
    const here = questions.find((q) => q.templateId === 'circ-grandparent-here');
    expect(here?.addressedTo).toBe('chloe');
    expect(here?.people).toEqual([
      { role: 'child', person: 'ava', name: 'Ava', relation: 'Ava' },
      { role: 'parent', person: 'chloe', name: 'Chloe', relation: "Ava's mum" },
      {
        role: 'grandparent',
        person: 'sandra',
        name: 'Sandra',
        relation: "Ava's grandmother on her mum's side",
      },
    ]);
    // Ava's dad's parents are not on the genogram, so his grandparent questions do not exist.
    expect(
      questions.filter(
        (q) => q.addressedTo === 'kyle' && q.people.some((p) => p.role === 'grandparent'),
      ),
    ).toEqual([]);
  });

  it('never speaks of someone who has died as if they were here, nor asks a baby', () => {
    for (const q of questions) {
      if (q.text.includes('Gary')) expect(q.text).toMatch(/still here|brought you up|proud/);
      expect(q.addressedTo).not.toBe('ava');
      expect(q.addressedTo).not.toBe('gary');
      expect(q.text).not.toContain('Lost');
    }
  });

  it('names nobody who is not on the genogram', () => {
    expect(questions.length).toBeGreaterThan(20);
    assertNamesOnlyPeopleOf(teenageMother(), questions);

    const withoutSandra = teenageMother();
    withoutSandra.people = withoutSandra.people.filter((p) => p.id !== 'sandra');
    withoutSandra.unions = withoutSandra.unions.filter((u) => u.id !== 'u-sandra-gary');
    withoutSandra.childLinks.push(childOf('l-chloe-gary', 'chloe', { parent: 'gary' }));
    withoutSandra.childLinks = withoutSandra.childLinks.filter((l) => l.union !== 'u-sandra-gary');
    withoutSandra.relationships = [];
    const fewer = generateQuestions({ genogram: withoutSandra, hypothesis });
    expect(fewer.length).toBeGreaterThan(0);
    expect(texts(fewer).some((t) => t.includes('Sandra'))).toBe(false);
    assertNamesOnlyPeopleOf(withoutSandra, fewer);
  });

  it('names nobody absent from any fixture family', () => {
    let total = 0;
    for (const [name, build] of Object.entries(FAMILIES)) {
      const g = build();
      const ofConcern = g.people.find((p) => !p.deceased && p.pregnancy === null && p.age === null);
      const linked: QuestionHypothesis = {
        text: name,
        people: ofConcern ? [ofConcern.id] : [],
        relationships: g.relationships.slice(0, 1).map((r) => r.id),
      };
      const out = generateQuestions({ genogram: g, hypothesis: linked });
      total += out.length;
      assertNamesOnlyPeopleOf(g, out);
    }
    expect(total).toBeGreaterThan(100);
  });

  it('gives identical output for the same input, and for the genogram in any order', () => {
    expect(generateQuestions({ genogram: teenageMother(), hypothesis })).toEqual(questions);
    for (const seed of [1, 7, 42]) {
      const g = teenageMother();
      const reordered: Genogram = {
        ...g,
        people: shuffled(g.people, seed),
        unions: shuffled(g.unions, seed),
        childLinks: shuffled(g.childLinks, seed),
        relationships: shuffled(g.relationships, seed),
      };
      const again = generateQuestions({
        genogram: reordered,
        hypothesis: { ...hypothesis, people: shuffled(hypothesis.people, seed) },
        bank: shuffled([...DEFAULT_QUESTION_BANK], seed),
      });
      expect(again).toEqual(questions);
    }
  });

  it('sorts by kind, then relevance, then template, de-duplicated, and honours the limit', () => {
    const order = questions.map((q) => QUESTION_KINDS.indexOf(q.kind));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const keys = questions.map((q) => `${q.addressedTo ?? ''}|${q.text}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(generateQuestions({ genogram: teenageMother(), hypothesis, limit: 5 })).toEqual(
      questions.slice(0, 5),
    );
  });

  it('asks Chloe herself when the hypothesis is about her as a young person', () => {
    const aboutChloe = generateQuestions({
      genogram: teenageMother(),
      hypothesis: {
        text: 'Chloe feels guilty.',
        people: ['chloe'] as PersonId[],
        relationships: [],
      },
    });
    expect(new Set(aboutChloe.map((q) => q.child))).toEqual(new Set(['chloe']));
    const toChloe = texts(aboutChloe.filter((q) => q.addressedTo === 'chloe'));
    expect(toChloe).toContain('What would Sandra say is the thing you are best at?');
    expect(toChloe).toContain('What do you like doing with Jodie?');
    expect(toChloe).toContain(
      'If Gary could see how you are doing now, what do you think they would say?',
    );
    expect(toChloe.some((t) => t.startsWith('If Chloe could talk'))).toBe(false);
    assertNamesOnlyPeopleOf(teenageMother(), aboutChloe);
  });

  it('voices an unborn baby only in hopes, as "the baby" when unnamed', () => {
    const g = teenageMother();
    g.people = g.people.map((p) =>
      p.id === 'ava'
        ? { ...p, name: 'unborn baby', age: null, pregnancy: 'pregnancy' as const }
        : p,
    );
    const unborn = generateQuestions({ genogram: g, hypothesis });
    expect(unborn.length).toBeGreaterThan(0);
    for (const q of unborn) {
      expect(['hyp-unborn-hopes', 'hyp-unborn-your-hopes', 'hyp-unborn-turn-to']).toContain(
        q.templateId,
      );
      expect(q.text).toContain('the baby');
    }
    expect(texts(unborn)).toContain(
      'If the baby could tell us, what would the baby hope for from the family when they arrive?',
    );
  });

  it("uses a unit's edited bank once it validates", () => {
    const edited = questionBankSchema.parse([
      ...DEFAULT_QUESTION_BANK.filter((t) => t.id !== 'circ-baby-would-say'),
      {
        id: 'unit-baby-mornings',
        kind: 'circular',
        addressedTo: 'parent',
        requires: ['parent', 'child'],
        forChild: ['baby'],
        text: 'If {child} could talk, what would {child} say mornings are like with you?',
      },
    ]);
    const out = generateQuestions({ genogram: teenageMother(), hypothesis, bank: edited });
    expect(out.some((q) => q.templateId === 'circ-baby-would-say')).toBe(false);
    expect(texts(out)).toContain(
      'If Ava could talk, what would Ava say mornings are like with you?',
    );
  });
});
