import type { ChildLinkKind } from '../model/genogram/childLink.js';
import type { EcomapKind, SupportFlow, TieStrength } from '../model/genogram/ecomapEntry.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Gender, Person, PregnancyState } from '../model/genogram/person.js';
import type { RelationshipKind } from '../model/genogram/relationship.js';
import type { UnionKind, UnionStatus } from '../model/genogram/union.js';
import { currentUnionStatus } from '../model/genogram/union.js';

/**
 * The genogram notation (McGoldrick, Gerson & Petry; Hartman's ecomap) as data, so the SVG
 * canvas, its legend and the text twin for screen readers all read one table. Where the books
 * leave a choice open (civil partnership, kinship and step links, the abuse kinds, colours) the
 * choice is ours and is written down here. Every kind differs from every other kind of its
 * category in shape, pattern or stroke count, never by colour alone (WCAG 1.4.1); every colour
 * has at least 3:1 contrast on white (WCAG 1.4.11).
 */

/** GOV.UK palette: staff know it, and each colour holds its contrast on white. */
export const NOTATION_COLOURS = {
  ink: '#0b0c0c',
  grey: '#505a5f',
  green: '#00703c',
  darkGreen: '#005a30',
  blue: '#1d70b8',
  purple: '#4c2c92',
  red: '#d4351c',
  darkRed: '#942514',
  brown: '#6f4a00',
  orange: '#a84300',
} as const;

export type StrokePattern = 'solid' | 'dashed' | 'dotted' | 'dash_dot' | 'dash_dot_dot';

/** `stroke-dasharray` for each pattern, in layout units; empty means solid. */
export const STROKE_DASHES: Record<StrokePattern, readonly number[]> = {
  solid: [],
  dashed: [8, 5],
  dotted: [2, 4],
  dash_dot: [10, 4, 2, 4],
  dash_dot_dot: [10, 4, 2, 4, 2, 4],
};

/**
 * Marks drawn across a line at its middle: status slashes on unions, the break of a cut-off
 * (two short bars with a gap), the same break inside a small circle once repaired, and the
 * cross-hatching of a stressful ecomap tie (short ticks along its whole length).
 */
export type LineMark =
  'none' | 'one_slash' | 'two_slashes' | 'break' | 'break_repaired' | 'hatched';

/**
 * Where arrowheads go: never; at the end(s) named by a relationship's `direction`; or at the
 * end(s) named by an ecomap entry's `support` flow.
 */
export type ArrowUse = 'none' | 'by_direction' | 'by_support';

export interface LineStyle {
  pattern: StrokePattern;
  /** Stroke width of each parallel line, in layout units. */
  width: number;
  /** Parallel strokes side by side, `PARALLEL_GAP` apart: two for close, three for fused. */
  parallel: 1 | 2 | 3;
  /** Drawn as a zigzag (conflict, hostility, abuse) rather than a straight line. */
  zigzag: boolean;
  marks: LineMark;
  arrows: ArrowUse;
  colour: string;
}

/** Distance between parallel strokes of one line, in layout units. */
export const PARALLEL_GAP = 4;

const line = (partial: Partial<LineStyle>): LineStyle => ({
  pattern: 'solid',
  width: 1.5,
  parallel: 1,
  zigzag: false,
  marks: 'none',
  arrows: 'none',
  colour: NOTATION_COLOURS.ink,
  ...partial,
});

// ---------------------------------------------------------------------------------------------
// People

export type PersonShape = 'square' | 'circle' | 'diamond' | 'triangle' | 'dot' | 'cross';

/** How one person is drawn; `personGlyph` derives it from the model. */
export interface PersonGlyph {
  shape: PersonShape;
  /** Full symbols are `SYMBOL_SIZE` across, small ones `SMALL_SYMBOL_SIZE` (see layout.ts). */
  size: 'full' | 'small';
  filled: boolean;
  /** An X across the symbol: died, or stillborn. */
  crossed: boolean;
  /** A second outline: a child of concern (an unborn child of concern included). */
  doubleOutline: boolean;
}

