import type {
  ChildLinkId,
  EcomapEntryId,
  HouseholdId,
  PersonId,
  RelationshipId,
  UnionId,
} from '../ids.js';
import type { ChildLinkKind } from '../model/genogram/childLink.js';
import type { SupportFlow, TieStrength } from '../model/genogram/ecomapEntry.js';
import type { Direction, RelationshipKind } from '../model/genogram/relationship.js';
import type { UnionKind, UnionStatus } from '../model/genogram/union.js';
import type { Point, Rect } from './geometry.js';
import type { PersonGlyph } from './notation.js';

/**
 * The genogram layout's output: everything an SVG renderer needs to draw the picture without
 * knowing any layout rule. Coordinates are layout units in SVG orientation (x right, y down);
 * one unit is one CSS pixel at zoom 1. Every coordinate is rounded to 0.01 ([L1]). Every list is
 * sorted by id (or by the key named on it), so two equal genograms give deep-equal layouts.
 * The rules the numbers follow are in LAYOUT.md; [Ln] below cites them.
 */
export interface GenogramLayout {
  units: Readonly<LayoutUnits>;
  /** By id. */
  people: PersonLayout[];
  /** Top row first. */
  rows: RowLayout[];
  /** By id. */
  unions: UnionLayout[];
  /** One per union or lone parent with children drawn under it, by `source`. */
  siblingGroups: SiblingGroupLayout[];
  /** By id. */
  childLinks: ChildLinkLayout[];
  /** By `group`, then `source`. */
  twins: TwinLayout[];
  /** By id. */
  relationships: RelationshipLayout[];
  /** By id; households with nobody on the genogram are left out. */
  households: HouseholdLayout[];
  ecomap: EcomapLayout;
  /** One per holder, by holder id. */
  parentalResponsibility: ParentalResponsibilityLayout[];
  /** One per restricted person, by person id. */
  contactRestrictions: ContactRestrictionLayout[];
  /** People, their labels and household boundaries: what the ecomap is drawn around. */
  familyBounds: Rect;
  /** Everything above, ecomap and badges included: the SVG viewBox before any margin. */
  bounds: Rect;
}

/** The fixed sizes the layout uses, so the renderer draws to the same measure. */
export interface LayoutUnits {
  /** Side of a full symbol's square box: square side, circle diameter, diamond and triangle box. */
  symbol: number;
  /** Box side of miscarriage, termination and stillbirth symbols. */
  smallSymbol: number;
  /** Vertical distance between the centres of two rows. */
  rowHeight: number;
  /** Smallest centre-to-centre distance between partners, siblings, and anyone else ([L6]). */
  partnerGap: number;
  siblingGap: number;
  familyGap: number;
  /** From the lower partner's symbol bottom to lane 0 of a union line, then per lane. */
  unionDrop: number;
  unionLane: number;
  /** From the top of the child row's symbols up to lane 0 of a sibling bar, then per lane. */
  barRise: number;
  barLane: number;
  /** From a symbol's bottom to the top of its label; labels wrap to `labelWidth` and are
   * assumed no taller than `labelHeight` (so they sit below union lane 0 and inside households). */
  labelGap: number;
  labelWidth: number;
  labelHeight: number;
  /** Offset between parallel emotional-relationship lines of one pair. */
  relationshipLane: number;
  /** Gap left between a line's end and the symbol it points at. */
  clearance: number;
  /** Household boundary distance from its members' boxes, and the step between households. */
  householdPadding: number;
  householdStep: number;
  /** Radius of an ecomap entry's circle. */
  ecomapRadius: number;
  /** Distance of a legal badge's centre from the symbol's corner, along each axis. */
  badgeOffset: number;
  /** Largest nudge applied along each axis ([L7]). */
  maxNudge: number;
}

