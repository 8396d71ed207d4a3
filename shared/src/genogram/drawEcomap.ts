import type { PersonId } from '../ids.js';
import type { EcomapKind } from '../model/genogram/ecomapEntry.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Point, Rect } from './geometry.js';
import { compareStrings, pt, rectExitPoint, rectIsEmpty, round } from './geometry.js';
import { uniqueById } from './layoutGraph.js';
import type { EcomapEntryLayout, EcomapLayout } from './layoutTypes.js';
import type { Placed, Way } from './drawCommon.js';
import { U, roundPath, towards } from './drawCommon.js';

/** The ecomap ([L12]): entries on an ellipse around the family, ties to their people. */

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

export function drawEcomap(
  genogram: Genogram,
  placed: Map<PersonId, Placed>,
  family: Rect,
  way: Way,
): EcomapLayout {
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
    const ties = w.people.map((person): { person: PersonId | null; path: Point[] } => {
      const p = placed.get(person)!;
      const straight = [
        towards(centre, p, U.ecomapRadius),
        towards(p, centre, p.size / 2 + U.clearance),
      ];
      // Straight when that is clear of every label and other symbol, else around them ([L12]).
      const own = way.symbolBox.get(person)!;
      const ignore = (r: Rect) => r === own;
      if (way.obstacles.hits(straight, ignore) === 0) return { person, path: straight };
      const routed = way.router.route(centre, p, ignore, true);
      if (!routed) return { person, path: straight };
      routed[0] = towards(centre, routed[1]!, U.ecomapRadius);
      routed[routed.length - 1] = towards(p, routed.at(-2)!, p.size / 2 + U.clearance);
      return { person, path: routed };
    });
    if (ties.length === 0) {
      const edge = rectExitPoint(box, centre);
      ties.push({ person: null, path: [towards(centre, edge, U.ecomapRadius), edge] });
    }
    return {
      id: w.entry.id,
      centre: pt(centre.x, centre.y),
      radius: U.ecomapRadius,
      tie: w.entry.tie,
      support: w.entry.support,
      ties: ties.map((t) => ({
        person: t.person,
        from: pt(t.path[0]!.x, t.path[0]!.y),
        to: pt(t.path.at(-1)!.x, t.path.at(-1)!.y),
        path: roundPath(t.path),
      })),
    };
  });
  layouts.sort((a, b) => compareStrings(a.id, b.id));
  return { ellipse: { centre: pt(cx, cy), rx: round(rx), ry: round(ry) }, entries: layouts };
}
