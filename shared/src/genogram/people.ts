import type { PersonId } from '../ids.js';
import { currentUnionStatus, type Union } from '../model/genogram/union.js';
import type { Genogram } from '../model/genogram/genogram.js';

/**
 * Orders in which people and partnerships are offered to a person choosing among them: lists
 * of names sorted as a reader looks for them, and a person's partnerships with the current one
 * first, so "Add child" proposes the partner they are with, not an ex-partner.
 */

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Compares names as a British reader sorts them; an empty name goes last. */
export function compareNames(a: string, b: string): number {
  const emptyA = a.trim() === '';
  const emptyB = b.trim() === '';
  if (emptyA !== emptyB) return emptyA ? 1 : -1;
  return collator.compare(a, b);
}

/** `items` sorted by `label`, ties kept in their order. */
export function sortedByName<T>(items: readonly T[], label: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, name: label(item) }))
    .sort((a, b) => compareNames(a.name, b.name) || a.index - b.index)
    .map(({ item }) => item);
}

/** Partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) sort as strings; undated sorts first. */
const startKey = (union: Union): string => union.startDate ?? '';

/**
 * A person's partnerships, the ones they are together in first, then separated, then divorced;
 * within each, the most recently begun first (undated after dated), ties in genogram order.
 */
export function partnershipsOf(genogram: Pick<Genogram, 'unions'>, personId: PersonId): Union[] {
  const rank = { together: 0, separated: 1, divorced: 2 } as const;
  return genogram.unions
    .filter((union) => union.partnerA === personId || union.partnerB === personId)
    .map((union, index) => ({ union, index }))
    .sort(
      (a, b) =>
        rank[currentUnionStatus(a.union)] - rank[currentUnionStatus(b.union)] ||
        startKey(b.union).localeCompare(startKey(a.union)) ||
        a.index - b.index,
    )
    .map(({ union }) => union);
}