export const GENDER_NOTATION: Record<Gender, { shape: PersonShape; label: string }> = {
  male: { shape: 'square', label: 'Male' },
  female: { shape: 'circle', label: 'Female' },
  other: { shape: 'diamond', label: 'Another gender, or not known' },
  unknown: { shape: 'diamond', label: 'Another gender, or not known' },
};

/**
 * McGoldrick: a pregnancy is a triangle; a miscarriage a small filled circle; a termination a
 * small X; a stillbirth a small symbol of the baby's gender with an X across it. The triangle
 * stays full size so an unborn child of concern (pre-birth assessment) reads at a glance.
 */
export const PREGNANCY_NOTATION: Record<
  PregnancyState,
  {
    label: string;
    shape: PersonShape | 'gender';
    size: 'full' | 'small';
    filled: boolean;
    crossed: boolean;
  }
> = {
  pregnancy: { label: 'Pregnancy', shape: 'triangle', size: 'full', filled: false, crossed: false },
  miscarriage: { label: 'Miscarriage', shape: 'dot', size: 'small', filled: true, crossed: false },
  termination: {
    label: 'Termination',
    shape: 'cross',
    size: 'small',
    filled: false,
    crossed: false,
  },
  stillbirth: { label: 'Stillbirth', shape: 'gender', size: 'small', filled: false, crossed: true },
};

export function personGlyph(
  person: Pick<Person, 'gender' | 'deceased' | 'childOfConcern' | 'pregnancy'>,
): PersonGlyph {
  const genderShape = GENDER_NOTATION[person.gender].shape;
  if (person.pregnancy !== null) {
    const notation = PREGNANCY_NOTATION[person.pregnancy];
    return {
      shape: notation.shape === 'gender' ? genderShape : notation.shape,
      size: notation.size,
      filled: notation.filled,
      crossed: notation.crossed,
      doubleOutline: person.childOfConcern,
    };
  }
  return {
    shape: genderShape,
    size: 'full',
    filled: false,
    crossed: person.deceased,
    doubleOutline: person.childOfConcern,
  };
}

// ---------------------------------------------------------------------------------------------
// Unions and children

/** A civil partnership is a marriage in law: solid, tagged "CP" so it is not read as one. */
export const UNION_KIND_NOTATION: Record<
  UnionKind,
  { label: string; line: LineStyle; tag: string | null }
> = {
  marriage: { label: 'Married', line: line({}), tag: null },
  civil_partnership: { label: 'Civil partnership', line: line({}), tag: 'CP' },
  cohabitation: { label: 'Living together', line: line({ pattern: 'dashed' }), tag: null },
  other: { label: 'Other partnership', line: line({ pattern: 'dotted' }), tag: null },
};

export const UNION_STATUS_NOTATION: Record<
  UnionStatus,
  { label: string; marks: LineMark; slashes: 0 | 1 | 2 }
> = {
  together: { label: 'Together', marks: 'none', slashes: 0 },
  separated: { label: 'Separated', marks: 'one_slash', slashes: 1 },
  divorced: { label: 'Divorced', marks: 'two_slashes', slashes: 2 },
};

/** The sibling bar stays solid; a link's own kind styles the stroke from the bar to the child. */
export const CHILD_LINK_NOTATION: Record<ChildLinkKind, { label: string; line: LineStyle }> = {
  birth: { label: 'Birth child', line: line({}) },
  adopted: { label: 'Adopted child', line: line({ pattern: 'dashed' }) },
  fostered: { label: 'Foster child', line: line({ pattern: 'dotted' }) },
  kinship: { label: 'Kinship care', line: line({ pattern: 'dash_dot' }) },
  step: { label: 'Step-child', line: line({ pattern: 'dash_dot_dot' }) },
};

export const TWIN_NOTATION = {
  fraternal: { label: 'Twins', identicalBar: false },
  identical: { label: 'Identical twins', identicalBar: true },
} as const;

// ---------------------------------------------------------------------------------------------
// Emotional relationships

