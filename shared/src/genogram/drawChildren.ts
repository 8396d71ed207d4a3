import type { PersonId } from '../ids.js';
import type { Point } from './geometry.js';
import { compareStrings, pt } from './geometry.js';
import type { LayoutGraph, Source } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type { ChildLinkLayout, SiblingGroupLayout, TwinLayout } from './layoutTypes.js';
import type { Placed, Scene } from './drawCommon.js';
import type { ChildrenDrop } from './drawPartnerships.js';
import { U, assignLanes, roundPath, top } from './drawCommon.js';

/** Smallest horizontal gap between two bars sharing a lane. */
const BAR_SEPARATION = 10;

interface Group {
  source: Source;
  lead: Point[];
  drop: Point;
  attach: Map<PersonId, number>;
  twins: { group: string; members: PersonId[]; apexX: number }[];
  row: number;
  x1: number;
  x2: number;
}

interface Route {
  linkId: string;
  lead: Point[];
  drop: Point;
  child: Placed;
  row: number;
  x1: number;
  x2: number;
}

/** Each source's children with their attach points on its bar; twins share one apex ([L9]). */
function siblingGroupsOf(
  graph: LayoutGraph,
  structure: Structure,
  scene: Scene,
  dropOf: (source: Source) => ChildrenDrop,
): Group[] {
  const { at } = scene;
  const groups: Group[] = [];
  for (const source of graph.sources.values()) {
    if (source.children.length === 0) continue;
    const { lead, drop } = dropOf(source);
    const attach = new Map<PersonId, number>();
    const twins: Group['twins'] = [];
    let i = 0;
    while (i < source.children.length) {
      const child = source.children[i]!;
      const group = structure.primaryLink.get(child)?.twinGroup ?? null;
      let j = i + 1;
      while (
        group !== null &&
        j < source.children.length &&
        structure.primaryLink.get(source.children[j]!)?.twinGroup === group
      ) {
        j++;
      }
      const members = source.children.slice(i, j);
      if (group !== null && members.length >= 2) {
        const apexX = members.reduce((s, m) => s + at(m).x, 0) / members.length;
        twins.push({ group, members, apexX });
        for (const m of members) attach.set(m, apexX);
      } else {
        for (const m of members) attach.set(m, at(m).x);
      }
      i = j;
    }
    let x1 = drop.x;
    let x2 = drop.x;
    for (const ax of attach.values()) {
      x1 = Math.min(x1, ax);
      x2 = Math.max(x2, ax);
    }
    let row = Infinity;
    for (const c of source.children) row = Math.min(row, structure.rowOf.get(c) ?? 0);
    groups.push({ source, lead, drop, attach, twins, row, x1, x2 });
  }
  return groups;
}

/** The links a child does not stand under ([L5]), routed from their own source. */
function routedLinksOf(
  graph: LayoutGraph,
  structure: Structure,
  scene: Scene,
  dropOf: (source: Source) => ChildrenDrop,
): Route[] {
  const routes: Route[] = [];
  for (const link of graph.links) {
    if (structure.primaryLink.get(link.child) === link) continue;
    const child = scene.at(link.child);
    const { lead, drop } = dropOf(graph.linkSource.get(link.id)!);
    routes.push({
      linkId: link.id,
      lead,
      drop,
      child,
      row: child.row,
      x1: Math.min(drop.x, child.x),
      x2: Math.max(drop.x, child.x),
    });
  }
  return routes;
}

