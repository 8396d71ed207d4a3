/**
 * The words the checker looks for, listed here (and in README, "Systemic-discussion prompts") so
 * anyone can see exactly what counts as evidence. Matching ignores case and is on whole words.
 * Lists are deliberately plain: the prompts ask questions, they do not judge prose.
 */

/** F1: the wider system: extended family, community, culture and faith, agencies. */
export const WIDER_SYSTEM_TERMS = [
  // extended family and friends
  'grandmother',
  'grandfather',
  'grandma',
  'grandad',
  'granddad',
  'grandparent',
  'grandparents',
  'nan',
  'nana',
  'nanny',
  'gran',
  'aunt',
  'auntie',
  'aunty',
  'uncle',
  'cousin',
  'cousins',
  'godparent',
  'godmother',
  'godfather',
  'relatives',
  'extended family',
  'wider family',
  'kinship',
  'friend',
  'friends',
  'neighbour',
  'neighbours',
  // community, culture and faith
  'community',
  'church',
  'mosque',
  'temple',
  'gurdwara',
  'synagogue',
  'faith',
  'religion',
  'religious',
  'culture',
  'cultural',
  'heritage',
  'ethnicity',
  'language',
  'interpreter',
  'migration',
  'asylum',
  'youth club',
  // agencies
  'school',
  'college',
  'nursery',
  'teacher',
  'gp',
  'health visitor',
  'midwife',
  'hospital',
  'camhs',
  'police',
  'housing',
  'landlord',
  'benefits',
  'universal credit',
  'jobcentre',
  'probation',
  'youth offending',
  'court',
  'solicitor',
  'agency',
  'agencies',
  'charity',
  'food bank',
  'foodbank',
  'refuge',
] as const;

/** F2: talk of patterns across the family that a genogram shows. */
export const PATTERN_TERMS = [
  'genogram',
  'pattern',
  'patterns',
  'generation',
  'generations',
  'generational',
  'intergenerational',
  'repeat',
  'repeats',
  'repeated',
  'repeating',
  'family script',
  'family scripts',
  'legacy',
  'youngest',
  'eldest',
  'oldest',
  'middle child',
  'only child',
  'cut off',
  'estranged',
  'relationship between',
  'relationships between',
  'triangle',
  'like her mother',
  'like his mother',
  'like her father',
  'like his father',
  'like their parents',
  'same as her mother',
  'same as his father',
] as const;

/** F3: curious, tentative, reflective talk; more than one way of seeing. */
export const REFLECTIVE_TERMS = [
  'i wonder',
  'we wonder',
  'wondered',
  'wondering',
  'wonder',
  'maybe',
  'perhaps',
  'may',
  'seems',
  'seem',
  'might',
  'could be',
  'may be',
  'possibly',
  'what if',
  'on the other hand',
  'alternatively',
  'another way',
  'another explanation',
  'another view',
  'different view',
  'differently',
  'curious',
  'not sure',
  'we don’t know',
  "we don't know",
  'unclear whether',
  'point of view',
  'perspective',
  'what would',
  'how would',
  'who would',
] as const;

/**
 * F7: the family's own view, when it is written in prose rather than in a risk's "family's view":
 * one of these words, or the first name of someone on the genogram, followed by a verb of saying,
 * thinking or feeling ("Mum says", "Kelly feels", "the family want").
 */
export const FAMILY_VIEW_SUBJECTS = [
  'mum',
  'mother',
  'dad',
  'father',
  'parent',
  'parents',
  'carer',
  'carers',
  'family',
  'nan',
  'gran',
  'grandmother',
  'grandfather',
  'stepdad',
  'stepmum',
] as const;
export const FAMILY_VIEW_VERBS = [
  'says',
  'said',
  'told us',
  'tells us',
  'feels',
  'felt',
  'feel',
  'thinks',
  'thought',
  'think',
  'wants',
  'wanted',
  'want',
  'believes',
  'believed',
  'worries',
  'is worried',
  'was worried',
  'hopes',
  'asked',
  'would like',
] as const;

/**
 * Purpose markers: an action that holds one of these says what it is for. An action without any
 * is "process only" ("visit child at school", "refer to agency").
 */
export const PURPOSE_PATTERNS: readonly RegExp[] = [
  /\bso that\b/i,
  /\bso\s+(?:she|he|they|we|it|mum|dad|the|her|his|their)\b/i,
  /\bin order to\b/i,
  /\bbecause\b/i,
  /\bto\s+(?:help|support|find out|understand|explore|see whether|see if|see how|learn|ask|hear|agree|plan|reduce|keep|build|improve|check whether|check if|test|prepare|protect|stop|end|increase)\b/i,
  /\baim(?:s|ed)?\s+(?:to|is)\b/i,
  /\bhop(?:e|ing)\s+(?:to|that)\b/i,
  /\bwhich will\b/i,
  /\bfor\s+\w+\s+to\b/i,
];

const alternation = (terms: readonly string[]) =>
  [...terms]
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('|');

/** "<subject> <verb>" for F7, with the family's own first names as subjects too. */
export function familyViewPattern(firstNames: readonly string[]): RegExp {
  const subjects = alternation([...FAMILY_VIEW_SUBJECTS, ...firstNames]);
  return new RegExp(`\\b(?:${subjects})\\s+(?:${alternation(FAMILY_VIEW_VERBS)})\\b`, 'gi');
}
