import type { Union } from '../model/genogram/union.js';
import { currentUnionStatus } from '../model/genogram/union.js';
import type { Point } from './geometry.js';
import { compareStrings, pt } from './geometry.js';
import type { LayoutGraph, Source } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type { UnionLayout } from './layoutTypes.js';
import { UNION_STATUS_NOTATION } from './notation.js';
import type { Scene } from './drawCommon.js';
import { U, assignLanes, bottom, roundPath } from './drawCommon.js';

/** Partnerships ([L8]): union lines in lanes within each cluster, drop points, status marks. */
export function drawPartnerships(
  graph: LayoutGraph,
  structure: Structure,
  scene: Scene,
): { unions: UnionLayout[]; dropOf: (source: Source) => Point } {
  const { at } = scene;
  const unionDrop = new Map<string, Point>();
  const byCluster = new Map<number, Union[]>();
  for (const union of graph.unions) {
    const cluster = structure.clusterOf.get(union.partnerA)!.index;
    const list = byCluster.get(cluster) ?? [];
    list.push(union);
    byCluster.set(cluster, list);
  }
  const unionLane = new Map<Union, number>();
  for (const unions of byCluster.values()) {
    const span = (u: Union): [number, number] => {
      const a = at(u.partnerA).x;
      const b = at(u.partnerB).x;
      return [Math.min(a, b), Math.max(a, b)];
    };
    const ordered = [...unions].sort((u, v) => {
      const [u1, u2] = span(u);
      const [v1, v2] = span(v);
      return u2 - u1 - (v2 - v1) || u1 - v1 || compareStrings(u.id, v.id);
    });
    // Touching at a shared partner is fine: the lines meet under that partner, as in the books.
    for (const [union, lane] of assignLanes(ordered, span, -0.5)) unionLane.set(union, lane);
  }
  const unions: UnionLayout[] = graph.unions.map((union) => {
    const a = at(union.partnerA);
    const b = at(union.partnerB);
    const aLeft = a.x <= b.x;
    const [left, right] = aLeft ? [a, b] : [b, a];
    const lane = unionLane.get(union) ?? 0;
    const y = Math.max(bottom(left).y, bottom(right).y) + U.unionDrop + lane * U.unionLane;
    const drop = { x: (left.x + right.x) / 2, y };
    unionDrop.set(union.id, drop);
    const status = currentUnionStatus(union);
    const slashes = UNION_STATUS_NOTATION[status].slashes;
    return {
      id: union.id,
      partnerA: union.partnerA,
      partnerB: union.partnerB,
      kind: union.kind,
      status,
      left: aLeft ? union.partnerA : union.partnerB,
      right: aLeft ? union.partnerB : union.partnerA,
      path: roundPath([bottom(left), { x: left.x, y }, { x: right.x, y }, bottom(right)]) as [
        Point,
        Point,
        Point,
        Point,
      ],
      lane,
      drop: pt(drop.x, drop.y),
      statusMarks: slashes === 0 ? null : { at: pt((left.x + drop.x) / 2, y), slashes },
      dateLabel: pt((drop.x + right.x) / 2, y - 4),
    };
  });
  const dropOf = (source: Source): Point =>
    source.union !== null ? unionDrop.get(source.union.id)! : bottom(at(source.parent!));
  return { unions, dropOf };
}