/** Bars and routed links share lanes per child row, so no two horizontal runs coincide. */
function barLanesOf(groups: Group[], routes: Route[]): Map<string, number> {
  const barItems = [
    ...groups.map((g) => ({ key: g.source.key, row: g.row, x1: g.x1, x2: g.x2 })),
    ...routes.map((r) => ({ key: `link:${r.linkId}`, row: r.row, x1: r.x1, x2: r.x2 })),
  ].sort((a, b) => a.row - b.row || a.x1 - b.x1 || a.x2 - b.x2 || compareStrings(a.key, b.key));
  const barLane = new Map<string, number>();
  let start = 0;
  while (start < barItems.length) {
    let end = start;
    while (end < barItems.length && barItems[end]!.row === barItems[start]!.row) end++;
    const lanes = assignLanes(barItems.slice(start, end), (i) => [i.x1, i.x2], BAR_SEPARATION);
    for (const [item, lane] of lanes) barLane.set(item.key, lane);
    start = end;
  }
  return barLane;
}

/** Children lines ([L4], [L5], [L9]): stems, sibling bars, twin apexes and every child link. */
export function drawChildLines(
  graph: LayoutGraph,
  structure: Structure,
  scene: Scene,
  dropOf: (source: Source) => ChildrenDrop,
): { siblingGroups: SiblingGroupLayout[]; twins: TwinLayout[]; childLinks: ChildLinkLayout[] } {
  const { at } = scene;
  const groups = siblingGroupsOf(graph, structure, scene, dropOf);
  const routes = routedLinksOf(graph, structure, scene, dropOf);
  const barLane = barLanesOf(groups, routes);
  const barY = (row: number, lane: number) =>
    row * U.rowHeight - U.symbol / 2 - U.barRise - lane * U.barLane;

  const siblingGroups: SiblingGroupLayout[] = [];
  const twins: TwinLayout[] = [];
  const linkPath = new Map<string, Point[]>();
  for (const group of groups) {
    const lane = barLane.get(group.source.key) ?? 0;
    const y = barY(group.row, lane);
    siblingGroups.push({
      source: group.source.key,
      union: group.source.union?.id ?? null,
      parent: group.source.parent,
      drop: pt(group.drop.x, group.drop.y),
      stem: roundPath([...group.lead, group.drop, { x: group.drop.x, y }]),
      bar: [pt(group.x1, y), pt(group.x2, y)],
      lane,
      children: group.source.children,
    });
    for (const child of group.source.children) {
      const link = structure.primaryLink.get(child)!;
      linkPath.set(link.id, roundPath([{ x: group.attach.get(child)!, y }, top(at(child))]));
    }
    for (const twin of group.twins) {
      const apex = { x: twin.apexX, y };
      const halfway = (m: PersonId) => {
        const t = top(at(m));
        return { x: (apex.x + t.x) / 2, y: (apex.y + t.y) / 2 };
      };
      const identical = twin.members
        .filter((m) => structure.primaryLink.get(m)!.identical)
        .sort((a, b) => at(a).x - at(b).x || compareStrings(a, b));
      const members = [...twin.members].sort((a, b) => at(a).x - at(b).x || compareStrings(a, b));
      twins.push({
        group: twin.group,
        source: group.source.key,
        members,
        apex: pt(apex.x, apex.y),
        identicalBar:
          identical.length >= 2
            ? (roundPath([halfway(identical[0]!), halfway(identical.at(-1)!)]) as [Point, Point])
            : null,
      });
    }
  }
  twins.sort((a, b) => compareStrings(a.group, b.group) || compareStrings(a.source, b.source));
  for (const route of routes) {
    const y = barY(route.row, barLane.get(`link:${route.linkId}`) ?? 0);
    linkPath.set(
      route.linkId,
      roundPath([
        ...route.lead,
        route.drop,
        { x: route.drop.x, y },
        { x: route.child.x, y },
        top(route.child),
      ]),
    );
  }
  const childLinks: ChildLinkLayout[] = graph.links.map((link) => ({
    id: link.id,
    child: link.child,
    union: graph.linkSource.get(link.id)!.union?.id ?? null,
    parent: graph.linkSource.get(link.id)!.parent,
    kind: link.kind,
    primary: structure.primaryLink.get(link.child) === link,
    path: linkPath.get(link.id)!,
    twinGroup: link.twinGroup,
  }));
  return { siblingGroups, twins, childLinks };
}
