/** Plain geometry for the genogram layout, in layout units (1 unit is one CSS pixel at zoom 1). */
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Every coordinate the layout returns is rounded to a hundredth of a unit. Arithmetic is IEEE
 * everywhere, but `Math.sin`/`Math.atan2` may differ in the last bit between browser engines; the
 * rounding keeps every client's picture equal without being visible.
 */
export const round = (value: number): number => {
  const rounded = Math.round(value * 100) / 100;
  // Normalise -0 so deep equality never trips on the sign of zero.
  return rounded === 0 ? 0 : rounded;
};

export const pt = (x: number, y: number): Point => ({ x: round(x), y: round(y) });

export const emptyRect = (): Rect => ({
  minX: Infinity,
  minY: Infinity,
  maxX: -Infinity,
  maxY: -Infinity,
});

export function growRect(rect: Rect, x: number, y: number): void {
  if (x < rect.minX) rect.minX = x;
  if (y < rect.minY) rect.minY = y;
  if (x > rect.maxX) rect.maxX = x;
  if (y > rect.maxY) rect.maxY = y;
}

export const rectIsEmpty = (rect: Rect): boolean => !(rect.minX <= rect.maxX);

export const roundRect = (rect: Rect): Rect =>
  rectIsEmpty(rect)
    ? { minX: 0, minY: 0, maxX: 0, maxY: 0 }
    : {
        minX: round(rect.minX),
        minY: round(rect.minY),
        maxX: round(rect.maxX),
        maxY: round(rect.maxY),
      };

/** Code-unit comparison: `localeCompare` depends on the browser's locale, so is never used here. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Convex hull (Andrew's monotone chain), anticlockwise in SVG's y-down space starting from the
 * leftmost, then topmost point; collinear points are dropped.
 */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  const unique: Point[] = [];
  for (const p of sorted) {
    const last = unique.at(-1);
    if (!last || last.x !== p.x || last.y !== p.y) unique.push(p);
  }
  if (unique.length < 3) return unique;
  const cross = (o: Point, a: Point, b: Point) =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i]!;
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper];
}

/** Whether the segment from `a` to `b` passes through the open rectangle (Liang-Barsky clip). */
export function segmentHitsRect(a: Point, b: Point, rect: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - rect.minX],
    [dx, rect.maxX - a.x],
    [-dy, a.y - rect.minY],
    [dy, rect.maxY - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t1 - t0 > 1e-9;
}

/** Where the ray from the rectangle's centre towards `towards` leaves the rectangle. */
export function rectExitPoint(rect: Rect, towards: Point): Point {
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  const dx = towards.x - cx;
  const dy = towards.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: rect.minY };
  const hw = (rect.maxX - rect.minX) / 2;
  const hh = (rect.maxY - rect.minY) / 2;
  const scale = Math.min(
    dx === 0 ? Infinity : hw / Math.abs(dx),
    dy === 0 ? Infinity : hh / Math.abs(dy),
  );
  return { x: cx + dx * scale, y: cy + dy * scale };
}
