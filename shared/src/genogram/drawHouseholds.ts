import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Point, Rect } from './geometry.js';
import { compareStrings, emptyRect, growRect, pt, roundRect, segmentHitsRect } from './geometry.js';
import { LABEL_FONTS, estimatedTextWidth } from './labels.js';
import { uniqueById } from './layoutGraph.js';
import type { HouseholdLayout, UnionLayout } from './layoutTypes.js';
import { rectUnionOutline } from './outline.js';
import type { Scene } from './drawCommon.js';
import { U, roundPath } from './drawCommon.js';
import { personLabelBox, personWithLabelBox } from './drawPeople.js';
import type { Placed } from './drawCommon.js';

const symbolBox = (p: Placed): Rect => ({
  minX: p.x - p.size / 2,
  minY: p.y - p.size / 2,
  maxX: p.x + p.size / 2,
  maxY: p.y + p.size / 2,
});

/**
 * Households ([L11]): an outline around every member's symbol and label and around nobody else.
 * Members standing side by side in a row share one box; where someone who does not live there
 * stands between members, or members are in different rows, the boxes are joined by corridors
 * through the free space between rows, so the outline bends around the others. The household's
 * name sits inside the outline's bottom band, clear of the lines and other outlines that cross
 * it, or just outside the outline where a nested outline leaves no room inside ([L17]).
 */

/** Distance the outline keeps from anyone else's symbol or label. */
const CLEARANCE = 3;
/** Width of a corridor joining two parts of one household. */
const CORRIDOR = 20;
/** Room between the household's name and the sides of its outline. */
const NAME_INSET = 8;
/** Height added to the bottom band of a named household's boxes, for its name. */
const NAME_BAND = 14;

const intersects = (a: Rect, b: Rect): boolean =>
  a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

const grown = (r: Rect, by: number): Rect => ({
  minX: r.minX - by,
  minY: r.minY - by,
  maxX: r.maxX + by,
  maxY: r.maxY + by,
});

const hull = (a: Rect, b: Rect): Rect => ({
  minX: Math.min(a.minX, b.minX),
  minY: Math.min(a.minY, b.minY),
  maxX: Math.max(a.maxX, b.maxX),
  maxY: Math.max(a.maxY, b.maxY),
});

interface Part {
  row: number;
  box: Rect;
}

/** A thick polyline as rectangles, each overlapping the next at the joints. */
function corridor(points: Point[]): Rect[] {
  const half = CORRIDOR / 2;
  const rects: Rect[] = [];
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    rects.push({
      minX: Math.min(a.x, b.x) - half,
      minY: Math.min(a.y, b.y) - half,
      maxX: Math.max(a.x, b.x) + half,
      maxY: Math.max(a.y, b.y) + half,
    });
  }
  return rects;
}

/**
 * The corridor from part `a` to part `b` (`a` not below `b`): down out of `a` into the free band
 * under its row, across, down a column clear of everyone in the rows between, across the free
 * band over `b`, and down into `b`; or under both when they share a row.
 */
function join(a: Part, b: Part, blockers: Rect[]): Rect[] {
  const half = CORRIDOR / 2;
  const inside = (part: Part, x: number) =>
    Math.max(part.box.minX + half, Math.min(part.box.maxX - half, x));
  const bCentre = (b.box.minX + b.box.maxX) / 2;
  const ax = inside(a, bCentre);
  const bx = inside(b, ax);
  const underA = a.box.maxY + half;
  if (a.row === b.row) {
    const y = Math.max(a.box.maxY, b.box.maxY) + half;
    return corridor([
      { x: ax, y: a.box.maxY - half },
      { x: ax, y },
      { x: bx, y },
      { x: bx, y: b.box.maxY - half },
    ]);
  }
  const overB = b.box.minY - half;
  const between = blockers.filter((r) => r.maxY > underA + half && r.minY < overB - half);
  const clear = (x: number) => between.every((r) => x + half <= r.minX || x - half >= r.maxX);
  const candidates = [ax, bx, ...between.flatMap((r) => [r.minX - half - 1, r.maxX + half + 1])];
  const column =
    candidates
      .filter(clear)
      .sort(
        (p, q) => Math.abs(p - ax) + Math.abs(p - bx) - (Math.abs(q - ax) + Math.abs(q - bx)),
      )[0] ?? ax;
  return corridor([
    { x: ax, y: a.box.maxY - half },
    { x: ax, y: underA },
    { x: column, y: underA },
    { x: column, y: overB },
    { x: bx, y: overB },
    { x: bx, y: b.box.minY + half },
  ]);
}

