import {
  CHILD_LINK_NOTATION,
  ECOMAP_KIND_LABELS,
  PREGNANCY_NOTATION,
  RELATIONSHIP_NOTATION,
  SUPPORT_NOTATION,
  TIE_NOTATION,
  UNION_KIND_NOTATION,
  UNION_STATUS_NOTATION,
  currentUnionStatus,
  type Direction,
  type EcomapEntry,
  type Gender,
  type Genogram,
  type Person,
  type Relationship,
  type Union,
  type UnionStatus,
  unionDatesText,
} from '@unitroom/shared';

/**
 * Words for the genogram, shared by the canvas's accessible names, the text view and the side
 * panel, so a screen reader user and a sighted user read the same facts in the same words.
 */

/** The form's choices: the notation draws "other" and "unknown" alike, people do not say them alike. */
export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Another gender',
  unknown: 'Not known',
};

const GENDER_WORDS: Record<Gender, string> = {
  female: 'female',
  male: 'male',
  other: 'another gender',
  unknown: 'gender not known',
};

export const DIRECTION_LABELS: Record<Direction, (a: string, b: string) => string> = {
  none: () => 'No direction',
  a_to_b: (a, b) => `From ${a} to ${b}`,
  b_to_a: (a, b) => `From ${b} to ${a}`,
  both: () => 'Both ways',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Partial ISO dates as people say them: "2014", "March 2014", "27 March 2014". */
export function formatPartialDate(date: string | null): string {
  if (date === null) return '';
  const [year = '', month, day] = date.split('-');
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (monthName === undefined) return year;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

export const yearOf = (date: string | null): number | null =>
  date === null ? null : Number(date.slice(0, 4));

export const personName = (person: Pick<Person, 'name'> | undefined): string =>
  person?.name.trim() || 'Unnamed person';

/**
 * The age drawn inside the symbol: the recorded age, or the years since birth (to death for
 * someone who died). Year arithmetic only: families often know no more than the year.
 */
export function ageOf(person: Person, thisYear: number): number | null {
  if (person.pregnancy !== null) return null;
  if (person.age !== null) return person.age;
  const born = yearOf(person.birthDate);
  if (born === null) return null;
  const end = person.deceased || person.deathDate ? yearOf(person.deathDate) : thisYear;
  if (end === null || end < born) return null;
  return end - born;
}

/** The short dates line under a symbol: "b. 2014", "1950–2020", "d. 2020". */
export function lifeDatesLabel(person: Person): string {
  const born = yearOf(person.birthDate);
  const died = yearOf(person.deathDate);
  if (born !== null && died !== null) return `${born}–${died}`;
  if (born !== null) return `b. ${born}`;
  if (died !== null) return `d. ${died}`;
  return '';
}

/** The accessible name of a person's symbol: "Mia Harper, female, born 2014, age 11, child of concern". */
export function personSummary(person: Person, thisYear: number): string {
  const parts = [personName(person)];
  if (person.pregnancy !== null) {
    parts.push(PREGNANCY_NOTATION[person.pregnancy].label.toLowerCase());
    if (person.gender !== 'unknown') parts.push(GENDER_WORDS[person.gender]);
  } else {
    parts.push(GENDER_WORDS[person.gender]);
  }
  if (person.birthDate) parts.push(`born ${formatPartialDate(person.birthDate)}`);
  if (person.deathDate) parts.push(`died ${formatPartialDate(person.deathDate)}`);
  else if (person.deceased) parts.push('died');
  const age = ageOf(person, thisYear);
  if (age !== null) parts.push(`age ${age}`);
  if (person.childOfConcern) parts.push('child of concern');
  return parts.join(', ');
}

/** Everything else worth saying about a person, for the text view's details column. */
export function personDetails(person: Person): string[] {
  const details: string[] = [];
  if (person.childOfConcern) details.push('Child of concern');
  if (person.pregnancy !== null) details.push(PREGNANCY_NOTATION[person.pregnancy].label);
  if (person.deceased && !person.deathDate) details.push('Died (date not known)');
  if (person.doNotDiscloseAddress) details.push('Address must not be disclosed');
  const a = person.attributes;
  const attributes: [string, string][] = [
    ['Health', a.health],
    ['Mental health', a.mentalHealth],
    ['Substance misuse', a.substanceMisuse],
    ['Disability', a.disability],
    ['Culture', a.culture],
    ['Religion', a.religion],
    ['Language', a.language],
    ['Council id', person.councilPersonId ?? ''],
    ['Notes', person.notes],
  ];
  for (const [label, value] of attributes) if (value.trim()) details.push(`${label}: ${value}`);
  return details;
}

export const genderLabel = (gender: Gender): string => GENDER_LABELS[gender];

export const UNION_EVENT_WORDS: Record<UnionStatus, string> = {
  together: 'back together',
  separated: 'separated',
  divorced: 'divorced',
};

/** The dates text on a union line, in the genogram's shorthand: "CP 2015", "m. 2004, div. 2012".
 * The layout keeps room for exactly this text, so it is defined beside the layout. */
export const unionDateLabel = unionDatesText;

/** "Married 2004; separated 2010; divorced 2012", for the text view. */
export function unionHistory(union: Union): string {
  const started = union.startDate ? ` since ${formatPartialDate(union.startDate)}` : '';
  const parts = [`${UNION_KIND_NOTATION[union.kind].label}${started}`];
  for (const event of union.events) {
    const when = event.date ? ` ${formatPartialDate(event.date)}` : '';
    parts.push(`${UNION_EVENT_WORDS[event.status]}${when}`);
  }
  return parts.join('; ');
}

export const unionStatusLabel = (union: Union): string =>
  UNION_STATUS_NOTATION[currentUnionStatus(union)].label;

export type NameOf = (id: string) => string;

/** Looks up people's names by id; someone no longer on the genogram reads as "someone removed". */
export function namesOf(genogram: Genogram): NameOf {
  const byId = new Map(genogram.people.map((person) => [person.id as string, person]));
  return (id) => {
    const person = byId.get(id);
    return person ? personName(person) : 'someone removed';
  };
}

export const unionTitle = (union: Union, nameOf: NameOf): string =>
  `${nameOf(union.partnerA)} and ${nameOf(union.partnerB)}`;

export const relationshipKindLabel = (relationship: Pick<Relationship, 'kind'>): string =>
  RELATIONSHIP_NOTATION[relationship.kind].label;

export const directionLabel = (relationship: Relationship, nameOf: NameOf): string =>
  DIRECTION_LABELS[relationship.direction](nameOf(relationship.a), nameOf(relationship.b));

export function relationshipTitle(relationship: Relationship, nameOf: NameOf): string {
  return `${relationshipKindLabel(relationship)}: ${nameOf(relationship.a)} and ${nameOf(relationship.b)}`;
}

export const childLinkKindLabel = (kind: keyof typeof CHILD_LINK_NOTATION): string =>
  CHILD_LINK_NOTATION[kind].label;

export function ecomapSummary(entry: EcomapEntry): string {
  return `${entry.label || ECOMAP_KIND_LABELS[entry.kind]} (${ECOMAP_KIND_LABELS[entry.kind]}), ${TIE_NOTATION[
    entry.tie
  ].label.toLowerCase()}`;
}

export const supportLabel = (entry: EcomapEntry): string => SUPPORT_NOTATION[entry.support].label;

export function connectedToLabel(entry: EcomapEntry, nameOf: NameOf): string {
  return entry.connectedTo.length === 0
    ? 'The whole family'
    : entry.connectedTo.map(nameOf).join(', ');
}

/** A file name from a family name: "Harper family" → "harper-family-genogram". */
export function exportBaseName(familyName: string): string {
  const slug = familyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'family'}-genogram`;
}

/**
 * Words on lines of about `maxChars`, nothing cut: a word longer than that keeps a line of its
 * own, whole. What an exported picture draws, as the record's does ([X4]).
 */
export function wrapWhole(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a label into at most `maxLines` lines of about `maxChars`, ending in "…" if cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines = wrapWhole(text, maxChars);
  const shorten = (l: string) => `${l.slice(0, maxChars - 1).trimEnd()}…`;
  const kept = lines.slice(0, maxLines).map((l) => (l.length > maxChars ? shorten(l) : l));
  const last = kept[maxLines - 1];
  if (lines.length > maxLines && last !== undefined && !last.endsWith('…'))
    kept[maxLines - 1] = last.length >= maxChars ? shorten(last) : `${last}…`;
  return kept;
}
