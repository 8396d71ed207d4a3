import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import { RELATIONSHIP_KINDS } from '../model/genogram/relationship.js';
import type { Point } from './geometry.js';
import { compareStrings, pt, segmentHitsRect } from './geometry.js';
import { uniqueById } from './layoutGraph.js';
import type { RelationshipLayout } from './layoutTypes.js';
import type { Scene } from './drawCommon.js';
import { U, towards } from './drawCommon.js';

/** Emotional relationships ([L10]): parallel lanes per pair, bent around symbols in the way. */
export function drawRelationships(genogram: Genogram, scene: Scene): RelationshipLayout[] {
  const { placed, at } = scene;
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
  return validRelationships.map((r) => relationshipById.get(r.id)!);
}
