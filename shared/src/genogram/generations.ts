import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import { buildLayoutGraph } from './layoutGraph.js';
import { buildStructure } from './layoutStructure.js';
import { sortedByName } from './people.js';

/**
 * People offered to choose from, grouped by the generation they are drawn in ([G27]): the rows of
 * the layout ([L2]), so a list reads like the drawing, top row first.
 */

export interface GenerationGroup<T> {
  label: string;
  items: T[];
}

/** Each person's generation, 0 for the top row of the drawing. */
export function generationsOf(genogram: Genogram): Map<PersonId, number> {
  return buildStructure(buildLayoutGraph(genogram), genogram).rowOf;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The name of a generation as the unit speaks of it: relative to the children of concern's
 * generation when there is one (`concernRow`), otherwise counted from the top.
 */
export function generationLabel(row: number, concernRow: number | null): string {
  if (concernRow === null) return `Generation ${row + 1}`;
  const offset = row - concernRow;
  if (offset === 0) return "Children's generation";
  if (offset === -1) return "Parents' generation";
  // Below the children come their children: the grandchildren of the parents' generation.
  const greats = 'great-'.repeat(offset < 0 ? -offset - 2 : offset - 1);
  return capitalised(`${greats}grand${offset < 0 ? "parents'" : "children's"} generation`);
}

/** The row most children of concern are drawn in (the lower one on a tie); null if none. */
function concernRowOf(genogram: Genogram, rowOf: Map<PersonId, number>): number | null {
  const counts = new Map<number, number>();
  for (const person of genogram.people) {
    const row = rowOf.get(person.id);
    if (person.childOfConcern && row !== undefined) counts.set(row, (counts.get(row) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [row, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && row > best!)) best = row;
  }
  return best;
}

/**
 * `items` grouped by generation, top first, sorted by name within each ([G24]); items whose
 * person is not on the genogram come last, under "Not on the genogram".
 */
export function groupedByGeneration<T>(
  genogram: Genogram,
  items: readonly T[],
  personOf: (item: T) => string,
  label: (item: T) => string,
): GenerationGroup<T>[] {
  const rowOf = generationsOf(genogram);
  const concernRow = concernRowOf(genogram, rowOf);
  const byRow = new Map<number, T[]>();
  for (const item of items) {
    const row = rowOf.get(personOf(item) as PersonId) ?? Number.POSITIVE_INFINITY;
    byRow.set(row, [...(byRow.get(row) ?? []), item]);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, rowItems]) => ({
      label: Number.isFinite(row) ? generationLabel(row, concernRow) : 'Not on the genogram',
      items: sortedByName(rowItems, label),
    }));
}
