import type { PersonId } from '../ids.js';
import type { Point, Rect } from './geometry.js';
import { pt } from './geometry.js';
import type { PersonLayout } from './layoutTypes.js';
import type { ChannelRouter } from './channels.js';
import type { Obstacles } from './route.js';
import { LAYOUT_UNITS } from './layoutTypes.js';

/** What every drawing step of `drawLayout` shares: the final (nudged) place of each person. */

export const U = LAYOUT_UNITS;

export interface Placed {
  x: number;
  y: number;
  size: number;
  row: number;
}

export interface Scene {
  placed: Map<PersonId, Placed>;
  /** The person's final place; only called with ids known to be placed. */
  at(id: PersonId): Placed;
  people: PersonLayout[];
  /** People, their labels and (once drawn) household outlines: what the ecomap goes around. */
  family: Rect;
}

export const bottom = (p: Placed): Point => ({ x: p.x, y: p.y + p.size / 2 });
export const top = (p: Placed): Point => ({ x: p.x, y: p.y - p.size / 2 });
export const roundPath = (points: Point[]): Point[] => points.map((p) => pt(p.x, p.y));

/** Lowest lane whose intervals do not overlap this one, for intervals visited in a fixed order. */
export function assignLanes<T>(
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

export function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return from;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

/**
 * What lines drawn over the family keep clear of ([L10], [L12], [L13], [L17]): every symbol
 * (grown by `clearance`) and every label, indexed once, and the router that goes around them.
 */
export interface Way {
  symbolBox: Map<PersonId, Rect>;
  obstacles: Obstacles;
  router: ChannelRouter;
}