export const RELATIONSHIP_NOTATION: Record<RelationshipKind, { label: string; line: LineStyle }> = {
  close: { label: 'Close', line: line({ parallel: 2, colour: NOTATION_COLOURS.green }) },
  fused: {
    label: 'Very close, fused',
    line: line({ parallel: 3, colour: NOTATION_COLOURS.darkGreen }),
  },
  distant: { label: 'Distant', line: line({ pattern: 'dashed', colour: NOTATION_COLOURS.grey }) },
  conflictual: {
    label: 'Conflictual',
    line: line({ zigzag: true, colour: NOTATION_COLOURS.orange }),
  },
  hostile: {
    label: 'Hostile',
    line: line({ zigzag: true, width: 3.5, colour: NOTATION_COLOURS.red }),
  },
  cut_off: { label: 'Cut off', line: line({ marks: 'break' }) },
  cut_off_repaired: { label: 'Cut off, then repaired', line: line({ marks: 'break_repaired' }) },
  physical_abuse: {
    label: 'Physical abuse',
    line: line({ parallel: 2, zigzag: true, arrows: 'by_direction', colour: NOTATION_COLOURS.red }),
  },
  emotional_abuse: {
    label: 'Emotional abuse',
    line: line({
      pattern: 'dashed',
      zigzag: true,
      arrows: 'by_direction',
      colour: NOTATION_COLOURS.purple,
    }),
  },
  sexual_abuse: {
    label: 'Sexual abuse',
    line: line({
      parallel: 3,
      zigzag: true,
      arrows: 'by_direction',
      colour: NOTATION_COLOURS.darkRed,
    }),
  },
  neglect: {
    label: 'Neglect',
    line: line({
      pattern: 'dotted',
      width: 2,
      arrows: 'by_direction',
      colour: NOTATION_COLOURS.brown,
    }),
  },
  focused_on: {
    label: 'Focused on',
    line: line({ width: 2, arrows: 'by_direction', colour: NOTATION_COLOURS.blue }),
  },
};

// ---------------------------------------------------------------------------------------------
// Households, ecomap, legal markers

export interface BoundaryStyle {
  pattern: StrokePattern;
  width: number;
  colour: string;
  /** Corner rounding of the outline polygon, in layout units. */
  cornerRadius: number;
}

export const HOUSEHOLD_NOTATION: { label: string; boundary: BoundaryStyle } = {
  label: 'Lives together now (household)',
  boundary: { pattern: 'dashed', width: 1.5, colour: NOTATION_COLOURS.blue, cornerRadius: 16 },
};

/** Hartman's ecomap: strong ties thick, tenuous ties dashed, stressful ties cross-hatched. */
export const TIE_NOTATION: Record<TieStrength, { label: string; line: LineStyle }> = {
  strong: { label: 'Strong tie', line: line({ width: 4, arrows: 'by_support' }) },
  tenuous: { label: 'Tenuous tie', line: line({ pattern: 'dashed', arrows: 'by_support' }) },
  stressful: {
    label: 'Stressful tie',
    line: line({ width: 2, marks: 'hatched', arrows: 'by_support', colour: NOTATION_COLOURS.red }),
  },
};

/** Where a tie's arrowheads go: the family end, the agency's end, or both. */
export const SUPPORT_NOTATION: Record<
  SupportFlow,
  { label: string; arrowAt: 'none' | 'family' | 'entry' | 'both' }
> = {
  none: { label: 'No flow of support shown', arrowAt: 'none' },
  to_family: { label: 'Support to the family', arrowAt: 'family' },
  from_family: { label: 'Support from the family', arrowAt: 'entry' },
  both: { label: 'Support both ways', arrowAt: 'both' },
};

export const ECOMAP_KIND_LABELS: Record<EcomapKind, string> = {
  school: 'School',
  gp: 'GP',
  health_visitor: 'Health visitor',
  police: 'Police',
  housing: 'Housing',
  faith_group: 'Faith group',
  friends: 'Friends',
  extended_family: 'Extended family',
  professional: 'Professional',
  other: 'Other',
};

export interface BadgeStyle {
  text: string;
  colour: string;
  /** The line from the badge to the child the marker is about. */
  connector: LineStyle;
}