/** `r` less `hole`: up to four rectangles (above, below, left and right of the hole). */
function subtract(r: Rect, hole: Rect): Rect[] {
  if (!intersects(r, hole)) return [r];
  const pieces: Rect[] = [];
  if (hole.minY > r.minY) pieces.push({ ...r, maxY: hole.minY });
  if (hole.maxY < r.maxY) pieces.push({ ...r, minY: hole.maxY });
  const minY = Math.max(r.minY, hole.minY);
  const maxY = Math.min(r.maxY, hole.maxY);
  if (hole.minX > r.minX) pieces.push({ minX: r.minX, minY, maxX: hole.minX, maxY });
  if (hole.maxX < r.maxX) pieces.push({ minX: hole.maxX, minY, maxX: r.maxX, maxY });
  return pieces;
}

/**
 * The box grown by `CLEARANCE`, less where that would reach into one of `others` (then halfway
 * to it); null when one of them overlaps the box itself.
 */
function around(box: Rect, others: readonly Rect[]): Rect | null {
  const result = grown(box, CLEARANCE);
  for (const o of others) {
    if (!intersects(o, result)) continue;
    if (o.maxY <= box.minY) result.minY = Math.max(result.minY, (o.maxY + box.minY) / 2);
    else if (o.minY >= box.maxY) result.maxY = Math.min(result.maxY, (o.minY + box.maxY) / 2);
    else if (o.maxX <= box.minX) result.minX = Math.max(result.minX, (o.maxX + box.minX) / 2);
    else if (o.minX >= box.maxX) result.maxX = Math.min(result.maxX, (o.minX + box.maxX) / 2);
    else return null;
  }
  return result;
}

/**
 * A union's dates are never cut by a household's outline ([L11], [L17]): the dates of a union
 * with someone who lives elsewhere are left outside (the outline steps around them, 3 units
 * clear where the members' own symbols and labels leave room), those of a union within the
 * household are taken in.
 */
function clearOfDates(
  rects: Rect[],
  unionDates: readonly { box: Rect; partners: PersonId[] }[],
  members: ReadonlySet<PersonId>,
  memberBoxes: readonly Rect[],
  blockers: readonly Rect[],
): Rect[] {
  let result = rects;
  for (const { box, partners } of unionDates) {
    if (!result.some((r) => intersects(r, box))) continue;
    const grownBox = grown(box, CLEARANCE);
    const tight = memberBoxes.some((m) => intersects(m, grownBox));
    // Taken in when the union is the household's own, or when leaving the dates out would
    // squeeze the outline against a member's symbol (and nobody else is then inside).
    if (partners.every((p) => members.has(p)) || tight) {
      const take = around(box, blockers);
      if (take) {
        result = [...result, take];
        continue;
      }
    }
    // Give way to the members' own symbols and labels, which the outline must keep inside.
    const hole = around(box, memberBoxes);
    if (!hole) continue;
    result = result.flatMap((r) => subtract(r, hole));
  }
  return result;
}

/**
 * The household's name ([L11], [L17]): the left-most place in the bottom band of a part that no
 * line crosses; failing that (a household nested in another runs its outline through the outer
 * one's band), just below a part's outline, then just above it, wherever no line or outline
 * crosses it and it covers no symbol or label (`taken`).
 */
