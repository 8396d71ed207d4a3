import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Point, Rect } from './geometry.js';
import { growRect, roundRect } from './geometry.js';
import type { LayoutGraph } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type { GenogramLayout } from './layoutTypes.js';
import { LAYOUT_UNITS } from './layoutTypes.js';
import type { Scene, Way } from './drawCommon.js';
import { U } from './drawCommon.js';
import { ChannelRouter } from './channels.js';
import { Obstacles } from './route.js';
import { drawChildLines } from './drawChildren.js';
import { drawEcomap } from './drawEcomap.js';
import { drawHouseholds } from './drawHouseholds.js';
import { drawLegalMarkers } from './drawLegal.js';
import { drawPartnerships } from './drawPartnerships.js';
import { placePeople } from './drawPeople.js';
import { drawRelationships } from './drawRelationships.js';

/** Symbols (grown by `clearance`) and labels: what lines over the family go around. */
function wayAround(scene: Scene, labels: Rect[], familyLines: Point[][]): Way {
  const symbolBox = new Map<PersonId, Rect>();
  for (const [id, p] of scene.placed) {
    const half = p.size / 2 + U.clearance;
    symbolBox.set(id, { minX: p.x - half, minY: p.y - half, maxX: p.x + half, maxY: p.y + half });
  }
  const boxes = [...symbolBox.values(), ...labels];
  const obstacles = new Obstacles(boxes);
  // The heights of horizontal family lines, which routes keep off ([L18]).
  const levels = familyLines.flatMap((line) =>
    line.flatMap((p, k) => (k > 0 && line[k - 1]!.y === p.y ? [p.y] : [])),
  );
  return { symbolBox, obstacles, router: new ChannelRouter(boxes, obstacles, levels) };
}

/**
 * Turns row positions into everything drawn, one named step each: people with nudges and their
 * labels, partnerships, children lines (sibling bars, child links, twins), relationship lines,
 * household outlines, the ecomap and legal badges. Every line is computed from the final
 * (nudged) centres, so lines follow a nudged person ([L7]).
 */
export function drawLayout(
  genogram: Genogram,
  graph: LayoutGraph,
  structure: Structure,
  xs: Map<PersonId, number>,
  applyNudges: boolean,
): GenogramLayout {
  const scene = placePeople(genogram, graph, structure, xs, applyNudges);
  const { unions, dropOf } = drawPartnerships(graph, structure, scene);
  const { siblingGroups, twins, childLinks } = drawChildLines(graph, structure, scene, dropOf);
  // Households grow the family's bounds, which the ecomap is drawn around.
  const households = drawHouseholds(
    genogram,
    scene,
    [
      ...unions.map((u) => u.path),
      ...siblingGroups.flatMap((g) => [g.stem, g.bar]),
      ...childLinks.map((l) => l.path),
    ],
    unions,
  );
  const labels: Rect[] = [
    ...scene.people.map((p) => p.labelBox),
    ...unions.flatMap((u) => (u.dateLabelBox ? [u.dateLabelBox] : [])),
    ...households.flatMap((h) => (h.labelBox ? [h.labelBox] : [])),
  ];
  const way = wayAround(scene, labels, [
    ...siblingGroups.map((g) => g.bar),
    ...childLinks.map((l) => l.path),
  ]);
  const relationships = drawRelationships(genogram, scene, way);
  const family = scene.family;
  const ecomap = drawEcomap(genogram, scene.placed, family, way);
  const { parentalResponsibility, contactRestrictions } = drawLegalMarkers(genogram, scene, way);

  // Bounds: everything drawn, so the viewBox takes it all in.
  const bounds: Rect = { ...family };
  const grow = (p: Point, r = 0) => {
    growRect(bounds, p.x - r, p.y - r);
    growRect(bounds, p.x + r, p.y + r);
  };
  for (const u of unions) u.path.forEach((p) => grow(p));
  for (const g of siblingGroups) [...g.stem, ...g.bar].forEach((p) => grow(p));
  for (const l of childLinks) l.path.forEach((p) => grow(p));
  for (const r of relationships)
    [r.from, r.to, ...r.path, ...(r.control ? [r.control] : [])].forEach((p) => grow(p));
  for (const e of ecomap.entries) {
    grow(e.centre, e.radius);
    for (const t of e.ties) t.path.forEach((p) => grow(p));
  }
  for (const pr of parentalResponsibility)
    for (const entry of pr.entries) entry.connector.forEach((p) => grow(p));
  for (const cr of contactRestrictions)
    for (const entry of cr.entries) entry.connector?.forEach((p) => grow(p));
  const badgeRadius = 8;
  for (const pr of parentalResponsibility) grow(pr.badge, badgeRadius);
  for (const cr of contactRestrictions) grow(cr.badge, badgeRadius);

  return {
    units: LAYOUT_UNITS,
    people: scene.people,
    rows: structure.rows.map((row, index) => ({ index, y: index * U.rowHeight, people: row })),
    unions,
    siblingGroups,
    childLinks,
    twins,
    relationships,
    households,
    ecomap,
    parentalResponsibility,
    contactRestrictions,
    familyBounds: roundRect(family),
    bounds: roundRect(bounds),
  };
}
