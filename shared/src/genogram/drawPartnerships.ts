import type { Union } from '../model/genogram/union.js';
import { currentUnionStatus } from '../model/genogram/union.js';
import type { Point } from './geometry.js';
import { compareStrings, pt, roundRect } from './geometry.js';
import { LABEL_FONTS, estimatedTextWidth, textBoxAt, unionDatesText } from './labels.js';
import type { PersonId } from '../ids.js';
import type { LayoutGraph, Source } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type { UnionLayout } from './layoutTypes.js';
import { UNION_STATUS_NOTATION } from './notation.js';
import type { Scene } from './drawCommon.js';
import { U, assignLanes, bottom, roundPath } from './drawCommon.js';

/** Where a source's children's lines leave from; `lead` runs from the symbol to `drop`. */
export interface ChildrenDrop {
  lead: Point[];
  drop: Point;
}

/**
 * A lone parent's children's line leaves from the side of the symbol, level with its centre,
 * and goes down just outside the parent's label, so it never runs through their name ([L17]).
 * The side away from the parent's partners, the right one when both or neither are partners.
 */
function loneParentDrop(parent: PersonId, structure: Structure, scene: Scene): ChildrenDrop {
  const p = scene.at(parent);
  const row = structure.rows[p.row] ?? [];
  const index = row.indexOf(parent);
  const cluster = structure.clusterOf.get(parent);
  const partnerAt = (i: number) =>
    i >= 0 && i < row.length && structure.clusterOf.get(row[i]!) === cluster;
  const side = partnerAt(index + 1) && !partnerAt(index - 1) ? -1 : 1;
  const edge = { x: p.x + (side * p.size) / 2, y: p.y };
  const drop = { x: p.x + side * (U.labelWidth / 2 + LONE_PARENT_OFFSET), y: p.y };
  return { lead: [edge], drop };
}

/** Room between a lone parent's label and the line to their children. */
const LONE_PARENT_OFFSET = 6;

/** Room between a union's dates text and each leg of its line. */
const DATES_MARGIN = 6;
/** Room the status slashes take beside the dates text, from the text's edge to past the marks. */
const SLASHES_ROOM = 24;

/**
 * How far apart two neighbouring partners must stand for their union's dates text to sit
 * between the legs of its line, the status slashes beside it ([L17]).
 */
export function datesRoom(graph: LayoutGraph): (a: PersonId, b: PersonId) => number {
  const need = new Map<string, number>();
  for (const union of graph.unions) {
    const dates = unionDatesText(union);
    if (!dates) continue;
    const slashes = UNION_STATUS_NOTATION[currentUnionStatus(union)].slashes > 0;
    const width =
      estimatedTextWidth(dates, LABEL_FONTS.union) +
      2 * DATES_MARGIN +
      (slashes ? 2 * SLASHES_ROOM : 0);
    for (const key of [
      `${union.partnerA}\u0000${union.partnerB}`,
      `${union.partnerB}\u0000${union.partnerA}`,
    ])
      need.set(key, Math.max(need.get(key) ?? 0, width));
  }
  return (a, b) => need.get(`${a}\u0000${b}`) ?? 0;
}

/** Partnerships ([L8]): union lines in lanes within each cluster, drop points, status marks. */
export function drawPartnerships(
  graph: LayoutGraph,
  structure: Structure,
  scene: Scene,
): { unions: UnionLayout[]; dropOf: (source: Source) => ChildrenDrop } {
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
    const dates = unionDatesText(union);
    // Centred over the drop, between the legs; the stem leaves the line downwards.
    const dateAt = { x: drop.x, y: y - 4 };
    const datesHalf = dates ? estimatedTextWidth(dates, LABEL_FONTS.union) / 2 : 0;
    const slashesX = dates ? drop.x - datesHalf - SLASHES_ROOM / 2 : (left.x + drop.x) / 2;
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
      statusMarks: slashes === 0 ? null : { at: pt(slashesX, y), slashes },
      dates,
      dateLabel: pt(dateAt.x, dateAt.y),
      dateLabelBox: dates ? roundRect(textBoxAt(dateAt, dates, LABEL_FONTS.union)) : null,
    };
  });
  const dropOf = (source: Source): ChildrenDrop =>
    source.union !== null
      ? { lead: [], drop: unionDrop.get(source.union.id)! }
      : loneParentDrop(source.parent!, structure, scene);
  return { unions, dropOf };
}
