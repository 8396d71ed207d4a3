import type { PersonId } from '../ids.js';
import type { Source } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';

/**
 * Positions along each row, given the order. Each sweep gives every person a wish (sweeping down:
 * the children of a union as a compact block centred under its drop point; sweeping up: each
 * union's drop point over the middle of its children) and then solves the row exactly: the
 * closest positions, in least squares, that keep the row's order and minimum spacing ([L6]).
 * That is isotonic regression, solved by pool-adjacent-violators in linear time, so a sweep is
 * O(n) and the whole placement is O(n) for a fixed number of rounds.
 */

export interface Spacing {
  partner: number;
  sibling: number;
  family: number;
  /** A wider gap two neighbouring partners need (their union's dates text between them), if any. */
  partnersApart?: (a: PersonId, b: PersonId) => number;
}

/** Sweeps down and up; the placement ends with one more sweep down. */
const PLACE_ROUNDS = 8;
/** Weight of a wish to stay put, for people with nothing pulling them: they yield to anyone. */
const IDLE_WEIGHT = 1e-3;

/** [L6] The smallest centre-to-centre distance between neighbours in a row. */
export function minimumGap(
  a: PersonId,
  b: PersonId,
  structure: Structure,
  spacing: Spacing,
): number {
  if (structure.clusterOf.get(a) === structure.clusterOf.get(b))
    return Math.max(spacing.partner, spacing.partnersApart?.(a, b) ?? 0);
  const source = structure.primary.get(a);
  if (source !== undefined && source === structure.primary.get(b)) return spacing.sibling;
  return spacing.family;
}

/** Weighted isotonic regression of `target - prefix`, returned as positions. */
function solveRow(target: Float64Array, weight: Float64Array, prefix: Float64Array): Float64Array {
  const n = target.length;
  const start = new Int32Array(n);
  const sumW = new Float64Array(n);
  const sumWY = new Float64Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    start[blocks] = i;
    sumW[blocks] = weight[i]!;
    sumWY[blocks] = weight[i]! * (target[i]! - prefix[i]!);
    blocks++;
    while (
      blocks > 1 &&
      sumWY[blocks - 2]! / sumW[blocks - 2]! > sumWY[blocks - 1]! / sumW[blocks - 1]!
    ) {
      sumW[blocks - 2]! += sumW[blocks - 1]!;
      sumWY[blocks - 2]! += sumWY[blocks - 1]!;
      blocks--;
    }
  }
  const result = new Float64Array(n);
  for (let b = 0; b < blocks; b++) {
    const end = b + 1 < blocks ? start[b + 1]! : n;
    const level = sumWY[b]! / sumW[b]!;
    for (let i = start[b]!; i < end; i++) result[i] = level + prefix[i]!;
  }
  return result;
}

