import * as Y from 'yjs';
import type { z } from 'zod';
import { ID_PATTERN } from '../../../ids.js';
import type { ChildLink } from '../../../model/genogram/childLink.js';
import type { Genogram } from '../../../model/genogram/genogram.js';
import type { Person } from '../../../model/genogram/person.js';
import type { Union } from '../../../model/genogram/union.js';
import type { TransactionOrigin } from '../../origins.js';
import { Ancestry, linkParents } from '../ancestry.js';
import { GenogramRuleError, displayName, possessive } from '../errors.js';
import { readGenogram } from '../read.js';
import { genogramRoot, isEntityMap, type EntityMap, type GenogramCollection } from '../roots.js';

/**
 * What every command works with. Commands check their rules against the genogram as the reader
 * sees it (what the user sees), then write in one transaction with the caller's origin; a refusal
 * is thrown before the transaction starts, so it changes nothing ([G10]).
 */
export class CommandContext {
  constructor(
    readonly doc: Y.Doc,
    private readonly origin: TransactionOrigin,
    private readonly newId: () => string,
  ) {}

  root(collection: GenogramCollection): Y.Map<unknown> {
    return genogramRoot(this.doc, collection);
  }

  read(): GenogramView {
    return new GenogramView(readGenogram(this.doc));
  }

  transact(write: () => void): void {
    this.doc.transact(write, this.origin);
  }

  /**
   * A fresh id for `collection`, refused if the caller's id function repeats itself: silently
   * reusing an id would merge two entities into one ([G11]).
   */
  freshIds(): (collection: GenogramCollection) => string {
    const issued = new Set<string>();
    return (collection) => {
      const id = this.newId();
      if (!ID_PATTERN.test(id)) throw new Error(`id function returned a malformed id "${id}"`);
      if (issued.has(id) || this.root(collection).has(id))
        throw new Error(`id function returned an id already in use: "${id}"`);
      issued.add(id);
      return id;
    };
  }

  /** The stored entity, for writing; undefined if it is not an entity map. */
  entity(collection: GenogramCollection, id: string): EntityMap | undefined {
    const value = this.root(collection).get(id);
    return isEntityMap(value) ? value : undefined;
  }
}

/** The read genogram with lookups, and the rule checks commands share. */
export class GenogramView {
  readonly people: Map<string, Person>;
  readonly unions: Map<string, Union>;
  readonly links: Map<string, ChildLink>;

  constructor(readonly genogram: Genogram) {
    this.people = new Map(genogram.people.map((p) => [p.id, p]));
    this.unions = new Map(genogram.unions.map((u) => [u.id, u]));
    this.links = new Map(genogram.childLinks.map((l) => [l.id, l]));
  }

  person(id: string): Person {
    const person = this.people.get(id);
    if (!person) throw gone('That person');
    return person;
  }

  union(id: string): Union {
    const union = this.unions.get(id);
    if (!union) throw gone('That union');
    return union;
  }

  link(id: string): ChildLink {
    const link = this.links.get(id);
    if (!link) throw gone('That child link');
    return link;
  }

  birthLink(child: string, except?: string): ChildLink | undefined {
    return this.genogram.childLinks.find(
      (l) => l.child === child && l.kind === 'birth' && l.id !== except,
    );
  }

  /**
   * Refuses a link that would break [G3] or [G4]; `except` is the link being changed, which must
   * not count against itself.
   */
  checkLink(link: Pick<ChildLink, 'child' | 'union' | 'parent' | 'kind'>, except?: string): void {
    const child = this.person(link.child);
    const parents = linkParents(link, this.unions);
    if (!parents) throw gone('That union');
    parents.forEach((p) => this.person(p));
    const others = this.genogram.childLinks.filter((l) => l.id !== except);
    const ancestry = new Ancestry();
    for (const other of others) ancestry.add(other.child, linkParents(other, this.unions) ?? []);
    if (ancestry.wouldCloseCycle(link.child, parents))
      throw new GenogramRuleError(
        'G3',
        `${displayName(child)} cannot be ${possessive(child)} own ancestor`,
      );
    if (
      others.some(
        (l) => l.child === link.child && l.union === link.union && l.parent === link.parent,
      )
    )
      throw new GenogramRuleError('G4', `${displayName(child)} already hangs from these parents`);
    if (link.kind === 'birth' && this.birthLink(link.child, except))
      throw new GenogramRuleError(
        'G4',
        `${displayName(child)} already has birth parents on the genogram`,
      );
  }
}

export const gone = (what: string) =>
  new GenogramRuleError('G10', `${what} is no longer on the genogram`);

/**
 * Checks a whole entity against its schema. Patches are merged into the current entity first, so
 * the same check serves create and update.
 */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.');
  throw new GenogramRuleError(
    'G1',
    `The ${what} is not valid${field ? ` (${field})` : ''}: ${issue?.message ?? 'unknown problem'}`,
  );
}

/** Patch keys whose value is given; `undefined` means "leave as it is". */
export function given<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

const same = (a: unknown, b: unknown): boolean =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** Writes only the fields whose stored value differs, so an unchanged field never wins a race. */
export function writeChanged(entry: EntityMap, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && !same(entry.get(key), value)) entry.set(key, value);
  }
}

export function insertEntity(
  root: Y.Map<unknown>,
  id: string,
  fields: Record<string, unknown>,
): EntityMap {
  const entry = root.set(id, new Y.Map<unknown>());
  for (const [key, value] of Object.entries(fields)) entry.set(key, value);
  return entry;
}

/** A Y.Array of plain values, created in place of a missing or foreign one. */
export function arrayField<T>(entry: EntityMap, key: string): Y.Array<T> {
  const value = entry.get(key);
  if (value instanceof Y.Array) return value as Y.Array<T>;
  return entry.set(key, new Y.Array<T>());
}

export function mapField<T>(entry: EntityMap, key: string): Y.Map<T> {
  const value = entry.get(key);
  if (value instanceof Y.Map) return value as Y.Map<T>;
  return entry.set(key, new Y.Map<T>());
}

/** Deletes every occurrence: a concurrent double add leaves two ([G18]). */
export function removeAll<T>(array: Y.Array<T>, value: T): void {
  for (let i = array.length - 1; i >= 0; i -= 1) if (array.get(i) === value) array.delete(i, 1);
}
