import type { PersonId } from '../ids.js';
import type { EcomapKind } from '../model/genogram/ecomapEntry.js';
import type { Genogram } from '../model/genogram/genogram.js';
import { RELATIONSHIP_KINDS } from '../model/genogram/relationship.js';
import type { Union } from '../model/genogram/union.js';
import { currentUnionStatus } from '../model/genogram/union.js';
import type { Point, Rect } from './geometry.js';
import {
  compareStrings,
  convexHull,
  emptyRect,
  growRect,
  pt,
  rectExitPoint,
  rectIsEmpty,
  round,
  roundRect,
  segmentHitsRect,
} from './geometry.js';
import type { LayoutGraph, Source } from './layoutGraph.js';
import { uniqueById } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type {
  ChildLinkLayout,
  ContactRestrictionLayout,
  EcomapEntryLayout,
  EcomapLayout,
  GenogramLayout,
  HouseholdLayout,
  ParentalResponsibilityLayout,
  PersonLayout,
  RelationshipLayout,
  SiblingGroupLayout,
  TwinLayout,
  UnionLayout,
} from './layoutTypes.js';
import { LAYOUT_UNITS } from './layoutTypes.js';
import { UNION_STATUS_NOTATION, personGlyph } from './notation.js';

/**
 * Turns row positions into everything drawn: symbols with nudges, union lines, sibling bars and
 * child links, twins, relationship lines, household outlines, the ecomap and legal badges. Every
 * line is computed from the final (nudged) centres, so lines follow a nudged person ([L7]).
 */

const U = LAYOUT_UNITS;

/** Where an entry tied to nobody in particular goes, in degrees clockwise from the right. */
const ECOMAP_DEFAULT_ANGLE: Record<EcomapKind, number> = {
  police: 0,
  health_visitor: 45,
  school: 90,
  gp: 135,
  housing: 180,
  faith_group: 200,
  other: 225,
  extended_family: 270,
  professional: 300,
  friends: 330,
};
/** Distance between the family's bounds (scaled out to the ellipse) and an entry's edge. */
const ECOMAP_MARGIN = U.ecomapRadius + 48;
/** Smallest gap between two entries' circles. */
const ECOMAP_SPACING = 24;
/** Smallest horizontal gap between two bars sharing a lane. */
const BAR_SEPARATION = 10;

interface Placed {
  x: number;
  y: number;
  size: number;
  row: number;
}

function readNudge(nudges: Genogram['nudges'], id: PersonId): { dx: number; dy: number } | null {
  if (!Object.prototype.hasOwnProperty.call(nudges, id)) return null;
  const nudge: unknown = nudges[id];
  if (typeof nudge !== 'object' || nudge === null) return null;
  const { dx, dy } = nudge as { dx: unknown; dy: unknown };
  if (typeof dx !== 'number' || typeof dy !== 'number') return null;
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) return null;
  const clamp = (v: number) => Math.max(-U.maxNudge, Math.min(U.maxNudge, v));
  return { dx: clamp(dx), dy: clamp(dy) };
}

const bottom = (p: Placed): Point => ({ x: p.x, y: p.y + p.size / 2 });
const top = (p: Placed): Point => ({ x: p.x, y: p.y - p.size / 2 });
const roundPath = (points: Point[]): Point[] => points.map((p) => pt(p.x, p.y));

/** Lowest lane whose intervals do not overlap this one, for intervals visited in a fixed order. */
function assignLanes<T>(
  items: T[],
  interval: (item: T) => [number, number],
  gap: number,
): Map<T, number> {
  const lanes: [number, number][][] = [];
  const result = new Map<T, number>();
  for (const item of items) {
    const [x1, x2] = interval(item);
    let lane = 0;
    for (; lane < lanes.length; lane++) {
      const clash = lanes[lane]!.some(([a1, a2]) => x1 < a2 + gap && a1 < x2 + gap);
      if (!clash) break;
    }
    (lanes[lane] ??= []).push([x1, x2]);
    result.set(item, lane);
  }
  return result;
}

