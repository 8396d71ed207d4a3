import type { Point, Rect } from './geometry.js';
import type { Obstacles } from './route.js';

/**
 * Routes a line between two places of the picture around every label and symbol when no straight
 * or gently bent line is clear ([L10], [L12], [L13], [L17]). The picture's obstacles fall into
 * horizontal slabs (a row's symbols, union dates, names and household names) with free bands
 * between them, the _channels_; within a slab, the free columns between obstacles are
 * _passages_. A route leaves its start into the channel beside it (upwards from the top of a
 * symbol, or sideways to the passage beside it and down), crosses each slab between through the
 * passage nearest the straight line, and comes into its end the same way; then every corner it
 * can cut without touching an obstacle is cut, so the line runs as straight as the picture lets
 * it. Cost: the obstacles are sorted once; a route looks at one passage list per slab it crosses.
 */

/** Room kept between a routed line and any obstacle. */
const MARGIN = 4;
/** The least height of a channel: narrower gaps (between a row's union dates and its names,
 * say) are part of the slab, so routes run between rows, never along a union line. */
const MIN_CHANNEL = 24;
/** How far past the outermost obstacle the channels and outer passages reach. */
const OUTSIDE = 30;

interface Slab {
  minY: number;
  maxY: number;
  /** Middle x of each free column through the whole slab, left to right. */
  passages: number[];
}

export type Ignore = (box: Rect) => boolean;

export class ChannelRouter {
  private readonly slabs: Slab[] = [];
  /** channel[i] runs above slab i; channel[slabs.length] below the last. */
  private readonly channel: number[] = [];
  private readonly minX: number;
  private readonly maxX: number;

  constructor(
    boxes: readonly Rect[],
    private readonly obstacles: Obstacles,
    avoid: readonly number[] = [],
  ) {
    const sorted = [...boxes].sort((a, b) => a.minY - b.minY);
    let minX = Infinity;
    let maxX = -Infinity;
    const groups: { minY: number; maxY: number; boxes: Rect[] }[] = [];
    for (const box of sorted) {
      minX = Math.min(minX, box.minX);
      maxX = Math.max(maxX, box.maxX);
      const last = groups.at(-1);
      if (last && box.minY - last.maxY < MIN_CHANNEL) {
        last.maxY = Math.max(last.maxY, box.maxY);
        last.boxes.push(box);
      } else groups.push({ minY: box.minY, maxY: box.maxY, boxes: [box] });
    }
    this.minX = minX - OUTSIDE;
    this.maxX = maxX + OUTSIDE;
    for (const group of groups) {
      const spans = group.boxes
        .map((b) => [b.minX - MARGIN, b.maxX + MARGIN] as [number, number])
        .sort((a, b) => a[0] - b[0]);
      // Just past the slab's own ends, so a route around the end of a row stays close to it.
      const passages = [spans[0]![0] - OUTSIDE];
      let reach = -Infinity;
      for (const [from, to] of spans) {
        if (reach > -Infinity && from > reach) passages.push((reach + from) / 2);
        reach = Math.max(reach, to);
      }
      passages.push(reach + OUTSIDE);
      this.slabs.push({ minY: group.minY, maxY: group.maxY, passages });
    }
    // A channel runs along the middle of the widest stretch of its band that no horizontal
    // family line (sibling bar, routed child link) runs in, so routes do not lie on them.
    const levels = [...avoid].sort((p, q) => p - q);
    this.slabs.forEach((slab, i) => {
      const above = this.slabs[i - 1];
      if (!above) {
        this.channel.push(slab.minY - OUTSIDE);
        return;
      }
      const lo = above.maxY + MARGIN;
      const hi = slab.minY - MARGIN;
      const cuts = [lo, ...levels.filter((y) => y > lo && y < hi), hi];
      let best = (above.maxY + slab.minY) / 2;
      let widest = -1;
      for (let k = 1; k < cuts.length; k++) {
        if (cuts[k]! - cuts[k - 1]! > widest) {
          widest = cuts[k]! - cuts[k - 1]!;
          best = (cuts[k]! + cuts[k - 1]!) / 2;
        }
      }
      this.channel.push(best);
    });
    const last = this.slabs.at(-1);
    this.channel.push(last ? last.maxY + OUTSIDE : 0);
  }

