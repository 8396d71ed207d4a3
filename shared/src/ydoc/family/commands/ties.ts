import type { EcomapEntryId, HouseholdId, PersonId, RelationshipId } from '../../../ids.js';
import {
  ecomapEntrySchema,
  type EcomapKind,
  type SupportFlow,
  type TieStrength,
} from '../../../model/genogram/ecomapEntry.js';
import { householdSchema } from '../../../model/genogram/household.js';
import {
  relationshipSchema,
  type Direction,
  type RelationshipKind,
} from '../../../model/genogram/relationship.js';
import { GenogramRuleError } from '../errors.js';
import {
  arrayField,
  checkShape,
  given,
  gone,
  insertEntity,
  removeAll,
  writeChanged,
  type CommandContext,
  type GenogramView,
} from './context.js';

export interface RelationshipInput {
  a: PersonId;
  b: PersonId;
  kind: RelationshipKind;
  direction?: Direction;
  note?: string;
  heldBy?: string;
}
export type RelationshipPatch = Partial<Omit<RelationshipInput, 'a' | 'b'>>;

export interface HouseholdInput {
  label?: string;
  members?: PersonId[];
  since?: string | null;
  until?: string | null;
}
export type HouseholdPatch = Omit<HouseholdInput, 'members'>;

export interface EcomapInput {
  label: string;
  kind: EcomapKind;
  tie: TieStrength;
  support?: SupportFlow;
  /** Empty or left out: the tie is with the family as a whole. */
  connectedTo?: PersonId[];
  note?: string;
}
export type EcomapPatch = Partial<EcomapInput>;

/** Everyone named is on the genogram, each once ([G7]). */
function checkPeople(view: GenogramView, people: readonly PersonId[]): PersonId[] {
  people.forEach((p) => view.person(p));
  return [...new Set(people)];
}

export function tiesCommands(ctx: CommandContext) {
  const find = <T>(items: readonly (T & { id: string })[], id: string, what: string): T => {
    const item = items.find((i) => i.id === id);
    if (!item) throw gone(what);
    return item;
  };

  return {
    /** Adds an emotional relationship between two different people ([G6]). */
    addRelationship(input: RelationshipInput): RelationshipId {
      const view = ctx.read();
      if (input.a === input.b)
        throw new GenogramRuleError('G6', 'A relationship joins two different people');
      view.person(input.a);
      view.person(input.b);
      const id = ctx.freshIds()('relationships');
      const { id: _id, ...fields } = checkShape(
        relationshipSchema,
        { direction: 'none', note: '', heldBy: '', ...given(input), id },
        'relationship',
      );
      ctx.transact(() => insertEntity(ctx.root('relationships'), id, fields));
      return id as RelationshipId;
    },

    /** Changes a relationship; its two people are fixed ([G12]). */
    updateRelationship(id: RelationshipId, patch: RelationshipPatch): void {
      const current = find(ctx.read().genogram.relationships, id, 'That relationship');
      const changes = given({
        kind: patch.kind,
        direction: patch.direction,
        note: patch.note,
        heldBy: patch.heldBy,
      });
      checkShape(relationshipSchema, { ...current, ...changes }, 'relationship');
      const entry = ctx.entity('relationships', id);
      if (entry) ctx.transact(() => writeChanged(entry, changes));
    },

    deleteRelationship(id: RelationshipId): void {
      find(ctx.read().genogram.relationships, id, 'That relationship');
      ctx.transact(() => ctx.root('relationships').delete(id));
    },

    /** Adds a household boundary around the people who live together now. */
    addHousehold(input: HouseholdInput = {}): HouseholdId {
      const members = checkPeople(ctx.read(), input.members ?? []);
      const id = ctx.freshIds()('households');
      const { id: _id, ...fields } = checkShape(
        householdSchema,
        { label: '', since: null, until: null, ...given(input), members, id },
        'household',
      );
      ctx.transact(() => {
        const { members: _members, ...rest } = fields;
        const entry = insertEntity(ctx.root('households'), id, rest);
        arrayField<string>(entry, 'members').push(members);
      });
      return id as HouseholdId;
    },

    updateHousehold(id: HouseholdId, patch: HouseholdPatch): void {
      const current = find(ctx.read().genogram.households, id, 'That household');
      const changes = given({ label: patch.label, since: patch.since, until: patch.until });
      checkShape(householdSchema, { ...current, ...changes }, 'household');
      const entry = ctx.entity('households', id);
      if (entry) ctx.transact(() => writeChanged(entry, changes));
    },

    /**
     * Adds or removes one member. Adding someone already in, or removing someone not in, changes
     * nothing ([G10]).
     */
    setHouseholdMember(id: HouseholdId, person: PersonId, member: boolean): void {
      const view = ctx.read();
      const household = find(view.genogram.households, id, 'That household');
      if (member) view.person(person);
      if (household.members.includes(person) === member) return;
      const entry = ctx.entity('households', id);
      if (!entry) return;
      ctx.transact(() => {
        const members = arrayField<string>(entry, 'members');
        if (member) members.push([person]);
        else removeAll(members, person);
      });
    },

    deleteHousehold(id: HouseholdId): void {
      find(ctx.read().genogram.households, id, 'That household');
      ctx.transact(() => ctx.root('households').delete(id));
    },

    /** Adds a tie with the family's wider world (school, GP, ...). */
    addEcomapEntry(input: EcomapInput): EcomapEntryId {
      const connectedTo = checkPeople(ctx.read(), input.connectedTo ?? []);
      const id = ctx.freshIds()('ecomap');
      const { id: _id, ...fields } = checkShape(
        ecomapEntrySchema,
        { support: 'none', note: '', ...given(input), connectedTo, id },
        'ecomap entry',
      );
      ctx.transact(() => {
        const { connectedTo: _connected, ...rest } = fields;
        const entry = insertEntity(ctx.root('ecomap'), id, rest);
        arrayField<string>(entry, 'connectedTo').push(connectedTo);
      });
      return id as EcomapEntryId;
    },

    /**
     * Changes an ecomap entry. A new `connectedTo` is written as the people added and removed, so
     * it merges with someone else's change to the same list.
     */
    updateEcomapEntry(id: EcomapEntryId, patch: EcomapPatch): void {
      const view = ctx.read();
      const current = find(view.genogram.ecomap, id, 'That ecomap entry');
      const connectedTo =
        patch.connectedTo === undefined
          ? current.connectedTo
          : checkPeople(view, patch.connectedTo);
      const changes = given({
        label: patch.label,
        kind: patch.kind,
        tie: patch.tie,
        support: patch.support,
        note: patch.note,
      });
      checkShape(ecomapEntrySchema, { ...current, ...changes, connectedTo }, 'ecomap entry');
      const entry = ctx.entity('ecomap', id);
      if (!entry) return;
      const added = connectedTo.filter((p) => !current.connectedTo.includes(p));
      const removed = current.connectedTo.filter((p) => !connectedTo.includes(p));
      ctx.transact(() => {
        writeChanged(entry, changes);
        if (added.length === 0 && removed.length === 0) return;
        const list = arrayField<string>(entry, 'connectedTo');
        // Emptied on purpose means the whole family; clear ids of people since deleted too, or
        // the reader would take the entry for one whose people have all gone ([G7]).
        if (connectedTo.length === 0) list.delete(0, list.length);
        for (const person of removed) removeAll(list, person);
        list.push(added);
      });
    },

    deleteEcomapEntry(id: EcomapEntryId): void {
      find(ctx.read().genogram.ecomap, id, 'That ecomap entry');
      ctx.transact(() => ctx.root('ecomap').delete(id));
    },
  };
}