export function drawLayout(
  genogram: Genogram,
  graph: LayoutGraph,
  structure: Structure,
  xs: Map<PersonId, number>,
  applyNudges: boolean,
): GenogramLayout {
  const placed = new Map<PersonId, Placed>();
  const people: PersonLayout[] = [];
  const family = emptyRect();
  const labelBox = (p: Placed): Rect => ({
    minX: p.x - U.labelWidth / 2,
    minY: p.y - p.size / 2,
    maxX: p.x + U.labelWidth / 2,
    maxY: p.y + p.size / 2 + U.labelGap + U.labelHeight,
  });

  for (const person of graph.people) {
    const row = structure.rowOf.get(person.id) ?? 0;
    const autoX = xs.get(person.id) ?? 0;
    const autoY = row * U.rowHeight;
    const nudge = applyNudges ? readNudge(genogram.nudges, person.id) : null;
    const glyph = personGlyph(person);
    const size = glyph.size === 'full' ? U.symbol : U.smallSymbol;
    const p: Placed = { x: autoX + (nudge?.dx ?? 0), y: autoY + (nudge?.dy ?? 0), size, row };
    placed.set(person.id, p);
    const box = labelBox(p);
    growRect(family, box.minX, box.minY);
    growRect(family, box.maxX, box.maxY);
    people.push({
      id: person.id,
      row,
      centre: pt(p.x, p.y),
      autoCentre: pt(autoX, autoY),
      nudge: nudge && { dx: round(nudge.dx), dy: round(nudge.dy) },
      size,
      glyph,
      box: roundRect({
        minX: p.x - size / 2,
        minY: p.y - size / 2,
        maxX: p.x + size / 2,
        maxY: p.y + size / 2,
      }),
      label: pt(p.x, p.y + size / 2 + U.labelGap),
    });
  }
  const at = (id: PersonId): Placed => placed.get(id)!;

  // Unions ([L8]) ------------------------------------------------------------------------------
  const unionDrop = new Map<string, Point>();
  const byCluster = new Map<number, Union[]>();
  for (const union of graph.unions) {
    const cluster = structure.clusterOf.get(union.partnerA)!.index;
    const list = byCluster.get(cluster) ?? [];
    list.push(union);
    byCluster.set(cluster, list);
  }
  const unionLane = new Map<Union, number>();
  for (const unions of byCluster.values()) {
    const span = (u: Union): [number, number] => {
      const a = at(u.partnerA).x;
      const b = at(u.partnerB).x;
      return [Math.min(a, b), Math.max(a, b)];
    };
    const ordered = [...unions].sort((u, v) => {
      const [u1, u2] = span(u);
      const [v1, v2] = span(v);
      return u2 - u1 - (v2 - v1) || u1 - v1 || compareStrings(u.id, v.id);
    });
    // Touching at a shared partner is fine: the lines meet under that partner, as in the books.
    for (const [union, lane] of assignLanes(ordered, span, -0.5)) unionLane.set(union, lane);
  }
  const unions: UnionLayout[] = graph.unions.map((union) => {
    const a = at(union.partnerA);
    const b = at(union.partnerB);
    const aLeft = a.x <= b.x;
    const [left, right] = aLeft ? [a, b] : [b, a];
    const lane = unionLane.get(union) ?? 0;
    const y = Math.max(bottom(left).y, bottom(right).y) + U.unionDrop + lane * U.unionLane;
    const drop = { x: (left.x + right.x) / 2, y };
    unionDrop.set(union.id, drop);
    const status = currentUnionStatus(union);
    const slashes = UNION_STATUS_NOTATION[status].slashes;
    return {
      id: union.id,
      partnerA: union.partnerA,
      partnerB: union.partnerB,
      kind: union.kind,
      status,
      left: aLeft ? union.partnerA : union.partnerB,
      right: aLeft ? union.partnerB : union.partnerA,
      path: roundPath([bottom(left), { x: left.x, y }, { x: right.x, y }, bottom(right)]) as [
        Point,
        Point,
        Point,
        Point,
      ],
      lane,
      drop: pt(drop.x, drop.y),
      statusMarks: slashes === 0 ? null : { at: pt((left.x + drop.x) / 2, y), slashes },
      dateLabel: pt((drop.x + right.x) / 2, y - 4),
    };
  });
  const dropOf = (source: Source): Point =>
    source.union !== null ? unionDrop.get(source.union.id)! : bottom(at(source.parent!));

  // Sibling groups, twins and child links ([L4], [L5], [L9]) -----------------------------------
  interface Group {
    source: Source;
    drop: Point;
    attach: Map<PersonId, number>;
    twins: { group: string; members: PersonId[]; apexX: number }[];
    row: number;
    x1: number;
    x2: number;
  }
  interface Route {
    linkId: string;
    drop: Point;
    child: Placed;
    row: number;
    x1: number;
    x2: number;
  }
  const groups: Group[] = [];
  for (const source of graph.sources.values()) {
    if (source.children.length === 0) continue;
    const drop = dropOf(source);
    const attach = new Map<PersonId, number>();
    const twins: Group['twins'] = [];
    let i = 0;
    while (i < source.children.length) {
      const child = source.children[i]!;
      const group = structure.primaryLink.get(child)?.twinGroup ?? null;
      let j = i + 1;
      while (
        group !== null &&
        j < source.children.length &&
        structure.primaryLink.get(source.children[j]!)?.twinGroup === group
      ) {
        j++;
      }
      const members = source.children.slice(i, j);
      if (group !== null && members.length >= 2) {
        const apexX = members.reduce((s, m) => s + at(m).x, 0) / members.length;
        twins.push({ group, members, apexX });
        for (const m of members) attach.set(m, apexX);
      } else {
        for (const m of members) attach.set(m, at(m).x);
      }
      i = j;
    }
    let x1 = drop.x;
    let x2 = drop.x;
    for (const ax of attach.values()) {
      x1 = Math.min(x1, ax);
      x2 = Math.max(x2, ax);
    }
    let row = Infinity;
    for (const c of source.children) row = Math.min(row, structure.rowOf.get(c) ?? 0);
    groups.push({ source, drop, attach, twins, row, x1, x2 });
  }
  const routes: Route[] = [];
  for (const link of graph.links) {
    if (structure.primaryLink.get(link.child) === link) continue;
    const child = at(link.child);
    const drop = dropOf(graph.linkSource.get(link.id)!);
    routes.push({
      linkId: link.id,
      drop,
      child,
      row: child.row,
      x1: Math.min(drop.x, child.x),
      x2: Math.max(drop.x, child.x),
    });
  }
  // Bars and routed links share lanes per child row, so no two horizontal runs coincide.
  const barItems = [
    ...groups.map((g) => ({ key: g.source.key, row: g.row, x1: g.x1, x2: g.x2 })),
    ...routes.map((r) => ({ key: `link:${r.linkId}`, row: r.row, x1: r.x1, x2: r.x2 })),
  ].sort((a, b) => a.row - b.row || a.x1 - b.x1 || a.x2 - b.x2 || compareStrings(a.key, b.key));
  const barLane = new Map<string, number>();
  let start = 0;
  while (start < barItems.length) {
    let end = start;
    while (end < barItems.length && barItems[end]!.row === barItems[start]!.row) end++;
    const lanes = assignLanes(barItems.slice(start, end), (i) => [i.x1, i.x2], BAR_SEPARATION);
    for (const [item, lane] of lanes) barLane.set(item.key, lane);
    start = end;
  }
  const barY = (row: number, lane: number) =>
    row * U.rowHeight - U.symbol / 2 - U.barRise - lane * U.barLane;

  const siblingGroups: SiblingGroupLayout[] = [];
  const twins: TwinLayout[] = [];
  const linkPath = new Map<string, Point[]>();
  for (const group of groups) {
    const lane = barLane.get(group.source.key) ?? 0;
    const y = barY(group.row, lane);
    siblingGroups.push({
      source: group.source.key,
      union: group.source.union?.id ?? null,
      parent: group.source.parent,
      drop: pt(group.drop.x, group.drop.y),
      stem: [pt(group.drop.x, group.drop.y), pt(group.drop.x, y)],
      bar: [pt(group.x1, y), pt(group.x2, y)],
      lane,
      children: group.source.children,
    });
    for (const child of group.source.children) {
      const link = structure.primaryLink.get(child)!;
      linkPath.set(link.id, roundPath([{ x: group.attach.get(child)!, y }, top(at(child))]));
    }
    for (const twin of group.twins) {
      const apex = { x: twin.apexX, y };
      const halfway = (m: PersonId) => {
        const t = top(at(m));
        return { x: (apex.x + t.x) / 2, y: (apex.y + t.y) / 2 };
      };
      const identical = twin.members
        .filter((m) => structure.primaryLink.get(m)!.identical)
        .sort((a, b) => at(a).x - at(b).x || compareStrings(a, b));
      const members = [...twin.members].sort((a, b) => at(a).x - at(b).x || compareStrings(a, b));
      twins.push({
        group: twin.group,
        source: group.source.key,
        members,
        apex: pt(apex.x, apex.y),
        identicalBar:
          identical.length >= 2
            ? (roundPath([halfway(identical[0]!), halfway(identical.at(-1)!)]) as [Point, Point])
            : null,
      });
    }
  }
  twins.sort((a, b) => compareStrings(a.group, b.group) || compareStrings(a.source, b.source));
  for (const route of routes) {
    const y = barY(route.row, barLane.get(`link:${route.linkId}`) ?? 0);
    linkPath.set(
      route.linkId,
      roundPath([route.drop, { x: route.drop.x, y }, { x: route.child.x, y }, top(route.child)]),
    );
  }
  const childLinks: ChildLinkLayout[] = graph.links.map((link) => ({
    id: link.id,
    child: link.child,
    union: graph.linkSource.get(link.id)!.union?.id ?? null,
    parent: graph.linkSource.get(link.id)!.parent,
    kind: link.kind,
    primary: structure.primaryLink.get(link.child) === link,
    path: linkPath.get(link.id)!,
    twinGroup: link.twinGroup,
  }));

  // Emotional relationships ([L10]) ------------------------------------------------------------
  const byX = [...placed.entries()].sort(([a, p], [b, q]) => p.x - q.x || compareStrings(a, b));
  const xsSorted = byX.map(([, p]) => p.x);
  const lowerBound = (value: number) => {
    let lo = 0;
    let hi = xsSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xsSorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const crossesSomeone = (a: PersonId, b: PersonId): boolean => {
    const pa = at(a);
    const pb = at(b);
    const reach = U.symbol / 2 + U.clearance;
    const from = lowerBound(Math.min(pa.x, pb.x) - reach);
    const to = Math.max(pa.x, pb.x) + reach;
    for (let i = from; i < byX.length && xsSorted[i]! <= to; i++) {
      const [id, p] = byX[i]!;
      if (id === a || id === b) continue;
      const half = p.size / 2 + U.clearance;
      const box = { minX: p.x - half, minY: p.y - half, maxX: p.x + half, maxY: p.y + half };
      if (segmentHitsRect(pa, pb, box)) return true;
    }
    return false;
  };
  const kindOrder = new Map<string, number>(RELATIONSHIP_KINDS.map((k, i) => [k, i]));
  const pairs = new Map<string, Genogram['relationships']>();
  const validRelationships = uniqueById(genogram.relationships).filter(
    (r) => r.a !== r.b && placed.has(r.a) && placed.has(r.b),
  );
  for (const rel of validRelationships) {
    const [lo, hi] = compareStrings(rel.a, rel.b) < 0 ? [rel.a, rel.b] : [rel.b, rel.a];
    const key = `${lo}\u0000${hi}`;
    const list = pairs.get(key) ?? [];
    list.push(rel);
    pairs.set(key, list);
  }
  const relationshipById = new Map<string, RelationshipLayout>();
  for (const list of pairs.values()) {
    list.sort(
      (r, s) => kindOrder.get(r.kind)! - kindOrder.get(s.kind)! || compareStrings(r.id, s.id),
    );
    const first = list[0]!;
    const [lo, hi] = compareStrings(first.a, first.b) < 0 ? [first.a, first.b] : [first.b, first.a];
    const A = at(lo);
    const B = at(hi);
    const dx = B.x - A.x;
    const dy = B.y - A.y;
    const length = Math.hypot(dx, dy);
    const u = length > 0 ? { x: dx / length, y: dy / length } : { x: 1, y: 0 };
    let n = { x: -u.y, y: u.x };
    // Bend and offset upwards (or rightwards): below a row are union lines and labels.
    if (n.y > 0 || (n.y === 0 && n.x < 0)) n = { x: -n.x, y: -n.y };
    const bent = crossesSomeone(lo, hi);
    const bend = Math.min(200, Math.max(50, length * 0.25));
    const rA = A.size / 2 + U.clearance;
    const rB = B.size / 2 + U.clearance;
    list.forEach((rel, lane) => {
      const off = (lane - (list.length - 1) / 2) * U.relationshipLane;
      const a0 = { x: A.x + n.x * off, y: A.y + n.y * off };
      const b0 = { x: B.x + n.x * off, y: B.y + n.y * off };
      let control: Point | null = null;
      let fromLo: Point;
      let toHi: Point;
      if (bent) {
        control = {
          x: (A.x + B.x) / 2 + n.x * (bend + 2 * off),
          y: (A.y + B.y) / 2 + n.y * (bend + 2 * off),
        };
        fromLo = towards(a0, control, rA);
        toHi = towards(b0, control, rB);
      } else {
        fromLo = { x: a0.x + u.x * rA, y: a0.y + u.y * rA };
        toHi = { x: b0.x - u.x * rB, y: b0.y - u.y * rB };
      }
      const [from, to] = rel.a === lo ? [fromLo, toHi] : [toHi, fromLo];
      relationshipById.set(rel.id, {
        id: rel.id,
        a: rel.a,
        b: rel.b,
        kind: rel.kind,
        direction: rel.direction,
        from: pt(from.x, from.y),
        to: pt(to.x, to.y),
        control: control && pt(control.x, control.y),
        lane,
        lanes: list.length,
      });
    });
  }
  const relationships = validRelationships.map((r) => relationshipById.get(r.id)!);

  // Households ([L11]) -------------------------------------------------------------------------
  const households: HouseholdLayout[] = [];
  uniqueById(genogram.households).forEach((household, index) => {
    const members = [...new Set(household.members)]
      .filter((m) => placed.has(m))
      .sort(compareStrings);
    if (members.length === 0) return;
    const padding = U.householdPadding + U.householdStep * (index % 4);
    const corners: Point[] = [];
    for (const m of members) {
      const box = labelBox(at(m));
      corners.push(
        { x: box.minX - padding, y: box.minY - padding },
        { x: box.maxX + padding, y: box.minY - padding },
        { x: box.minX - padding, y: box.maxY + padding },
        { x: box.maxX + padding, y: box.maxY + padding },
      );
    }
    const outline = convexHull(corners);
    const hullBox = emptyRect();
    for (const c of outline) {
      growRect(hullBox, c.x, c.y);
      growRect(family, c.x, c.y);
    }
    households.push({
      id: household.id,
      members,
      outline: roundPath(outline),
      padding,
      labelAt: pt(hullBox.minX, hullBox.minY),
    });
  });

  // Ecomap ([L12]) -----------------------------------------------------------------------------
  const ecomap = drawEcomap(genogram, placed, family);

  // Legal markers ([L13]) ----------------------------------------------------------------------
  const corner = (p: Placed, side: 'left' | 'right'): Point => ({
    x: p.x + (side === 'right' ? 1 : -1) * (p.size / 2),
    y: p.y - p.size / 2,
  });
  const badge = (p: Placed, side: 'left' | 'right'): Point => {
    const c = corner(p, side);
    return { x: c.x + (side === 'right' ? 1 : -1) * U.badgeOffset, y: c.y - U.badgeOffset };
  };
  const prByHolder = new Map<PersonId, ParentalResponsibilityLayout>();
  for (const pr of uniqueById(genogram.parentalResponsibility)) {
    if (!placed.has(pr.holder) || !placed.has(pr.child) || pr.holder === pr.child) continue;
    const b = badge(at(pr.holder), 'right');
    const entry = prByHolder.get(pr.holder) ?? {
      holder: pr.holder,
      badge: pt(b.x, b.y),
      entries: [],
    };
    const c = corner(at(pr.child), 'right');
    entry.entries.push({ id: pr.id, child: pr.child, connector: [pt(b.x, b.y), pt(c.x, c.y)] });
    prByHolder.set(pr.holder, entry);
  }
  const crByPerson = new Map<PersonId, ContactRestrictionLayout>();
  for (const cr of uniqueById(genogram.contactRestrictions)) {
    if (!placed.has(cr.person)) continue;
    if (cr.child !== null && (!placed.has(cr.child) || cr.child === cr.person)) continue;
    const b = badge(at(cr.person), 'left');
    const entry = crByPerson.get(cr.person) ?? {
      person: cr.person,
      badge: pt(b.x, b.y),
      entries: [],
    };
    const c = cr.child === null ? null : corner(at(cr.child), 'left');
    entry.entries.push({
      id: cr.id,
      child: cr.child,
      connector: c === null ? null : [pt(b.x, b.y), pt(c.x, c.y)],
    });
    crByPerson.set(cr.person, entry);
  }
  const byKey = <T>(map: Map<PersonId, T>) =>
    [...map].sort(([a], [b]) => compareStrings(a, b)).map(([, value]) => value);
  const parentalResponsibility = byKey(prByHolder);
  const contactRestrictions = byKey(crByPerson);

  // Bounds -------------------------------------------------------------------------------------
  const bounds: Rect = { ...family };
  const grow = (p: Point, r = 0) => {
    growRect(bounds, p.x - r, p.y - r);
    growRect(bounds, p.x + r, p.y + r);
  };
  for (const u of unions) u.path.forEach((p) => grow(p));
  for (const g of siblingGroups) [...g.stem, ...g.bar].forEach((p) => grow(p));
  for (const l of childLinks) l.path.forEach((p) => grow(p));
  for (const r of relationships)
    [r.from, r.to, ...(r.control ? [r.control] : [])].forEach((p) => grow(p));
  for (const e of ecomap.entries) grow(e.centre, e.radius);
  const badgeRadius = 8;
  for (const pr of parentalResponsibility) grow(pr.badge, badgeRadius);
  for (const cr of contactRestrictions) grow(cr.badge, badgeRadius);

  return {
    units: LAYOUT_UNITS,
    people,
    rows: structure.rows.map((row, index) => ({ index, y: index * U.rowHeight, people: row })),
    unions,
    siblingGroups,
    childLinks,
    twins,
    relationships,
    households,
    ecomap,
    parentalResponsibility,
    contactRestrictions,
    familyBounds: roundRect(family),
    bounds: roundRect(bounds),
  };
}

function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return from;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

function drawEcomap(genogram: Genogram, placed: Map<PersonId, Placed>, family: Rect): EcomapLayout {
  const entries = uniqueById(genogram.ecomap);
  if (entries.length === 0) return { ellipse: null, entries: [] };
  const box = rectIsEmpty(family) ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : family;
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  // Scaling the bounds' half-sizes by √2 puts the corners on the ellipse, so the margin is
  // clear space all round.
  let rx = ((box.maxX - box.minX) / 2) * Math.SQRT2 + ECOMAP_MARGIN;
  let ry = ((box.maxY - box.minY) / 2) * Math.SQRT2 + ECOMAP_MARGIN;
  const count = entries.length;
  if (count >= 2) {
    // Neighbouring slots are at least this chord apart on the smaller radius.
    const need = (2 * U.ecomapRadius + ECOMAP_SPACING) / (2 * Math.sin(Math.PI / count));
    const short = Math.min(rx, ry);
    if (short < need) {
      rx += need - short;
      ry += need - short;
    }
  }
  const TAU = 2 * Math.PI;
  const normalise = (angle: number) => ((angle % TAU) + TAU) % TAU;
  const wanted = entries.map((entry) => {
    const people = [...new Set(entry.connectedTo)]
      .filter((p) => placed.has(p))
      .sort(compareStrings);
    let angle = (ECOMAP_DEFAULT_ANGLE[entry.kind] * Math.PI) / 180;
    if (people.length > 0) {
      const mx = people.reduce((s, p) => s + placed.get(p)!.x, 0) / people.length;
      const my = people.reduce((s, p) => s + placed.get(p)!.y, 0) / people.length;
      if (mx !== cx || my !== cy) angle = Math.atan2((my - cy) / ry, (mx - cx) / rx);
    }
    return { entry, people, angle: normalise(angle) };
  });
  wanted.sort((a, b) => a.angle - b.angle || compareStrings(a.entry.id, b.entry.id));
  // Evenly spaced slots in the wanted order, turned to fit the wanted angles best.
  const step = TAU / count;
  let sin = 0;
  let cos = 0;
  wanted.forEach((w, k) => {
    sin += Math.sin(w.angle - k * step);
    cos += Math.cos(w.angle - k * step);
  });
  const turn =
    Math.abs(sin) < 1e-9 && Math.abs(cos) < 1e-9 ? wanted[0]!.angle : Math.atan2(sin, cos);
  const layouts: EcomapEntryLayout[] = wanted.map((w, k) => {
    const angle = turn + k * step;
    const centre = { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
    const ties = w.people.map((person): { person: PersonId | null; from: Point; to: Point } => {
      const p = placed.get(person)!;
      return {
        person,
        from: towards(centre, p, U.ecomapRadius),
        to: towards(p, centre, p.size / 2 + U.clearance),
      };
    });
    if (ties.length === 0) {
      const edge = rectExitPoint(box, centre);
      ties.push({ person: null, from: towards(centre, edge, U.ecomapRadius), to: edge });
    }
    return {
      id: w.entry.id,
      centre: pt(centre.x, centre.y),
      radius: U.ecomapRadius,
      tie: w.entry.tie,
      support: w.entry.support,
      ties: ties.map((t) => ({
        person: t.person,
        from: pt(t.from.x, t.from.y),
        to: pt(t.to.x, t.to.y),
      })),
    };
  });
  layouts.sort((a, b) => compareStrings(a.id, b.id));
  return { ellipse: { centre: pt(cx, cy), rx: round(rx), ry: round(ry) }, entries: layouts };
}