export function placeAlongRows(structure: Structure, spacing: Spacing): Map<PersonId, number> {
  const { rows, rowOf, clusterOf, primary, sourcesOf } = structure;
  const x = new Map<PersonId, number>();
  const prefixes = rows.map((row) => {
    const prefix = new Float64Array(row.length);
    for (let i = 1; i < row.length; i++) {
      prefix[i] = prefix[i - 1]! + minimumGap(row[i - 1]!, row[i]!, structure, spacing);
    }
    row.forEach((p, i) => x.set(p, prefix[i]!));
    return prefix;
  });
  const dropX = (source: Source) =>
    source.parents.reduce((sum, p) => sum + x.get(p)!, 0) / source.parents.length;

  const solve = (r: number, wish: Map<PersonId, number>, weightOf: Map<PersonId, number>) => {
    const row = rows[r]!;
    const target = new Float64Array(row.length);
    const weight = new Float64Array(row.length);
    row.forEach((p, i) => {
      target[i] = wish.get(p) ?? x.get(p)!;
      weight[i] = weightOf.get(p) ?? IDLE_WEIGHT;
    });
    const placed = solveRow(target, weight, prefixes[r]!);
    row.forEach((p, i) => x.set(p, placed[i]!));
  };

  /**
   * Partners without a wish of their own move with the rest of their cluster. A rigid cluster
   * moves as one: sweeping down, each partner wishes to stand under their own parents, and two
   * families far apart would otherwise pull a couple apart ([L3]).
   */
  const followCluster = (
    row: PersonId[],
    shifts: Map<PersonId, number>,
    wish: Map<PersonId, number>,
    weightOf: Map<PersonId, number>,
    rigid: boolean,
  ) => {
    let i = 0;
    while (i < row.length) {
      const cluster = clusterOf.get(row[i]!)!;
      let j = i;
      let sum = 0;
      let count = 0;
      while (j < row.length && clusterOf.get(row[j]!) === cluster) {
        const shift = shifts.get(row[j]!);
        if (shift !== undefined) {
          sum += shift;
          count++;
        }
        j++;
      }
      for (let k = i; k < j; k++) {
        const p = row[k]!;
        const own = rigid ? undefined : shifts.get(p);
        if (own !== undefined) {
          wish.set(p, x.get(p)! + own);
          weightOf.set(p, 1);
        } else if (count > 0) {
          wish.set(p, x.get(p)! + sum / count);
          weightOf.set(p, 1);
        }
      }
      i = j;
    }
  };

  const sweepDown = (r: number) => {
    const row = rows[r]!;
    const prefix = prefixes[r]!;
    const groups = new Map<Source, number[]>();
    row.forEach((p, i) => {
      const source = primary.get(p);
      if (source === undefined || rowOf.get(source.parents[0]!) === r) return;
      const list = groups.get(source) ?? [];
      list.push(i);
      groups.set(source, list);
    });
    const shifts = new Map<PersonId, number>();
    for (const [source, indices] of groups) {
      const first = indices[0]!;
      const last = indices.at(-1)!;
      const left = dropX(source) - (prefix[last]! - prefix[first]!) / 2;
      for (const i of indices) {
        const p = row[i]!;
        shifts.set(p, left + prefix[i]! - prefix[first]! - x.get(p)!);
      }
    }
    const wish = new Map<PersonId, number>();
    const weightOf = new Map<PersonId, number>();
    followCluster(row, shifts, wish, weightOf, true);
    solve(r, wish, weightOf);
  };

  const sweepUp = (r: number) => {
    const row = rows[r]!;
    const sums = new Map<PersonId, { sum: number; count: number }>();
    const seen = new Set<number>();
    for (const p of row) {
      const cluster = clusterOf.get(p)!;
      if (seen.has(cluster.index)) continue;
      seen.add(cluster.index);
      for (const source of sourcesOf[cluster.index]!) {
        let min = Infinity;
        let max = -Infinity;
        for (const child of source.children) {
          if (rowOf.get(child) === r) continue;
          const cx = x.get(child)!;
          if (cx < min) min = cx;
          if (cx > max) max = cx;
        }
        if (min > max) continue;
        const shift = (min + max) / 2 - dropX(source);
        for (const parent of source.parents) {
          const entry = sums.get(parent) ?? { sum: 0, count: 0 };
          entry.sum += shift;
          entry.count += 1;
          sums.set(parent, entry);
        }
      }
    }
    const shifts = new Map<PersonId, number>();
    for (const [p, { sum, count }] of sums) shifts.set(p, sum / count);
    const wish = new Map<PersonId, number>();
    const weightOf = new Map<PersonId, number>();
    followCluster(row, shifts, wish, weightOf, false);
    solve(r, wish, weightOf);
  };

  for (let round = 0; round < PLACE_ROUNDS; round++) {
    for (let r = 1; r < rows.length; r++) sweepDown(r);
    for (let r = rows.length - 2; r >= 0; r--) sweepUp(r);
  }
  for (let r = 1; r < rows.length; r++) sweepDown(r);

  let min = Infinity;
  for (const value of x.values()) if (value < min) min = value;
  if (min !== Infinity) for (const [p, value] of x) x.set(p, value - min);
  return x;
}