function placeName(
  name: string,
  parts: Part[],
  lines: readonly Point[][],
  own: readonly Point[][],
  taken: readonly Rect[],
): { at: Point; box: Rect } | null {
  const text = name.trim();
  if (!text) return null;
  const width = estimatedTextWidth(text, LABEL_FONTS.household);
  const height = LABEL_FONTS.household * 1.25;
  const segments: [Point, Point][] = [];
  const addSegments = (of: readonly Point[][]) => {
    for (const line of of)
      for (let k = 1; k < line.length; k++) segments.push([line[k - 1]!, line[k]!]);
  };
  addSegments(lines);
  const ordered = [...parts].sort((p, q) => q.row - p.row || p.box.minX - q.box.minX);
  // The band's box for a name on `baseline`: the text's height above it, its descenders below.
  const bandAt = (baseline: number, part: Part): Rect => ({
    minX: part.box.minX,
    minY: baseline - height + 2,
    maxX: part.box.maxX,
    maxY: baseline + 3,
  });
  const search = (
    part: Part,
    baseline: number,
    inset: number,
    outside: boolean,
    pool: readonly [Point, Point][] = segments,
    labels: readonly Rect[] = taken,
  ): { at: Point; box: Rect } | null => {
    const band = bandAt(baseline, part);
    // Only the lines through this band matter; the name may start just past each.
    const near = pool.filter(
      ([a, b]) =>
        Math.max(a.x, b.x) > band.minX &&
        Math.min(a.x, b.x) < band.maxX &&
        Math.max(a.y, b.y) > band.minY &&
        Math.min(a.y, b.y) < band.maxY &&
        segmentHitsRect(a, b, band),
    );
    const blocking = outside ? labels.filter((r) => intersects(r, band)) : [];
    const xs = [
      part.box.minX + inset,
      ...near.flatMap(([a, b]) => [a.x + 4, b.x + 4]),
      ...blocking.map((r) => r.maxX + 2),
    ];
    for (const x of xs.sort((p, q) => p - q)) {
      if (x < part.box.minX + inset || x + width > part.box.maxX - inset) continue;
      const box = { ...band, minX: x, maxX: x + width };
      if (near.some(([a, b]) => segmentHitsRect(a, b, box))) continue;
      if (blocking.some((r) => intersects(r, box))) continue;
      return { at: { x, y: baseline }, box };
    }
    return null;
  };
  for (const part of ordered) {
    const spot = search(part, part.box.maxY - 4, NAME_INSET, false);
    if (spot) return spot;
  }
  // Outside its own outline, the name keeps clear of that too.
  addSegments(own);
  for (const part of ordered) {
    const spot =
      search(part, part.box.maxY + height, 0, true) ?? search(part, part.box.minY - 5, 0, true);
    if (spot) return spot;
  }
  // Hemmed in by an outline around or inside its own: higher up inside, beside the members.
  for (const part of ordered) {
    const { minX, minY, maxX, maxY } = part.box;
    const pool = segments.filter(([a, b]) => segmentHitsRect(a, b, part.box));
    const near = taken.filter(
      (r) => r.minX < maxX && r.maxX > minX && r.minY < maxY && r.maxY > minY,
    );
    for (let baseline = maxY - 8; baseline - height > minY; baseline -= 4) {
      const spot = search(part, baseline, 2, true, pool, near);
      if (spot) return spot;
    }
  }
  const first = ordered[0]!;
  const baseline = first.box.maxY - 4;
  const x = first.box.minX + NAME_INSET;
  return {
    at: { x, y: baseline },
    box: { ...bandAt(baseline, first), minX: x, maxX: x + width },
  };
}

