import type { z } from 'zod';
import { ID_PATTERN } from '../../ids.js';
import { childLinkSchema } from '../../model/genogram/childLink.js';
import { ecomapEntrySchema } from '../../model/genogram/ecomapEntry.js';
import type { Genogram } from '../../model/genogram/genogram.js';
import { householdSchema } from '../../model/genogram/household.js';
import {
  contactRestrictionSchema,
  parentalResponsibilitySchema,
} from '../../model/genogram/legal.js';
import { personSchema } from '../../model/genogram/person.js';
import { relationshipSchema } from '../../model/genogram/relationship.js';
import { unionSchema } from '../../model/genogram/union.js';
import { Ancestry, linkParents, linkSource } from './ancestry.js';
import { compareIds, parentalResponsibilityKey } from './roots.js';

/**
 * Every way `genogram` breaks the rules G1-G9 of shared/SPEC.md, one line each, prefixed with the
 * rule id; empty when valid. Written apart from the reader's repairs, so that it can check them.
 */
export function validateGenogram(genogram: Genogram): string[] {
  const problems: string[] = [];
  const report = (rule: string, message: string) => problems.push(`[${rule}] ${message}`);

  const collection = (
    name: string,
    items: readonly { id: string }[],
    schema: z.ZodType,
    idPattern: RegExp | null = ID_PATTERN,
  ) => {
    items.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) report('G1', `${name} ${item.id}: ${parsed.error.issues[0]?.message}`);
      if (idPattern && !idPattern.test(item.id)) report('G1', `${name} ${item.id}: not an id`);
      const previous = items[index - 1];
      if (previous && compareIds(previous.id, item.id) >= 0)
        report('G1', `${name} ${item.id}: not after ${previous.id} in id order`);
    });
  };
  collection('person', genogram.people, personSchema);
  collection('union', genogram.unions, unionSchema);
  collection('child link', genogram.childLinks, childLinkSchema);
  collection('relationship', genogram.relationships, relationshipSchema);
  collection('household', genogram.households, householdSchema);
  collection('ecomap entry', genogram.ecomap, ecomapEntrySchema);
  collection(
    'parental responsibility',
    genogram.parentalResponsibility,
    parentalResponsibilitySchema,
    null,
  );
  collection('contact restriction', genogram.contactRestrictions, contactRestrictionSchema);

  const people = new Set<string>(genogram.people.map((p) => p.id));

  const unionsById = new Map(genogram.unions.map((u) => [u.id as string, u]));
  for (const union of genogram.unions) {
    if (union.partnerA === union.partnerB) report('G2', `union ${union.id} joins one person`);
    for (const partner of [union.partnerA, union.partnerB])
      if (!people.has(partner)) report('G2', `union ${union.id}: no person ${partner}`);
  }

  const ancestry = new Ancestry();
  const sources = new Set<string>();
  const birthChildren = new Set<string>();
  const twinSources = new Map<string, string>();
  for (const link of genogram.childLinks) {
    if (!people.has(link.child)) report('G4', `child link ${link.id}: no person ${link.child}`);
    const parents = linkParents(link, unionsById);
    if (!parents || parents.some((p) => !people.has(p)))
      report('G4', `child link ${link.id}: hangs from nothing on the genogram`);
    const source = `${link.child}>${linkSource(link)}`;
    if (sources.has(source)) report('G4', `child link ${link.id}: a second link to one source`);
    sources.add(source);
    if (link.kind === 'birth') {
      if (birthChildren.has(link.child))
        report('G4', `child link ${link.id}: ${link.child} has a second birth link`);
      birthChildren.add(link.child);
    }
    if (parents) ancestry.add(link.child, parents);
    if (link.twinGroup !== null) {
      const first = twinSources.get(link.twinGroup);
      if (first === undefined) twinSources.set(link.twinGroup, linkSource(link));
      else if (first !== linkSource(link))
        report('G5', `child link ${link.id}: twin group ${link.twinGroup} hangs from two places`);
    } else if (link.identical) {
      report('G5', `child link ${link.id}: identical without a twin group`);
    }
  }
  // Checked after all edges are in, so the verdict does not depend on the links' order.
  for (const link of genogram.childLinks) {
    const parents = linkParents(link, unionsById) ?? [];
    if (parents.some((p) => ancestry.isAncestorOrSelf(link.child, p)))
      report('G3', `child link ${link.id}: ${link.child} is their own ancestor`);
  }

  for (const rel of genogram.relationships) {
    if (rel.a === rel.b) report('G6', `relationship ${rel.id} joins one person`);
    for (const end of [rel.a, rel.b])
      if (!people.has(end)) report('G6', `relationship ${rel.id}: no person ${end}`);
  }

  const listed = (what: string, list: readonly string[]) => {
    if (new Set(list).size !== list.length) report('G7', `${what}: someone listed twice`);
    for (const id of list) if (!people.has(id)) report('G7', `${what}: no person ${id}`);
  };
  for (const household of genogram.households)
    listed(`household ${household.id}`, household.members);
  for (const entry of genogram.ecomap) listed(`ecomap entry ${entry.id}`, entry.connectedTo);

  for (const pr of genogram.parentalResponsibility) {
    if (pr.id !== parentalResponsibilityKey(pr.holder, pr.child))
      report('G8', `parental responsibility ${pr.id}: not keyed by its pair`);
    if (pr.holder === pr.child) report('G8', `parental responsibility ${pr.id}: for oneself`);
    for (const end of [pr.holder, pr.child])
      if (!people.has(end)) report('G8', `parental responsibility ${pr.id}: no person ${end}`);
  }
  for (const cr of genogram.contactRestrictions) {
    if (!people.has(cr.person))
      report('G8', `contact restriction ${cr.id}: no person ${cr.person}`);
    if (cr.child !== null && (cr.child === cr.person || !people.has(cr.child)))
      report('G8', `contact restriction ${cr.id}: child ${cr.child} is not another person`);
  }

  for (const [id, nudge] of Object.entries(genogram.nudges)) {
    if (!people.has(id)) report('G9', `nudge for ${id}: no such person`);
    if (!Number.isFinite(nudge.dx) || !Number.isFinite(nudge.dy))
      report('G9', `nudge for ${id}: not a finite offset`);
  }
  return problems;
}
