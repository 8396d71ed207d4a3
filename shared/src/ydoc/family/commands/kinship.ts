import type * as Y from 'yjs';
import type { ChildLinkId, PersonId, UnionId } from '../../../ids.js';
import {
  childLinkSchema,
  type ChildLink,
  type ChildLinkKind,
} from '../../../model/genogram/childLink.js';
import {
  unionEventSchema,
  unionSchema,
  type UnionEvent,
  type UnionKind,
  type UnionStatus,
} from '../../../model/genogram/union.js';
import { linkSource } from '../ancestry.js';
import { GenogramRuleError, displayName } from '../errors.js';
import { isEntityMap } from '../roots.js';
import {
  arrayField,
  checkShape,
  given,
  insertEntity,
  writeChanged,
  type CommandContext,
  type GenogramView,
} from './context.js';
import { insertPerson, personFields, type PersonInput } from './people.js';

/** Where a child hangs: from their parents' union, or from one parent alone. */
export type ChildSource = { union: UnionId } | { parent: PersonId };

export interface UnionInput {
  partnerA: PersonId;
  partnerB: PersonId;
  /** Defaults to `other`: the kind is often not known when the couple is first drawn. */
  kind?: UnionKind;
  startDate?: string | null;
  events?: UnionEvent[];
}
export interface UnionPatch {
  kind?: UnionKind;
  startDate?: string | null;
}

export interface TwinOptions {
  /** A child already hanging from the same place: the new child joins their twin group. */
  twinOf?: PersonId;
  /** Identical twins are joined by a bar; marks the sibling as identical too. */
  identical?: boolean;
}
export interface AddChildInput extends TwinOptions {
  person?: PersonInput;
  kind?: ChildLinkKind;
}
export interface LinkChildInput extends TwinOptions {
  kind?: ChildLinkKind;
}
export interface ChildLinkPatch {
  kind?: ChildLinkKind;
  /** Moving a child drops their twin mark unless `twinGroup` is given too. */
  to?: ChildSource;
  twinGroup?: string | null;
  identical?: boolean;
}
export interface AddParentsInput {
  partnerA?: PersonInput;
  partnerB?: PersonInput;
  unionKind?: UnionKind;
  kind?: ChildLinkKind;
}
export interface AddSiblingInput {
  person?: PersonInput;
  twin?: 'fraternal' | 'identical';
}

const attachmentOf = (to: ChildSource) =>
  'union' in to ? { union: to.union, parent: null } : { union: null, parent: to.parent };

/** A link as written: the attachment is one value so its two halves never come from two writers. */
function linkFields(link: Omit<ChildLink, 'id'>) {
  return {
    child: link.child,
    attachment: { union: link.union, parent: link.parent },
    kind: link.kind,
    twinGroup: link.twinGroup,
    identical: link.identical,
  };
}

/**
 * The twin group a new link joins ([G5]): the sibling's, or a new one written onto the sibling's
 * link as well. Returns the writes to make once every check has passed.
 */
function planTwin(
  view: GenogramView,
  ctx: CommandContext,
  source: string,
  options: TwinOptions,
  newGroupId: () => string,
): { twinGroup: string | null; identical: boolean; write: () => void } {
  if (options.twinOf === undefined) {
    if (options.identical) throw new GenogramRuleError('G5', 'Only twins can be identical');
    return { twinGroup: null, identical: false, write: () => undefined };
  }
  const twin = view.person(options.twinOf);
  const siblingLink = view.genogram.childLinks.find(
    (l) => l.child === options.twinOf && linkSource(l) === source,
  );
  if (!siblingLink)
    throw new GenogramRuleError('G5', `Twins hang from the same parents as ${displayName(twin)}`);
  const twinGroup = siblingLink.twinGroup ?? newGroupId();
  const identical = options.identical ?? false;
  return {
    twinGroup,
    identical,
    write: () => {
      const entry = ctx.entity('childLinks', siblingLink.id);
      if (entry) writeChanged(entry, { twinGroup, identical: identical || siblingLink.identical });
    },
  };
}

