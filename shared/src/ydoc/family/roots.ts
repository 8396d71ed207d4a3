import * as Y from 'yjs';

/**
 * Where the genogram lives in a family document `family:<id>` (shared/SPEC.md [G17]).
 *
 * One root Y.Map per collection, keyed by entity id; each entry is a nested Y.Map with one key per
 * field, so two people editing different fields of one person both keep their edit, and the same
 * field resolves to one value on every replica (Yjs orders concurrent writes to a key by client).
 * Keys are never removed from an entry: a cleared field is written as `null`, so a reader never
 * sees an entity half-written.
 *
 * Roots are prefixed with `genogram:` because the family document also holds the hypotheses board
 * and the children's risk entries.
 */
export const GENOGRAM_ROOTS = {
  people: 'genogram:people',
  unions: 'genogram:unions',
  childLinks: 'genogram:childLinks',
  relationships: 'genogram:relationships',
  households: 'genogram:households',
  ecomap: 'genogram:ecomap',
  parentalResponsibility: 'genogram:parentalResponsibility',
  contactRestrictions: 'genogram:contactRestrictions',
  nudges: 'genogram:nudges',
} as const;
export type GenogramCollection = keyof typeof GENOGRAM_ROOTS;

/** One entity: field name to value, nested types only where listed below. */
export type EntityMap = Y.Map<unknown>;

/**
 * Fields stored as nested Yjs types instead of plain values, chosen for how they merge:
 *
 * - `people/*.attributes`: Y.Map, one key per attribute (health, culture, ...), so edits of two
 *   attributes merge like any other two fields.
 * - `unions/*.events`: Y.Array of plain `{ status, date }` objects. Two events added at once are
 *   both kept; an event is never edited in place (remove and add), so its status and date cannot
 *   come from two different writers.
 * - `households/*.members`, `ecomap/*.connectedTo`: Y.Array of person ids, appended on add and
 *   every occurrence deleted on remove. Two people adding the same member at once leave two
 *   entries, so the reader keeps the first occurrence; an add concurrent with a remove survives
 *   (the remove only deletes the entries it saw), which is the safer outcome for a household.
 *
 * Fields stored as one plain value because their parts must never come from different writers:
 *
 * - `childLinks/*.attachment`: `{ union, parent }` with exactly one set. Two separate keys could
 *   merge into a link hanging from both a union and a parent.
 * - `nudges/<personId>`: `{ dx, dy }`, one drag.
 */
export const NESTED_FIELDS = {
  people: ['attributes'],
  unions: ['events'],
  households: ['members'],
  ecomap: ['connectedTo'],
} as const;

/**
 * Parental responsibility is keyed by `<holder>:<child>` rather than a random id, so two people
 * recording it for the same pair at once write one entry (last writer's basis wins) instead of two.
 * `:` cannot occur in an id, so the key splits back unambiguously.
 */
export const parentalResponsibilityKey = (holder: string, child: string): string =>
  `${holder}:${child}`;

export function genogramRoot(doc: Y.Doc, collection: GenogramCollection): Y.Map<unknown> {
  return doc.getMap(GENOGRAM_ROOTS[collection]);
}

/** Every genogram root, for an undo manager's scope or an observer. */
export function genogramRoots(doc: Y.Doc): Y.Map<unknown>[] {
  return (Object.keys(GENOGRAM_ROOTS) as GenogramCollection[]).map((c) => genogramRoot(doc, c));
}

/** Entries of a root in id order: Y.Map iteration follows arrival order, which differs by replica. */
export function sortedEntries(root: Y.Map<unknown>): [string, unknown][] {
  return [...root.entries()].sort(([a], [b]) => compareIds(a, b));
}

/** Code-unit order, never locale order: every replica and every runtime must agree. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const isEntityMap = (value: unknown): value is EntityMap => value instanceof Y.Map;
