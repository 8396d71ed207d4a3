import * as Y from 'yjs';
import type { PersonId } from '../../../ids.js';
import {
  defaultPerson,
  personSchema,
  type Person,
  type PersonAttributes,
} from '../../../model/genogram/person.js';
import { isEntityMap } from '../roots.js';
import {
  checkShape,
  given,
  insertEntity,
  mapField,
  removeAll,
  writeChanged,
  type CommandContext,
  type GenogramView,
} from './context.js';

/** What a caller may say about a new person; everything left out takes `defaultPerson`'s value. */
export type PersonInput = Partial<Omit<Person, 'id' | 'attributes'>> & {
  attributes?: Partial<PersonAttributes>;
};
export type PersonPatch = PersonInput;

/** The fields of a person, checked, without the id (which is the entry's key). */
export function personFields(id: string, input: PersonInput, base?: Person) {
  const start = base ?? defaultPerson(id as PersonId);
  const { attributes, ...rest } = given(input);
  const { id: _id, ...fields } = checkShape(
    personSchema,
    { ...start, ...rest, attributes: { ...start.attributes, ...given(attributes ?? {}) }, id },
    'person',
  );
  return fields;
}

/** Stores a new person ([G18]): attributes in their own map so they merge one by one. */
export function insertPerson(ctx: CommandContext, id: string, input: PersonInput): void {
  const { attributes, ...fields } = personFields(id, input);
  const entry = insertEntity(ctx.root('people'), id, fields);
  insertEntity(entry, 'attributes', attributes);
}

export function peopleCommands(ctx: CommandContext) {
  return {
    /** Adds a person and returns their id. */
    addPerson(input: PersonInput = {}): PersonId {
      const id = ctx.freshIds()('people');
      personFields(id, input);
      ctx.transact(() => insertPerson(ctx, id, input));
      return id as PersonId;
    },

    /** Changes the given fields of a person; fields left out, or unchanged, are not written. */
    updatePerson(id: PersonId, patch: PersonPatch): void {
      const view = ctx.read();
      const { attributes: newAttributes, ...fields } = personFields(id, patch, view.person(id));
      const changedAttributes = Object.keys(given(patch.attributes ?? {}));
      const changedFields = Object.keys(given(patch)).filter((k) => k !== 'attributes');
      const entry = ctx.entity('people', id);
      if (!entry) return;
      ctx.transact(() => {
        writeChanged(
          entry,
          Object.fromEntries(changedFields.map((k) => [k, fields[k as keyof typeof fields]])),
        );
        if (changedAttributes.length === 0) return;
        writeChanged(
          mapField(entry, 'attributes'),
          Object.fromEntries(
            changedAttributes.map((k) => [k, newAttributes[k as keyof PersonAttributes]]),
          ),
        );
      });
    },

    /**
     * Removes a person and everything that refers to them ([G13]). The children of their unions
     * stay attached to the other partner, as single-parent links of the same kind.
     */
    deletePerson(id: PersonId): void {
      const view = ctx.read();
      view.person(id);
      ctx.transact(() => deletePersonCascade(ctx, view, id));
    },
  };
}

function deletePersonCascade(ctx: CommandContext, view: GenogramView, id: string): void {
  const otherPartner = new Map<string, string>();
  for (const [unionId, entry] of ctx.root('unions')) {
    if (!isEntityMap(entry)) continue;
    const a = entry.get('partnerA');
    const b = entry.get('partnerB');
    if (a === id || b === id) otherPartner.set(unionId, (a === id ? b : a) as string);
  }

  // Links of the person's unions move to the other partner; the existing single-parent links of
  // that partner (and ones moved a moment ago) must not be duplicated ([G4]).
  const linksRoot = ctx.root('childLinks');
  const parentLinks = new Set(
    view.genogram.childLinks.filter((l) => l.parent !== null).map((l) => `${l.child}>${l.parent}`),
  );
  for (const [linkId, entry] of [...linksRoot.entries()]) {
    if (!isEntityMap(entry)) continue;
    const attachment = entry.get('attachment') as { union?: unknown; parent?: unknown } | null;
    const child = entry.get('child');
    if (child === id || attachment?.parent === id) {
      linksRoot.delete(linkId);
      continue;
    }
    const unionId = typeof attachment?.union === 'string' ? attachment.union : undefined;
    const other = unionId === undefined ? undefined : otherPartner.get(unionId);
    if (other === undefined) continue;
    const pair = `${String(child)}>${other}`;
    if (view.links.has(linkId) && view.people.has(other) && !parentLinks.has(pair)) {
      entry.set('attachment', { union: null, parent: other });
      parentLinks.add(pair);
    } else {
      linksRoot.delete(linkId);
    }
  }
  for (const unionId of otherPartner.keys()) ctx.root('unions').delete(unionId);

  deleteWhere(ctx.root('relationships'), (e) => e.get('a') === id || e.get('b') === id);
  deleteWhere(
    ctx.root('parentalResponsibility'),
    (e) => e.get('holder') === id || e.get('child') === id,
  );
  deleteWhere(
    ctx.root('contactRestrictions'),
    (e) => e.get('person') === id || e.get('child') === id,
  );

  for (const entry of ctx.root('households').values()) {
    const members = isEntityMap(entry) ? entry.get('members') : undefined;
    if (members instanceof Y.Array) removeAll(members, id);
  }
  for (const [entryId, entry] of [...ctx.root('ecomap').entries()]) {
    const connected = isEntityMap(entry) ? entry.get('connectedTo') : undefined;
    if (!(connected instanceof Y.Array)) continue;
    const before: unknown[] = connected.toArray();
    if (!before.includes(id)) continue;
    // An entry about this person alone goes with them, as the reader would drop it ([G7]).
    if (!before.some((p) => p !== id && typeof p === 'string' && view.people.has(p)))
      ctx.root('ecomap').delete(entryId);
    else removeAll(connected, id);
  }

  ctx.root('nudges').delete(id);
  ctx.root('people').delete(id);
}

function deleteWhere(root: Y.Map<unknown>, test: (entry: Y.Map<unknown>) => boolean): void {
  for (const [key, entry] of [...root.entries()]) {
    if (isEntityMap(entry) && test(entry)) root.delete(key);
  }
}