export const LEGAL_NOTATION: {
  parentalResponsibility: { label: string; badge: BadgeStyle };
  contactRestriction: { label: string; badge: BadgeStyle };
} = {
  parentalResponsibility: {
    label: 'Has parental responsibility',
    badge: {
      text: 'PR',
      colour: NOTATION_COLOURS.blue,
      connector: line({ pattern: 'dotted', width: 1, colour: NOTATION_COLOURS.blue }),
    },
  },
  contactRestriction: {
    label: 'Contact restricted',
    badge: {
      text: '⊘',
      colour: NOTATION_COLOURS.red,
      connector: line({ pattern: 'dash_dot', width: 1, colour: NOTATION_COLOURS.red }),
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Legend

export type LegendCategory =
  | 'person'
  | 'pregnancy'
  | 'union'
  | 'union_status'
  | 'child_link'
  | 'twins'
  | 'relationship'
  | 'household'
  | 'ecomap_tie'
  | 'support'
  | 'legal';

/** What the legend draws beside the label. */
export type LegendSample =
  | { type: 'glyph'; glyph: PersonGlyph }
  | {
      type: 'line';
      line: LineStyle;
      tag: string | null;
      arrowAt: 'none' | 'family' | 'entry' | 'both';
    }
  | { type: 'twins'; identicalBar: boolean }
  | { type: 'boundary'; boundary: BoundaryStyle }
  | { type: 'badge'; badge: BadgeStyle };

export interface LegendEntry {
  /** Stable key, `category.kind`: safe for React keys and test assertions. */
  key: string;
  category: LegendCategory;
  label: string;
  sample: LegendSample;
}

const glyph = (partial: Partial<PersonGlyph> & { shape: PersonShape }): LegendSample => ({
  type: 'glyph',
  glyph: { size: 'full', filled: false, crossed: false, doubleOutline: false, ...partial },
});
const lineSample = (
  style: LineStyle,
  tag: string | null = null,
  arrowAt: 'none' | 'family' | 'entry' | 'both' = 'none',
): LegendSample => ({ type: 'line', line: style, tag, arrowAt });

/** Every legend entry, in the order the legend lists them. */
export const LEGEND: readonly LegendEntry[] = [
  { key: 'person.male', category: 'person', label: 'Male', sample: glyph({ shape: 'square' }) },
  { key: 'person.female', category: 'person', label: 'Female', sample: glyph({ shape: 'circle' }) },
  {
    key: 'person.other',
    category: 'person',
    label: GENDER_NOTATION.other.label,
    sample: glyph({ shape: 'diamond' }),
  },
  {
    key: 'person.deceased',
    category: 'person',
    label: 'Died',
    sample: glyph({ shape: 'square', crossed: true }),
  },
  {
    key: 'person.child_of_concern',
    category: 'person',
    label: 'Child of concern',
    sample: glyph({ shape: 'circle', doubleOutline: true }),
  },
  ...(['pregnancy', 'miscarriage', 'termination', 'stillbirth'] as const).map(
    (state): LegendEntry => {
      const notation = PREGNANCY_NOTATION[state];
      return {
        key: `pregnancy.${state}`,
        category: 'pregnancy',
        label: notation.label,
        sample: glyph({
          // The legend shows a stillbirth with the square; the canvas uses the baby's gender.
          shape: notation.shape === 'gender' ? 'square' : notation.shape,
          size: notation.size,
          filled: notation.filled,
          crossed: notation.crossed,
        }),
      };
    },
  ),
  ...(['marriage', 'civil_partnership', 'cohabitation', 'other'] as const).map(
    (kind): LegendEntry => ({
      key: `union.${kind}`,
      category: 'union',
      label: UNION_KIND_NOTATION[kind].label,
      sample: lineSample(UNION_KIND_NOTATION[kind].line, UNION_KIND_NOTATION[kind].tag),
    }),
  ),
  ...(['separated', 'divorced'] as const).map((status): LegendEntry => ({
    key: `union_status.${status}`,
    category: 'union_status',
    label: UNION_STATUS_NOTATION[status].label,
    sample: lineSample(line({ marks: UNION_STATUS_NOTATION[status].marks })),
  })),
  ...(['birth', 'adopted', 'fostered', 'kinship', 'step'] as const).map((kind): LegendEntry => ({
    key: `child_link.${kind}`,
    category: 'child_link',
    label: CHILD_LINK_NOTATION[kind].label,
    sample: lineSample(CHILD_LINK_NOTATION[kind].line),
  })),
  {
    key: 'twins.fraternal',
    category: 'twins',
    label: TWIN_NOTATION.fraternal.label,
    sample: { type: 'twins', identicalBar: false },
  },
  {
    key: 'twins.identical',
    category: 'twins',
    label: TWIN_NOTATION.identical.label,
    sample: { type: 'twins', identicalBar: true },
  },
  ...(Object.keys(RELATIONSHIP_NOTATION) as RelationshipKind[]).map((kind): LegendEntry => ({
    key: `relationship.${kind}`,
    category: 'relationship',
    label: RELATIONSHIP_NOTATION[kind].label,
    sample: lineSample(RELATIONSHIP_NOTATION[kind].line),
  })),
  {
    key: 'household',
    category: 'household',
    label: HOUSEHOLD_NOTATION.label,
    sample: { type: 'boundary', boundary: HOUSEHOLD_NOTATION.boundary },
  },
  ...(['strong', 'tenuous', 'stressful'] as const).map((tie): LegendEntry => ({
    key: `ecomap_tie.${tie}`,
    category: 'ecomap_tie',
    label: TIE_NOTATION[tie].label,
    sample: lineSample(TIE_NOTATION[tie].line),
  })),
  ...(['to_family', 'from_family', 'both'] as const).map((flow): LegendEntry => ({
    key: `support.${flow}`,
    category: 'support',
    label: SUPPORT_NOTATION[flow].label,
    sample: lineSample(line({}), null, SUPPORT_NOTATION[flow].arrowAt),
  })),
  {
    key: 'legal.parental_responsibility',
    category: 'legal',
    label: LEGAL_NOTATION.parentalResponsibility.label,
    sample: { type: 'badge', badge: LEGAL_NOTATION.parentalResponsibility.badge },
  },
  {
    key: 'legal.contact_restriction',
    category: 'legal',
    label: LEGAL_NOTATION.contactRestriction.label,
    sample: { type: 'badge', badge: LEGAL_NOTATION.contactRestriction.badge },
  },
];

/** The legend keys a genogram uses; `symbolsInUse` orders them by `LEGEND`. */
export function legendKeysInUse(genogram: Genogram): Set<string> {
  const used = new Set<string>();
  for (const person of genogram.people) {
    if (person.pregnancy !== null) {
      used.add(`pregnancy.${person.pregnancy}`);
    } else {
      used.add(
        person.gender === 'male'
          ? 'person.male'
          : person.gender === 'female'
            ? 'person.female'
            : 'person.other',
      );
      if (person.deceased) used.add('person.deceased');
    }
    if (person.childOfConcern) used.add('person.child_of_concern');
  }
  for (const union of genogram.unions) {
    used.add(`union.${union.kind}`);
    const status = currentUnionStatus(union);
    if (status !== 'together') used.add(`union_status.${status}`);
  }
  const twinGroups = new Map<string, { count: number; identical: number }>();
  for (const link of genogram.childLinks) {
    used.add(`child_link.${link.kind}`);
    if (link.twinGroup === null) continue;
    const group = twinGroups.get(link.twinGroup) ?? { count: 0, identical: 0 };
    group.count += 1;
    if (link.identical) group.identical += 1;
    twinGroups.set(link.twinGroup, group);
  }
  for (const group of twinGroups.values()) {
    if (group.count < 2) continue;
    used.add(group.identical >= 2 ? 'twins.identical' : 'twins.fraternal');
    if (group.identical >= 2 && group.count > group.identical) used.add('twins.fraternal');
  }
  for (const relationship of genogram.relationships) used.add(`relationship.${relationship.kind}`);
  if (genogram.households.some((household) => household.members.length > 0)) used.add('household');
  for (const entry of genogram.ecomap) {
    used.add(`ecomap_tie.${entry.tie}`);
    if (entry.support !== 'none') used.add(`support.${entry.support}`);
  }
  if (genogram.parentalResponsibility.length > 0) used.add('legal.parental_responsibility');
  if (genogram.contactRestrictions.length > 0) used.add('legal.contact_restriction');
  return used;
}

/** The legend for one genogram: only the entries it uses, always in `LEGEND` order. */
export function symbolsInUse(genogram: Genogram): LegendEntry[] {
  const used = legendKeysInUse(genogram);
  return LEGEND.filter((entry) => used.has(entry.key));
}
