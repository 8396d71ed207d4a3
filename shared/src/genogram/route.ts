import type { Point, Rect } from './geometry.js';
import { segmentHitsRect } from './geometry.js';

/**
 * Lines between two symbols (relationships, legal connectors) that keep clear of symbols and of
 * every label ([L10], [L17]): straight if that is clear, otherwise a quadratic Bézier bent to one
 * side or the other, a little further each try, and the first clear one is kept (the one through
 * the fewest obstacles when none is). Obstacles are kept sorted by their left edge, so a try only
 * looks at the obstacles under its own extent.
 */

/** How far the control point moves off the straight line, try after try. */
const BENDS = [0, 60, 100, 160, 240, 340, 460];
/** Segments a curve is checked in. */
const STEPS = 16;

export class Obstacles {
  private readonly boxes: Rect[];
  private readonly widest: number;

  constructor(boxes: Rect[]) {
    this.boxes = [...boxes].sort((a, b) => a.minX - b.minX || a.minY - b.minY);
    this.widest = this.boxes.reduce((w, b) => Math.max(w, b.maxX - b.minX), 0);
  }

  /** How many obstacles the polyline passes through; `ignore` says which ones do not count. */
  hits(points: Point[], ignore: (box: Rect) => boolean = () => false): number {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const p of points) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    let lo = 0;
    let hi = this.boxes.length;
    const from = minX - this.widest;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.boxes[mid]!.minX < from) lo = mid + 1;
      else hi = mid;
    }
    let count = 0;
    for (let i = lo; i < this.boxes.length && this.boxes[i]!.minX <= maxX; i++) {
      const box = this.boxes[i]!;
      if (box.maxX < minX || box.maxY < minY || box.minY > maxY || ignore(box)) continue;
      for (let k = 1; k < points.length; k++) {
        const a = points[k - 1]!;
        const b = points[k]!;
        // Most segments of a long curve are nowhere near the box.
        if (Math.max(a.x, b.x) <= box.minX || Math.min(a.x, b.x) >= box.maxX) continue;
        if (Math.max(a.y, b.y) <= box.minY || Math.min(a.y, b.y) >= box.maxY) continue;
        if (segmentHitsRect(a, b, box)) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}

export function quadraticPoints(from: Point, control: Point | null, to: Point): Point[] {
  if (control === null) return [from, to];
  const points: Point[] = [];
  for (let i = 0; i <= STEPS; i++) {
    const t = i / STEPS;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    points.push({
      x: a * from.x + b * control.x + c * to.x,
      y: a * from.y + b * control.y + c * to.y,
    });
  }
  return points;
}

export interface Bend {
  /** Distance of the control point from the middle of the straight line; 0 for straight. */
  amount: number;
  /** +1 along the preferred normal (up, or right for vertical lines), -1 the other way. */
  side: 1 | -1;
}

/**
 * The first bend, from straight outwards and preferred side first, for which `draw` gives
 * lines through no obstacle; `draw` gives every line drawn for the bend (parallel lanes too).
 * When none is clear, the one through the fewest, with that count (`hits`), so the caller can
 * route the line around them instead (channels.ts).
 */
export function chooseBend(
  obstacles: Obstacles,
  draw: (bend: Bend) => Point[][],
  ignore?: (box: Rect) => boolean,
  minimum = 0,
): Bend & { hits: number } {
  let best: Bend & { hits: number } = { amount: minimum, side: 1, hits: Infinity };
  let fewest = Infinity;
  for (const amount of BENDS) {
    if (amount !== 0 && amount < minimum) continue;
    for (const side of amount === 0 ? ([1] as const) : ([1, -1] as const)) {
      const bend = { amount, side };
      const hits = draw(bend).reduce((n, line) => n + obstacles.hits(line, ignore), 0);
      if (hits === 0) return { ...bend, hits };
      if (hits < fewest) {
        fewest = hits;
        best = { ...bend, hits };
      }
    }
  }
  return best;
}