export function drawHouseholds(
  genogram: Genogram,
  scene: Scene,
  lines: readonly Point[][],
  unions: readonly UnionLayout[],
): HouseholdLayout[] {
  const { placed, at, family } = scene;
  const unionDates = unions.flatMap((u) =>
    u.dateLabelBox ? [{ box: u.dateLabelBox, partners: [u.partnerA, u.partnerB] }] : [],
  );
  const datesBoxes = unionDates.map((d) => d.box);
  const drafts: {
    id: HouseholdLayout['id'];
    label: string;
    members: PersonId[];
    outline: Point[];
    holes: Point[][];
    padding: number;
    parts: Part[];
    hullBox: Rect;
  }[] = [];
  uniqueById(genogram.households).forEach((household, index) => {
    const memberSet = new Set(household.members);
    const members = [...memberSet].filter((m) => placed.has(m)).sort(compareStrings);
    if (members.length === 0) return;
    const padding = U.householdPadding + U.householdStep * (index % 4);
    const band = household.label.trim() ? NAME_BAND : 0;
    const blockers: Rect[] = [];
    for (const [id, p] of placed) {
      if (memberSet.has(id)) continue;
      blockers.push(symbolBox(p), personLabelBox(p));
    }
    // The padding gives way to anyone else standing close: the outline passes between them.
    const boxOf = (m: PersonId): Rect => {
      const p = at(m);
      const box = grown(personWithLabelBox(p), padding);
      box.maxY += band;
      for (const r of blockers) {
        if (r.minY >= box.maxY || r.maxY <= box.minY || intersects(r, personWithLabelBox(p)))
          continue;
        if (r.minX >= p.x) box.maxX = Math.min(box.maxX, r.minX - CLEARANCE);
        else if (r.maxX <= p.x) box.minX = Math.max(box.minX, r.maxX + CLEARANCE);
      }
      return box;
    };
    // Side by side in a row, members share a box unless someone else stands in it.
    const byRow = [...members].sort(
      (a, b) => at(a).row - at(b).row || at(a).x - at(b).x || compareStrings(a, b),
    );
    const parts: Part[] = [];
    for (const m of byRow) {
      const last = parts.at(-1);
      const box = boxOf(m);
      if (last && last.row === at(m).row) {
        const merged = hull(last.box, box);
        if (!blockers.some((r) => intersects(r, merged))) {
          last.box = merged;
          continue;
        }
      }
      parts.push({ row: at(m).row, box });
    }
    // A name wider than every part widens one part (the lowest that can, left first) to fit it.
    const text = household.label.trim();
    if (text) {
      const need = estimatedTextWidth(text, LABEL_FONTS.household) + 2 * NAME_INSET;
      if (!parts.some((p) => p.box.maxX - p.box.minX >= need)) {
        const candidates = [...parts].sort((p, q) => q.row - p.row || p.box.minX - q.box.minX);
        for (const part of candidates) {
          const centre = (part.box.minX + part.box.maxX) / 2;
          const wider = { ...part.box, minX: centre - need / 2, maxX: centre + need / 2 };
          if (blockers.some((r) => intersects(r, wider))) continue;
          part.box = wider;
          break;
        }
      }
    }
    // Each part joins the nearest part before it, so the outline is one piece.
    const rects = parts.map((p) => p.box);
    for (let k = 1; k < parts.length; k++) {
      const b = parts[k]!;
      let nearest = parts[0]!;
      let best = Infinity;
      for (const a of parts.slice(0, k)) {
        const gap =
          Math.max(0, a.box.minX - b.box.maxX, b.box.minX - a.box.maxX) +
          Math.abs(a.row - b.row) * U.rowHeight;
        if (gap < best) {
          best = gap;
          nearest = a;
        }
      }
      const [upper, lower] = nearest.row <= b.row ? [nearest, b] : [b, nearest];
      rects.push(...join(upper, lower, [...blockers, ...datesBoxes]));
    }
    const { outer: outline, holes } = rectUnionOutline(
      clearOfDates(
        rects,
        unionDates,
        memberSet,
        members.flatMap((m) => [symbolBox(at(m)), personLabelBox(at(m))]),
        blockers,
      ),
    );
    const hullBox = emptyRect();
    for (const c of outline) {
      growRect(hullBox, c.x, c.y);
      growRect(family, c.x, c.y);
    }
    drafts.push({
      id: household.id,
      label: household.label,
      members,
      outline,
      holes,
      padding,
      parts,
      hullBox,
    });
  });
  // Names last, so each keeps clear of every household's outline, and of the symbols, labels
  // and names already placed when it has to go outside its own outline.
  const outlines = drafts.map((d) => [d.outline, ...d.holes].map((loop) => [...loop, loop[0]!]));
  const taken: Rect[] = [
    ...[...placed.values()].flatMap((p) => [symbolBox(p), personLabelBox(p)]),
    ...datesBoxes,
  ];
  return drafts.map((draft, k) => {
    const others = outlines.filter((_, j) => j !== k).flat();
    const name = placeName(draft.label, draft.parts, [...lines, ...others], outlines[k]!, taken);
    if (name) {
      taken.push(name.box);
      growRect(family, name.box.minX, name.box.minY);
      growRect(family, name.box.maxX, name.box.maxY);
    }
    return {
      id: draft.id,
      members: draft.members,
      outline: roundPath(draft.outline),
      holes: draft.holes.map(roundPath),
      padding: draft.padding,
      labelAt: name ? pt(name.at.x, name.at.y) : pt(draft.hullBox.minX, draft.hullBox.minY),
      labelBox: name ? roundRect(name.box) : null,
    };
  });
}
