import type { Genogram } from '../model/genogram/genogram.js';
import { RELATIONSHIP_KINDS } from '../model/genogram/relationship.js';
import type { Point, Rect } from './geometry.js';
import { compareStrings, pt } from './geometry.js';
import type { Bend } from './route.js';
import { chooseBend, quadraticPoints } from './route.js';
import { offsetPolyline } from './channels.js';
import { uniqueById } from './layoutGraph.js';
import type { RelationshipLayout } from './layoutTypes.js';
import type { Scene, Way } from './drawCommon.js';
import { U, roundPath, towards } from './drawCommon.js';

/** Emotional relationships ([L10]): parallel lanes per pair, bent around symbols and labels. */
export function drawRelationships(
  genogram: Genogram,
  scene: Scene,
  way: Way,
): RelationshipLayout[] {
  const { placed, at } = scene;
  // Symbols (but the pair's own) and every label are in the way ([L17]).
  const { symbolBox, obstacles, router } = way;
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
    // Bend and offset upwards (or rightwards) first: below a row are union lines and labels.
    if (n.y > 0 || (n.y === 0 && n.x < 0)) n = { x: -n.x, y: -n.y };
    const rA = A.size / 2 + U.clearance;
    const rB = B.size / 2 + U.clearance;
    const own = [symbolBox.get(lo)!, symbolBox.get(hi)!];
    const lineOf = (lane: number, bend: Bend) => {
      const off = (lane - (list.length - 1) / 2) * U.relationshipLane;
      const a0 = { x: A.x + n.x * off, y: A.y + n.y * off };
      const b0 = { x: B.x + n.x * off, y: B.y + n.y * off };
      if (bend.amount === 0) {
        return {
          from: { x: a0.x + u.x * rA, y: a0.y + u.y * rA },
          to: { x: b0.x - u.x * rB, y: b0.y - u.y * rB },
          control: null,
        };
      }
      const control = {
        x: (A.x + B.x) / 2 + bend.side * n.x * (bend.amount + 2 * off),
        y: (A.y + B.y) / 2 + bend.side * n.y * (bend.amount + 2 * off),
      };
      return { from: towards(a0, control, rA), to: towards(b0, control, rB), control };
    };
    const chosen = chooseBend(
      obstacles,
      (bend) =>
        list.map((_, lane) => {
          const line = lineOf(lane, bend);
          return quadraticPoints(line.from, line.control, line.to);
        }),
      (box) => own.includes(box),
    );
    // No bend is clear: route the lines around what is in the way instead.
    const ignore = (box: Rect) => own.includes(box);
    const routed = chosen.hits > 0 ? router.route(A, B, ignore) : null;
    const routedLane = (lane: number): Point[] | null => {
      if (!routed) return null;
      const off = (lane - (list.length - 1) / 2) * U.relationshipLane;
      const course = offsetPolyline(routed, off);
      course[0] = towards(course[0]!, course[1]!, rA);
      course[course.length - 1] = towards(course.at(-1)!, course.at(-2)!, rB);
      return course;
    };
    list.forEach((rel, lane) => {
      const course = routedLane(lane);
      const line = course
        ? { from: course[0]!, to: course.at(-1)!, control: null }
        : lineOf(lane, chosen);
      const { from: fromLo, to: toHi, control } = line;
      const path = course ?? quadraticPoints(fromLo, control, toHi);
      if (rel.a !== lo) path.reverse();
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
        path: roundPath(path),
        lane,
        lanes: list.length,
      });
    });
  }
  return validRelationships.map((r) => relationshipById.get(r.id)!);
}