export function kinshipCommands(ctx: CommandContext) {
  const unionEntry = (view: GenogramView, id: string) => {
    view.union(id);
    return ctx.entity('unions', id) as Y.Map<unknown>;
  };

  /** Checks and plans a new link; `write` stores it. Shared by every command that hangs a child. */
  const planLink = (
    view: GenogramView,
    fresh: ReturnType<CommandContext['freshIds']>,
    child: string,
    to: ChildSource,
    kind: ChildLinkKind,
    twin: TwinOptions,
    childIsNew: boolean,
  ) => {
    const attachment = attachmentOf(to);
    if ('union' in to) view.union(to.union);
    else view.person(to.parent);
    if (!childIsNew) view.checkLink({ child: child as PersonId, ...attachment, kind });
    const plan = planTwin(view, ctx, linkSource(attachment), twin, () => fresh('childLinks'));
    const id = fresh('childLinks');
    const link = {
      child: child as PersonId,
      ...attachment,
      kind,
      twinGroup: plan.twinGroup,
      identical: plan.identical,
    };
    checkShape(childLinkSchema, { ...link, id }, 'child link');
    return {
      id: id as ChildLinkId,
      write: () => {
        insertEntity(ctx.root('childLinks'), id, linkFields(link));
        plan.write();
      },
    };
  };

  const insertUnion = (id: string, input: UnionInput) => {
    const {
      events,
      id: _id,
      ...fields
    } = checkShape(
      unionSchema,
      { kind: 'other', startDate: null, events: [], ...given(input), id },
      'union',
    );
    return () => {
      const entry = insertEntity(ctx.root('unions'), id, fields);
      arrayField<UnionEvent>(entry, 'events').push(events);
    };
  };

  return {
    /** Adds a union between two different people on the genogram ([G2]). */
    addUnion(input: UnionInput): UnionId {
      const view = ctx.read();
      if (input.partnerA === input.partnerB)
        throw new GenogramRuleError('G2', 'A union joins two different people');
      view.person(input.partnerA);
      view.person(input.partnerB);
      const id = ctx.freshIds()('unions');
      const write = insertUnion(id, input);
      ctx.transact(write);
      return id as UnionId;
    },

    /**
     * Adds a new person as a partner of `person`, with their union, in one transaction: checked
     * before anything is written, so a refusal never leaves a partner without a union ([G10]).
     */
    addPartner(
      person: PersonId,
      input: { partner?: PersonInput; kind?: UnionKind; startDate?: string | null } = {},
    ): { partner: PersonId; union: UnionId } {
      const view = ctx.read();
      view.person(person);
      const fresh = ctx.freshIds();
      const partner = fresh('people') as PersonId;
      personFields(partner, input.partner ?? {});
      const union = fresh('unions') as UnionId;
      const writeUnion = insertUnion(union, {
        partnerA: person,
        partnerB: partner,
        kind: input.kind,
        startDate: input.startDate ?? null,
      });
      ctx.transact(() => {
        insertPerson(ctx, partner, input.partner ?? {});
        writeUnion();
      });
      return { partner, union };
    },

    /** Changes a union's kind or start date; partners are fixed ([G12]). */
    updateUnion(id: UnionId, patch: UnionPatch): void {
      const view = ctx.read();
      const union = view.union(id);
      const changes = given({ kind: patch.kind, startDate: patch.startDate });
      checkShape(unionSchema, { ...union, ...changes }, 'union');
      const entry = unionEntry(view, id);
      ctx.transact(() => writeChanged(entry, changes));
    },

    /**
     * Records a change of status. Events stay in date order ([G16]): a dated event goes before the
     * first later one, an undated one goes last.
     */
    addUnionEvent(id: UnionId, status: UnionStatus, date: string | null = null): void {
      const view = ctx.read();
      const union = view.union(id);
      const event = checkShape(unionEventSchema, { status, date }, 'union event');
      const entry = unionEntry(view, id);
      const index =
        date === null ? -1 : union.events.findIndex((e) => e.date !== null && e.date > date);
      ctx.transact(() => {
        const events = arrayField<UnionEvent>(entry, 'events');
        if (index < 0) events.push([event]);
        else events.insert(storedIndex(events, index), [event]);
      });
    },

    /** Removes the `index`th event as the reader shows them. */
    removeUnionEvent(id: UnionId, index: number): void {
      const view = ctx.read();
      if (view.union(id).events[index] === undefined)
        throw new GenogramRuleError('G10', 'That event is no longer on the union');
      const entry = unionEntry(view, id);
      ctx.transact(() => {
        const events = arrayField<UnionEvent>(entry, 'events');
        events.delete(storedIndex(events, index), 1);
      });
    },

    /** Removes a union and the child links hanging from it; the children stay ([G14]). */
    deleteUnion(id: UnionId): void {
      ctx.read().union(id);
      ctx.transact(() => {
        const links = ctx.root('childLinks');
        for (const [linkId, entry] of [...links.entries()]) {
          if (!isEntityMap(entry)) continue;
          const attachment = entry.get('attachment') as { union?: unknown } | null;
          if (attachment?.union === id) links.delete(linkId);
        }
        ctx.root('unions').delete(id);
      });
    },

    /** Adds a new person as a child of a union or of one parent. */
    addChild(to: ChildSource, input: AddChildInput = {}): { person: PersonId; link: ChildLinkId } {
      const view = ctx.read();
      const fresh = ctx.freshIds();
      const person = fresh('people');
      personFields(person, input.person ?? {});
      const link = planLink(view, fresh, person, to, input.kind ?? 'birth', input, true);
      ctx.transact(() => {
        insertPerson(ctx, person, input.person ?? {});
        link.write();
      });
      return { person: person as PersonId, link: link.id };
    },

    /** Hangs someone already on the genogram below a union or a parent ([G3], [G4]). */
    linkChild(child: PersonId, to: ChildSource, input: LinkChildInput = {}): ChildLinkId {
      const view = ctx.read();
      const link = planLink(view, ctx.freshIds(), child, to, input.kind ?? 'birth', input, false);
      ctx.transact(link.write);
      return link.id;
    },

    /** Draws a couple above a person: two new people, their union, and the person's link. */
    addParents(
      child: PersonId,
      input: AddParentsInput = {},
    ): { union: UnionId; partnerA: PersonId; partnerB: PersonId; link: ChildLinkId } {
      const view = ctx.read();
      const fresh = ctx.freshIds();
      const kind = input.kind ?? 'birth';
      view.person(child);
      if (kind === 'birth' && view.birthLink(child))
        throw new GenogramRuleError(
          'G4',
          `${displayName(view.person(child))} already has birth parents on the genogram`,
        );
      const [partnerA, partnerB] = [fresh('people'), fresh('people')] as [PersonId, PersonId];
      personFields(partnerA, input.partnerA ?? {});
      personFields(partnerB, input.partnerB ?? {});
      const union = fresh('unions') as UnionId;
      const writeUnion = insertUnion(union, { partnerA, partnerB, kind: input.unionKind });
      const linkId = fresh('childLinks');
      ctx.transact(() => {
        insertPerson(ctx, partnerA, input.partnerA ?? {});
        insertPerson(ctx, partnerB, input.partnerB ?? {});
        writeUnion();
        insertEntity(
          ctx.root('childLinks'),
          linkId,
          linkFields({ child, union, parent: null, kind, twinGroup: null, identical: false }),
        );
      });
      return { union, partnerA, partnerB, link: linkId as ChildLinkId };
    },

    /** Draws one parent above a person (the other parent is not on the genogram). */
    addParent(
      child: PersonId,
      input: { person?: PersonInput; kind?: ChildLinkKind } = {},
    ): { parent: PersonId; link: ChildLinkId } {
      const view = ctx.read();
      const kind = input.kind ?? 'birth';
      view.person(child);
      if (kind === 'birth' && view.birthLink(child))
        throw new GenogramRuleError(
          'G4',
          `${displayName(view.person(child))} already has birth parents on the genogram`,
        );
      const fresh = ctx.freshIds();
      const parent = fresh('people') as PersonId;
      personFields(parent, input.person ?? {});
      const linkId = fresh('childLinks');
      ctx.transact(() => {
        insertPerson(ctx, parent, input.person ?? {});
        insertEntity(
          ctx.root('childLinks'),
          linkId,
          linkFields({ child, union: null, parent, kind, twinGroup: null, identical: false }),
        );
      });
      return { parent, link: linkId as ChildLinkId };
    },

    /**
     * Adds a brother or sister: a new person sharing the person's birth parents ([G15]). Someone
     * with no birth parents on the genogram gets a placeholder couple, so the two hang together.
     */
    addSibling(
      personId: PersonId,
      input: AddSiblingInput = {},
    ): { person: PersonId; link: ChildLinkId } {
      const view = ctx.read();
      view.person(personId);
      const fresh = ctx.freshIds();
      const sibling = fresh('people') as PersonId;
      personFields(sibling, input.person ?? {});
      const twin: TwinOptions = input.twin
        ? { twinOf: personId, identical: input.twin === 'identical' }
        : {};
      const birth = view.birthLink(personId);
      if (birth) {
        const to: ChildSource =
          birth.union !== null ? { union: birth.union } : { parent: birth.parent as PersonId };
        const link = planLink(view, fresh, sibling, to, 'birth', twin, true);
        ctx.transact(() => {
          insertPerson(ctx, sibling, input.person ?? {});
          link.write();
        });
        return { person: sibling, link: link.id };
      }
      const [partnerA, partnerB] = [fresh('people'), fresh('people')] as [PersonId, PersonId];
      const union = fresh('unions') as UnionId;
      const writeUnion = insertUnion(union, { partnerA, partnerB });
      const [personLink, siblingLink] = [fresh('childLinks'), fresh('childLinks')];
      const twinGroup = input.twin ? fresh('childLinks') : null;
      const identical = input.twin === 'identical';
      ctx.transact(() => {
        insertPerson(ctx, partnerA, {});
        insertPerson(ctx, partnerB, {});
        writeUnion();
        insertPerson(ctx, sibling, input.person ?? {});
        for (const [linkId, child] of [
          [personLink, personId],
          [siblingLink, sibling],
        ] as const) {
          insertEntity(
            ctx.root('childLinks'),
            linkId,
            linkFields({ child, union, parent: null, kind: 'birth', twinGroup, identical }),
          );
        }
      });
      return { person: sibling, link: siblingLink as ChildLinkId };
    },

    /** Changes a link's kind, twin mark, or where it hangs, under [G3]-[G5]. */
    updateChildLink(id: ChildLinkId, patch: ChildLinkPatch): void {
      const view = ctx.read();
      const link = view.link(id);
      const attachment = patch.to ? attachmentOf(patch.to) : link;
      const moved = linkSource(attachment) !== linkSource(link);
      const twinGroup =
        patch.twinGroup !== undefined ? patch.twinGroup : moved ? null : link.twinGroup;
      if (patch.identical && twinGroup === null)
        throw new GenogramRuleError('G5', 'Only twins can be identical');
      const next = {
        ...link,
        union: attachment.union,
        parent: attachment.parent,
        kind: patch.kind ?? link.kind,
        twinGroup,
        // Leaving a twin group, or joining another, ends being identical to the old twins.
        identical:
          twinGroup === null
            ? false
            : (patch.identical ?? (twinGroup === link.twinGroup ? link.identical : false)),
      };
      checkShape(childLinkSchema, next, 'child link');
      view.checkLink(next, id);
      if (
        next.twinGroup !== null &&
        view.genogram.childLinks.some(
          (l) =>
            l.id !== id && l.twinGroup === next.twinGroup && linkSource(l) !== linkSource(next),
        )
      )
        throw new GenogramRuleError('G5', 'Twins hang from the same parents');
      const entry = ctx.entity('childLinks', id);
      if (!entry) return;
      ctx.transact(() => writeChanged(entry, linkFields(next)));
    },

    deleteChildLink(id: ChildLinkId): void {
      ctx.read().link(id);
      ctx.transact(() => ctx.root('childLinks').delete(id));
    },
  };
}

/**
 * Where the `shown`th event the reader returns sits in the stored array: the reader skips invalid
 * entries, so the two positions differ when a bad event was ever written.
 */
function storedIndex(events: Y.Array<UnionEvent>, shown: number): number {
  const stored = events.toArray();
  let valid = 0;
  for (let i = 0; i < stored.length; i += 1) {
    if (!unionEventSchema.safeParse(stored[i]).success) continue;
    if (valid === shown) return i;
    valid += 1;
  }
  return stored.length;
}
