import type { Point } from '@unitroom/shared';

/**
 * Geometry for drawing notation lines as SVG paths: every notation line (parallel strokes, zigzags,
 * breaks, arrows) is built on a polyline, so curved and straight lines share one code path.
 */

const fmt = (n: number) => String(Math.round(n * 100) / 100);

export const pathOf = (points: readonly Point[]): string =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p.x)} ${fmt(p.y)}`).join(' ');

/** Segments enough for a smooth curve at any zoom the canvas allows. */
const CURVE_SEGMENTS = 24;

export function quadraticPoints(from: Point, control: Point | null, to: Point): Point[] {
  if (control === null) return [from, to];
  const points: Point[] = [];
  for (let i = 0; i <= CURVE_SEGMENTS; i += 1) {
    const t = i / CURVE_SEGMENTS;
    const u = 1 - t;
    points.push({
      x: u * u * from.x + 2 * u * t * control.x + t * t * to.x,
      y: u * u * from.y + 2 * u * t * control.y + t * t * to.y,
    });
  }
  return points;
}

const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

function unit(a: Point, b: Point): Point {
  const d = distance(a, b);
  return d === 0 ? { x: 1, y: 0 } : { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
}

/** Left-hand normal of a direction (SVG's y points down, so this is "above" a rightward line). */
const normal = (direction: Point): Point => ({ x: direction.y, y: -direction.x });

export function lengthOf(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i += 1) total += distance(points[i - 1]!, points[i]!);
  return total;
}

/** The point `at` units along the polyline, and the line's direction there. */
export function pointAlong(
  points: readonly Point[],
  at: number,
): { point: Point; direction: Point } {
  let left = Math.max(0, at);
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const d = distance(a, b);
    if (left <= d || i === points.length - 1) {
      const t = d === 0 ? 0 : Math.min(1, left / d);
      return {
        point: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t },
        direction: unit(a, b),
      };
    }
    left -= d;
  }
  const only = points[0] ?? { x: 0, y: 0 };
  return { point: only, direction: { x: 1, y: 0 } };
}

/** The polyline moved sideways by `offset`, each vertex along the mean of its segments' normals. */
export function offsetPoints(points: readonly Point[], offset: number): Point[] {
  if (offset === 0 || points.length < 2) return [...points];
  return points.map((p, i) => {
    const before = i > 0 ? unit(points[i - 1]!, p) : null;
    const after = i < points.length - 1 ? unit(p, points[i + 1]!) : null;
    const dir =
      before && after
        ? unit({ x: 0, y: 0 }, { x: before.x + after.x, y: before.y + after.y })
        : (before ?? after)!;
    const n = normal(dir);
    return { x: p.x + n.x * offset, y: p.y + n.y * offset };
  });
}

/** A zigzag along the polyline, straight for `lead` units at each end so arrows stay readable. */
export function zigzagPoints(
  points: readonly Point[],
  amplitude = 4,
  wavelength = 10,
  lead = 8,
): Point[] {
  const total = lengthOf(points);
  if (total <= 2 * lead + wavelength) return [...points];
  const out: Point[] = [points[0]!, pointAlong(points, lead).point];
  const step = wavelength / 2;
  let side = 1;
  for (let at = lead + step / 2; at < total - lead; at += step) {
    const { point, direction } = pointAlong(points, at);
    const n = normal(direction);
    out.push({ x: point.x + n.x * amplitude * side, y: point.y + n.y * amplitude * side });
    side = -side;
  }
  out.push(pointAlong(points, total - lead).point, points.at(-1)!);
  return out;
}

/** The polyline cut into the parts before and after a gap of `gap` units around its middle. */
export function splitAtMiddle(points: readonly Point[], gap: number): [Point[], Point[]] {
  const total = lengthOf(points);
  const cutStart = total / 2 - gap / 2;
  const cutEnd = total / 2 + gap / 2;
  const before: Point[] = [];
  const after: Point[] = [];
  let walked = 0;
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i]!;
    if (i > 0) walked += distance(points[i - 1]!, p);
    if (walked < cutStart) before.push(p);
    if (walked > cutEnd) after.push(p);
  }
  before.push(pointAlong(points, cutStart).point);
  after.unshift(pointAlong(points, cutEnd).point);
  return [before, after];
}

/** A segment of `length` across the line at `at`, turned `angle` radians from perpendicular. */
export function crossbar(
  centre: Point,
  direction: Point,
  length: number,
  angle = 0,
): [Point, Point] {
  const n = normal(direction);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const across = { x: n.x * cos + direction.x * sin, y: n.y * cos + direction.y * sin };
  const half = length / 2;
  return [
    { x: centre.x - across.x * half, y: centre.y - across.y * half },
    { x: centre.x + across.x * half, y: centre.y + across.y * half },
  ];
}

/** A filled arrowhead whose tip is at `tip`, pointing along `direction`. */
export function arrowHead(tip: Point, direction: Point, size = 10): string {
  const back = { x: tip.x - direction.x * size, y: tip.y - direction.y * size };
  const n = normal(direction);
  const half = size * 0.45;
  return `${pathOf([tip, { x: back.x + n.x * half, y: back.y + n.y * half }, { x: back.x - n.x * half, y: back.y - n.y * half }])} Z`;
}

/** The direction of the line where it arrives at its last point, and where it leaves its first. */
export function endDirections(points: readonly Point[]): { start: Point; end: Point } {
  const first = points[0] ?? { x: 0, y: 0 };
  const second = points[1] ?? first;
  const last = points.at(-1) ?? first;
  const beforeLast = points.at(-2) ?? last;
  return { start: unit(second, first), end: unit(beforeLast, last) };
}

/** A polygon with its corners rounded by `radius` (never more than half an edge). */
export function roundedPolygonPath(points: readonly Point[], radius: number): string {
  if (points.length < 3) return pathOf(points);
  const n = points.length;
  const corners = points.map((p, i) => {
    const prev = points[(i - 1 + n) % n]!;
    const next = points[(i + 1) % n]!;
    const r = Math.min(radius, distance(p, prev) / 2, distance(p, next) / 2);
    const toPrev = unit(p, prev);
    const toNext = unit(p, next);
    return {
      corner: p,
      enter: { x: p.x + toPrev.x * r, y: p.y + toPrev.y * r },
      leave: { x: p.x + toNext.x * r, y: p.y + toNext.y * r },
    };
  });
  const parts = corners.map(
    (c, i) =>
      `${i === 0 ? 'M' : 'L'}${fmt(c.enter.x)} ${fmt(c.enter.y)} Q${fmt(c.corner.x)} ${fmt(c.corner.y)} ${fmt(c.leave.x)} ${fmt(c.leave.y)}`,
  );
  return `${parts.join(' ')} Z`;
}
