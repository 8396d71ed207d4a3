import type { Genogram } from '../model/genogram/genogram.js';
import { buildLayoutGraph } from './layoutGraph.js';
import { drawLayout } from './layoutDraw.js';
import { placeAlongRows } from './layoutPlace.js';
import { buildStructure } from './layoutStructure.js';
import type { GenogramLayout, LayoutOptions } from './layoutTypes.js';
import { LAYOUT_UNITS } from './layoutTypes.js';
import { datesRoom } from './drawPartnerships.js';

export type * from './layoutTypes.js';
export { LAYOUT_UNITS } from './layoutTypes.js';

/**
 * The genogram's picture as a pure function of the model and its stored nudges (docs/architecture.md):
 * every client computes the same layout, so concurrent edits never fight over positions. The
 * rules are in LAYOUT.md. Never throws on a genogram the types allow: references that do not
 * resolve are left out of the picture ([L15]).
 *
 * Cost: sorting and a fixed number of linear sweeps, O(n log n) in the number of entities.
 */
export function layoutGenogram(genogram: Genogram, options: LayoutOptions = {}): GenogramLayout {
  const graph = buildLayoutGraph(genogram);
  const structure = buildStructure(graph, genogram);
  const xs = placeAlongRows(structure, {
    partner: LAYOUT_UNITS.partnerGap,
    sibling: LAYOUT_UNITS.siblingGap,
    family: LAYOUT_UNITS.familyGap,
    partnersApart: datesRoom(graph),
  });
  return drawLayout(genogram, graph, structure, xs, options.applyNudges ?? true);
}
