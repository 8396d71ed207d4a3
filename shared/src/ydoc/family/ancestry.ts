import type { PersonId } from '../../ids.js';
import type { ChildLink } from '../../model/genogram/childLink.js';
import type { Union } from '../../model/genogram/union.js';

/**
 * Parent edges of the genogram, for the "nobody is their own ancestor" rule ([G3]). Links of every
 * kind count: a foster or step link still draws a child a generation below, so a loop through one
 * has no layout either.
 */
export class Ancestry {
  private readonly parentsOf = new Map<string, Set<string>>();

  add(child: string, parents: readonly string[]): void {
    let set = this.parentsOf.get(child);
    if (!set) {
      set = new Set();
      this.parentsOf.set(child, set);
    }
    for (const parent of parents) set.add(parent);
  }

  /** True when `candidate` is `person` or one of their ancestors. */
  isAncestorOrSelf(candidate: string, person: string): boolean {
    const seen = new Set<string>();
    const stack = [person];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === candidate) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      for (const parent of this.parentsOf.get(next) ?? []) stack.push(parent);
    }
    return false;
  }

  /** Whether hanging `child` below `parents` would make the child their own ancestor. */
  wouldCloseCycle(child: string, parents: readonly string[]): boolean {
    return parents.some((parent) => this.isAncestorOrSelf(child, parent));
  }
}

/** The people a link hangs from: both partners of its union, or its single parent. */
export function linkParents(
  link: Pick<ChildLink, 'union' | 'parent'>,
  unionsById: ReadonlyMap<string, Pick<Union, 'partnerA' | 'partnerB'>>,
): PersonId[] | null {
  if (link.parent !== null) return [link.parent];
  const union = link.union === null ? undefined : unionsById.get(link.union);
  return union ? [union.partnerA, union.partnerB] : null;
}

/** Two links with the same source hang the child from the same place. */
export const linkSource = (link: Pick<ChildLink, 'union' | 'parent'>): string =>
  link.union !== null ? `union:${link.union}` : `parent:${link.parent ?? ''}`;
