import type { Point, Rect } from './geometry.js';

/**
 * The outline of a union of axis-aligned rectangles, as one polygon (its outer boundary), so a
 * household's boundary can take in exactly its members ([L11]). Cells of the grid the rectangles'
 * edges make are covered or not; the edges between covered and uncovered cells are chained,
 * interior on the left, and straight runs merged. Space the rectangles enclose without covering
 * comes back as holes, drawn as inner boundaries, so whoever stands there is outside. O(k^3) for k rectangles: households are small.
 */
export function rectUnionOutline(rects: readonly Rect[]): { outer: Point[]; holes: Point[][] } {
  if (rects.length === 0) return { outer: [], holes: [] };
  const xs = [...new Set(rects.flatMap((r) => [r.minX, r.maxX]))].sort((a, b) => a - b);
  const ys = [...new Set(rects.flatMap((r) => [r.minY, r.maxY]))].sort((a, b) => a - b);
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  const covered = (i: number, j: number): boolean => {
    if (i < 0 || j < 0 || i >= nx || j >= ny) return false;
    const cx = (xs[i]! + xs[i + 1]!) / 2;
    const cy = (ys[j]! + ys[j + 1]!) / 2;
    return rects.some((r) => r.minX < cx && cx < r.maxX && r.minY < cy && cy < r.maxY);
  };
  const grid: boolean[][] = [];
  for (let i = 0; i < nx; i++) {
    grid.push([]);
    for (let j = 0; j < ny; j++) grid[i]!.push(covered(i, j));
  }
  const at = (i: number, j: number) => i >= 0 && j >= 0 && i < nx && j < ny && grid[i]![j]!;
  // Directed edges between grid vertices (i, j), interior on the left in y-down coordinates:
  // a cell's top edge runs right-to-left, its bottom left-to-right, and so on.
  const next = new Map<string, [number, number][]>();
  const key = (i: number, j: number) => `${i},${j}`;
  const add = (a: [number, number], b: [number, number]) => {
    const list = next.get(key(...a)) ?? [];
    list.push(b);
    next.set(key(...a), list);
  };
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      if (!grid[i]![j]) continue;
      if (!at(i, j - 1)) add([i + 1, j], [i, j]);
      if (!at(i, j + 1)) add([i, j + 1], [i + 1, j + 1]);
      if (!at(i - 1, j)) add([i, j], [i, j + 1]);
      if (!at(i + 1, j)) add([i + 1, j + 1], [i + 1, j]);
    }
  }
  // Chains the edges into loops from a starting corner, keeping to the outside where two covered
  // cells meet only at a corner (the sharpest right turn).
  const trace = (start: [number, number], previousStart: [number, number]): Point[] => {
    const loop: [number, number][] = [start];
    let previous = previousStart;
    let current = start;
    for (let guard = 0; guard < 4 * (nx + 1) * (ny + 1); guard++) {
      const options = next.get(key(...current)) ?? [];
      if (options.length === 0) break;
      const dx = current[0] - previous[0];
      const dy = current[1] - previous[1];
      const turn = (o: [number, number]) => {
        const ex = o[0] - current[0];
        const ey = o[1] - current[1];
        return Math.sign(dx * ey - dy * ex);
      };
      const chosen = [...options].sort((a, b) => turn(b) - turn(a))[0]!;
      options.splice(options.indexOf(chosen), 1);
      previous = current;
      current = chosen;
      if (current[0] === start[0] && current[1] === start[1]) break;
      loop.push(current);
    }
    const points = loop.map(([i, j]) => ({ x: xs[i]!, y: ys[j]! }));
    return points.filter((p, k) => {
      const a = points[(k - 1 + points.length) % points.length]!;
      const b = points[(k + 1) % points.length]!;
      return !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
    });
  };
  // The outer boundary passes the top-most, then left-most, covered cell's top-right corner.
  let start: [number, number] | null = null;
  for (let j = 0; j < ny && !start; j++) {
    for (let i = 0; i < nx && !start; i++) if (grid[i]![j]) start = [i + 1, j];
  }
  if (!start) return { outer: [], holes: [] };
  const outer = trace(start, [start[0] + 1, start[1]]);
  // Whatever edges are left bound holes: space enclosed by the outline but not covered.
  const holes: Point[][] = [];
  const remaining = () =>
    [...next.entries()]
      .filter(([, list]) => list.length > 0)
      .map(([k]) => k)
      .sort();
  for (let k = remaining()[0]; k !== undefined; k = remaining()[0]) {
    const [i, j] = k.split(',').map(Number) as [number, number];
    const to = next.get(k)![0]!;
    // Arrive as if along the same direction, so the first step goes straight on.
    const hole = trace([i, j], [2 * i - to[0], 2 * j - to[1]]);
    if (hole.length >= 4) holes.push(hole);
  }
  return { outer, holes };
}