  get empty(): boolean {
    return this.slabs.length === 0;
  }

  /** The slab a point is in, or the channel it is in as `i - 0.5` (between slab i-1 and i). */
  private slabOf(y: number): number {
    let lo = 0;
    let hi = this.slabs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slabs[mid]!.maxY < y) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.slabs.length && this.slabs[lo]!.minY <= y) return lo;
    return lo - 0.5;
  }

  private clear(a: Point, b: Point, ignore: Ignore): boolean {
    return this.obstacles.hits([a, b], ignore) === 0;
  }

  /** Up to `count` passages of slab `s`, nearest `x` first (the left one first on a tie). */
  private passagesNear(s: number, x: number, count = 6): number[] {
    const passages = this.slabs[s]!.passages;
    let lo = 0;
    let hi = passages.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (passages[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    // passages[left] < x <= passages[right]: merge outwards from there.
    let left = lo - 1;
    let right = lo;
    const near: number[] = [];
    while (near.length < count && (left >= 0 || right < passages.length)) {
      const l = left >= 0 ? x - passages[left]! : Infinity;
      const r = right < passages.length ? passages[right]! - x : Infinity;
      if (l <= r) near.push(passages[left--]!);
      else near.push(passages[right++]!);
    }
    return near;
  }

  /**
   * From `start` out of its slab into the channel above (`up`) or below: straight up when that
   * is clear, otherwise sideways at the start's height to a passage and along it.
   */
  private leave(start: Point, s: number, up: boolean, ignore: Ignore, toward: number): Point[] {
    const y = this.channel[up ? s : s + 1]!;
    if (up && this.clear(start, { x: start.x, y }, ignore)) return [start, { x: start.x, y }];
    const candidates = this.passagesNear(s, start.x);
    // The nearest passage on each side; the one towards the other end first.
    const passages = this.slabs[s]!.passages;
    const left = passages.findLast((x) => x < start.x);
    const right = passages.find((x) => x > start.x);
    const sides = [left, right].filter((x): x is number => x !== undefined);
    sides.sort((p, q) => Math.abs(p - toward) - Math.abs(q - toward));
    for (const x of [...sides, ...candidates]) {
      const side = { x, y: start.y };
      if (this.clear(start, side, ignore)) return [start, side, { x, y }];
    }
    // Hemmed in at its own height: out the other way into that channel, along it to the
    // nearest passage, and through the whole slab.
    const other = this.channel[up ? s + 1 : s]!;
    const x = sides[0] ?? candidates[0]!;
    if (!up || this.clear(start, { x: start.x, y: other }, ignore))
      return [start, { x: start.x, y: other }, { x, y: other }, { x, y }];
    return [start, { x: start.x, y }];
  }

  /** Through slabs `from`..`to` (inclusive, by `step`), each at its passage nearest the line. */
  private across(from: number, to: number, step: 1 | -1, ideal: (y: number) => number): Point[] {
    const points: Point[] = [];
    for (let s = from; step > 0 ? s <= to : s >= to; s += step) {
      const slab = this.slabs[s]!;
      const x = this.passagesNear(s, ideal((slab.minY + slab.maxY) / 2), 1)[0]!;
      const [enter, exit] =
        step > 0
          ? [this.channel[s]!, this.channel[s + 1]!]
          : [this.channel[s + 1]!, this.channel[s]!];
      points.push({ x, y: enter }, { x, y: exit });
    }
    return points;
  }

  /**
   * A polyline from `a` to `b` (centres of symbols or badges, in the slabs) clear of every
   * obstacle `ignore` does not excuse, or null when none is found. With `aOutside`, `a` is an
   * ecomap entry outside every obstacle: the route reaches it from the channel nearest its height
   * (from beyond the outermost obstacle when it is beside them).
   */
  route(a: Point, b: Point, ignore: Ignore, aOutside = false): Point[] | null {
    if (this.slabs.length === 0) return null;
    const sb = this.slabOf(b.y);
    if (!Number.isInteger(sb)) return null;
    const ideal = (y: number) =>
      b.y === a.y ? (a.x + b.x) / 2 : a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y);
    let points: Point[];
    if (aOutside) {
      const n = this.slabs.length;
      const beside = a.x <= this.minX || a.x >= this.maxX;
      // Above or below everything: the outermost channel on that side; beside: the nearest.
      let target = a.y < this.channel[0]! ? 0 : n;
      if (beside)
        for (let c = 0; c <= n; c++)
          if (Math.abs(this.channel[c]! - a.y) < Math.abs(this.channel[target]! - a.y)) target = c;
      const up = target <= sb;
      const fromB = this.leave(b, sb, up, ignore, a.x);
      const mid = up
        ? this.across(sb - 1, target, -1, ideal)
        : this.across(sb + 1, target - 1, 1, ideal);
      const reached = mid.at(-1) ?? fromB.at(-1)!;
      const end = beside ? [{ x: a.x < reached.x ? this.minX : this.maxX, y: reached.y }] : [];
      points = [a, ...end, ...[...fromB, ...mid].reverse()];
    } else {
      const sa = this.slabOf(a.y);
      if (!Number.isInteger(sa)) return null;
      if (sa === sb) {
        const fromA = this.leave(a, sa, true, ignore, b.x);
        const fromB = this.leave(b, sb, true, ignore, a.x);
        points = [...fromA, ...fromB.reverse()];
      } else {
        const [top, bottom, st, sbot] = sa < sb ? [a, b, sa, sb] : [b, a, sb, sa];
        const down = this.leave(top, st, false, ignore, bottom.x);
        const mid = this.across(st + 1, sbot - 1, 1, ideal);
        const up = this.leave(bottom, sbot, true, ignore, top.x);
        points = [...down, ...mid, ...up.reverse()];
        if (sa > sb) points.reverse();
      }
    }
    const pulled = this.pull(points, ignore);
    for (let k = 1; k < pulled.length; k++)
      if (!this.clear(pulled[k - 1]!, pulled[k]!, ignore)) return null;
    return pulled;
  }

  /** Cuts every corner it can: from each kept point, on to the furthest next point in sight. */
  private pull(points: Point[], ignore: Ignore): Point[] {
    const unique = points.filter(
      (p, k) => k === 0 || p.x !== points[k - 1]!.x || p.y !== points[k - 1]!.y,
    );
    const kept = [unique[0]!];
    let i = 0;
    while (i < unique.length - 1) {
      let j = i + 1;
      while (j + 1 < unique.length && this.clear(unique[i]!, unique[j + 1]!, ignore)) j++;
      kept.push(unique[j]!);
      i = j;
    }
    return kept;
  }
}

/** The polyline moved sideways by `offset` (left-hand normal in y-down space), corner by corner. */
export function offsetPolyline(points: readonly Point[], offset: number): Point[] {
  if (offset === 0 || points.length < 2) return [...points];
  const unit = (a: Point, b: Point) => {
    const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
  };
  return points.map((p, i) => {
    const before = i > 0 ? unit(points[i - 1]!, p) : null;
    const after = i < points.length - 1 ? unit(p, points[i + 1]!) : null;
    const sum =
      before && after ? { x: before.x + after.x, y: before.y + after.y } : (before ?? after)!;
    const d = unit({ x: 0, y: 0 }, sum);
    // Keep parallel segments `offset` apart at a corner too.
    const cos = before && after ? Math.max(0.5, d.x * before.x + d.y * before.y) : 1;
    return { x: p.x + (d.y * offset) / cos, y: p.y - (d.x * offset) / cos };
  });
}