export const LAYOUT_UNITS: Readonly<LayoutUnits> = Object.freeze({
  symbol: 40,
  smallSymbol: 20,
  rowHeight: 200,
  partnerGap: 100,
  siblingGap: 100,
  familyGap: 130,
  unionDrop: 16,
  unionLane: 10,
  barRise: 40,
  barLane: 8,
  labelGap: 24,
  labelWidth: 84,
  labelHeight: 36,
  relationshipLane: 8,
  clearance: 6,
  householdPadding: 14,
  householdStep: 8,
  ecomapRadius: 32,
  badgeOffset: 6,
  maxNudge: 100_000,
});

export interface PersonLayout {
  id: PersonId;
  /** Generation row, 0 at the top ([L2]). */
  row: number;
  /** Centre of the symbol, nudge applied. Everything attached to the person starts here. */
  centre: Point;
  /** Where the automatic layout put the centre, before the nudge. */
  autoCentre: Point;
  /** The nudge applied ([L7]); null when none, or when it was not a finite offset. */
  nudge: { dx: number; dy: number } | null;
  /** Side of the symbol's box: `units.symbol` or `units.smallSymbol`. */
  size: number;
  glyph: PersonGlyph;
  /** The symbol's box around `centre`. */
  box: Rect;
  /** Top centre of the name / age / dates text block, `units.labelGap` below the symbol. */
  label: Point;
  /** The room kept for that text block: `units.labelWidth` by `units.labelHeight` ([L17]). */
  labelBox: Rect;
}

export interface RowLayout {
  index: number;
  /** Centre line of the row's symbols before nudges. */
  y: number;
  /** Left to right, before nudges. */
  people: PersonId[];
}

export interface UnionLayout {
  id: UnionId;
  partnerA: PersonId;
  partnerB: PersonId;
  kind: UnionKind;
  /** The latest event's status: 0, 1 or 2 slashes per notation. */
  status: UnionStatus;
  /** The partner drawn on the left (smaller x; partner A on a tie) and on the right. */
  left: PersonId;
  right: PersonId;
  /** Down from the left partner's symbol bottom, across, up to the right partner's ([L8]). */
  path: [Point, Point, Point, Point];
  /** Lane 0 runs `units.unionDrop` below the lower partner; lanes keep lines that span other
   * partners (a third union, a remarriage to the same person) apart. */
  lane: number;
  /** Middle of the horizontal part: where the children's stem leaves the union. */
  drop: Point;
  /** Centre of the status slashes, halfway between the left leg and the drop; null if none. */
  statusMarks: { at: Point; slashes: 1 | 2 } | null;
  /** The union's dates text ("m. 2004, div. 2012", `unionDatesText`); empty when none. */
  dates: string;
  /** Anchor for the dates text: baseline middle (text-anchor middle), above the union line,
   * placed clear of every line ([L17]). */
  dateLabel: Point;
  /** The room the dates text takes; null when there is no text. */
  dateLabelBox: Rect | null;
}

export interface SiblingGroupLayout {
  /** `union:<id>` or `parent:<id>`. */
  source: string;
  union: UnionId | null;
  parent: PersonId | null;
  /** The union's drop point, or for a lone parent a point beside their label, level with the
   * symbol's centre ([L17]). */
  drop: Point;
  /** Vertical from `drop` down to the bar (for a lone parent, first from the symbol's side to
   * `drop`); drawn solid. */
  stem: Point[];
  /** Horizontal across every child's (or twin apex's) attach point and the stem; drawn solid. */
  bar: [Point, Point];
  /** Lane 0 is `units.barRise` above the child row; overlapping bars in a row take higher lanes. */
  lane: number;
  /** The children drawn under this source, eldest first ([L4]). */
  children: PersonId[];
}

export interface ChildLinkLayout {
  id: ChildLinkId;
  child: PersonId;
  union: UnionId | null;
  parent: PersonId | null;
  kind: ChildLinkKind;
  /** The child stands under this link's source; false: the child stands under another link. */
  primary: boolean;
  /**
   * The part drawn in the link kind's style (dashed for adoption, ...). A primary link: from its
   * point on the sibling bar (the twin apex for twins) to the top of the child's symbol. Any other
   * link: from its source's drop point, down to its own bar lane in the child's row, across and
   * down to the top of the child's symbol.
   */
  path: Point[];
  twinGroup: string | null;
}

export interface TwinLayout {
  group: string;
  source: string;
  /** Left to right. */
  members: PersonId[];
  /** The one point on the sibling bar every twin's line starts from ([L9]). */
  apex: Point;
  /** Joins the identical twins' lines halfway down; null if fewer than two are identical. */
  identicalBar: [Point, Point] | null;
}

export interface RelationshipLayout {
  id: RelationshipId;
  a: PersonId;
  b: PersonId;
  kind: RelationshipKind;
  direction: Direction;
  /** Near `a`'s symbol, and near `b`'s; arrows by `direction` go at these ends ([L10]). */
  from: Point;
  to: Point;
  /** Control point of a quadratic Bézier when the straight line would cross another symbol or a
   * label; null for a straight line or a routed one. */
  control: Point | null;
  /** The course drawn, `from` to `to`: the straight line, the Bézier (sampled), or the route
   * around labels and symbols when no bend is clear ([L10]). */
  path: Point[];
  /** This line's index among the lines between the same two people, and their count. */
  lane: number;
  lanes: number;
}

export interface HouseholdLayout {
  id: HouseholdId;
  /** The members on the genogram, by id. */
  members: PersonId[];
  /** Polygon around every member's symbol and label and nobody else's ([L11]); round its corners by
   * `HOUSEHOLD_NOTATION.boundary.cornerRadius`. */
  outline: Point[];
  /** Space the outline goes around but that is not the household's (someone else stands
   * there): drawn as inner boundaries; even-odd, what is inside one is outside the household. */
  holes: Point[][];
  /** Distance kept from the members' boxes: households sharing people nest visibly. */
  padding: number;
  /** Start of the household name's baseline (text-anchor start), inside the outline's bottom
   * band where no line crosses it ([L17]); the outline's top-left corner when it has no name. */
  labelAt: Point;
  /** The room the household's name takes; null when it has none. */
  labelBox: Rect | null;
}

export interface EcomapLayout {
  /** The ellipse the entries sit on; null when there are none ([L12]). */
  ellipse: { centre: Point; rx: number; ry: number } | null;
  /** By id. */
  entries: EcomapEntryLayout[];
}

export interface EcomapEntryLayout {
  id: EcomapEntryId;
  centre: Point;
  radius: number;
  tie: TieStrength;
  support: SupportFlow;
  /** One per connected person (by id), or one to the family's bounds when connected to nobody.
   * `from` is on the entry's circle, `to` at the person's symbol (or the family bounds); support
   * arrows go at `to` for `to_family`, at `from` for `from_family`. `path` is the course drawn,
   * `from` to `to`: straight, or around the labels and symbols in the way ([L12]). */
  ties: { person: PersonId | null; from: Point; to: Point; path: Point[] }[];
}

export interface ParentalResponsibilityLayout {
  holder: PersonId;
  /** Centre of the "PR" badge, off the top-right corner of the holder's symbol ([L13]). */
  badge: Point;
  /** By id; `connector` runs from the badge to the child's symbol: straight, or around the
   * labels and symbols in the way ([L13]). */
  entries: { id: string; child: PersonId; connector: Point[] }[];
}

export interface ContactRestrictionLayout {
  person: PersonId;
  /** Centre of the restriction badge, off the top-left corner of the person's symbol ([L13]). */
  badge: Point;
  /** By id; `connector` runs to the protected child (straight, or around the labels and symbols
   * in the way); null when it covers every child. */
  entries: { id: string; child: PersonId | null; connector: Point[] | null }[];
}

export interface LayoutOptions {
  /** Apply `genogram.nudges` (default true); false shows the automatic layout alone. */
  applyNudges?: boolean;
}
