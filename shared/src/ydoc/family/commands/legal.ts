import type { PersonId } from '../../../ids.js';
import {
  contactRestrictionSchema,
  parentalResponsibilitySchema,
} from '../../../model/genogram/legal.js';
import { GenogramRuleError, displayName, reflexive } from '../errors.js';
import { parentalResponsibilityKey } from '../roots.js';
import { checkShape, gone, insertEntity, writeChanged, type CommandContext } from './context.js';

export interface ContactRestrictionInput {
  person: PersonId;
  /** The child protected; null or left out means every child in the family. */
  child?: PersonId | null;
  note?: string;
}

export function legalCommands(ctx: CommandContext) {
  return {
    /**
     * Records that `holder` has parental responsibility for `child`, or changes its basis. One
     * entry per pair ([G8]); returns its id.
     */
    setParentalResponsibility(holder: PersonId, child: PersonId, basis = ''): string {
      const view = ctx.read();
      const person = view.person(holder);
      view.person(child);
      if (holder === child)
        throw new GenogramRuleError(
          'G8',
          `${displayName(person)} cannot hold parental responsibility for ${reflexive(person)}`,
        );
      const id = parentalResponsibilityKey(holder, child);
      const { id: _id, ...fields } = checkShape(
        parentalResponsibilitySchema,
        { id, holder, child, basis },
        'parental responsibility',
      );
      const entry = ctx.entity('parentalResponsibility', id);
      ctx.transact(() => {
        if (entry) writeChanged(entry, fields);
        else insertEntity(ctx.root('parentalResponsibility'), id, fields);
      });
      return id;
    },

    /** Removes the pair's entry, if there is one. */
    removeParentalResponsibility(holder: PersonId, child: PersonId): void {
      const id = parentalResponsibilityKey(holder, child);
      if (!ctx.root('parentalResponsibility').has(id)) return;
      ctx.transact(() => ctx.root('parentalResponsibility').delete(id));
    },

    /** Records that contact between a person and a child (or every child) is restricted. */
    addContactRestriction(input: ContactRestrictionInput): string {
      const view = ctx.read();
      const person = view.person(input.person);
      const child = input.child ?? null;
      if (child !== null) view.person(child);
      if (child === input.person)
        throw new GenogramRuleError(
          'G8',
          `${displayName(person)} cannot be restricted from contact with ${reflexive(person)}`,
        );
      const id = ctx.freshIds()('contactRestrictions');
      const { id: _id, ...fields } = checkShape(
        contactRestrictionSchema,
        { id, person: input.person, child, note: input.note ?? '' },
        'contact restriction',
      );
      ctx.transact(() => insertEntity(ctx.root('contactRestrictions'), id, fields));
      return id;
    },

    removeContactRestriction(id: string): void {
      if (!ctx.read().genogram.contactRestrictions.some((r) => r.id === id))
        throw gone('That contact restriction');
      ctx.transact(() => ctx.root('contactRestrictions').delete(id));
    },

    /**
     * Keeps a manual offset from the automatic position ([G9]). The offset is written as one
     * value, so two people dragging at once end with one of the two drags, never a mix.
     */
    setNudge(person: PersonId, dx: number, dy: number): void {
      ctx.read().person(person);
      if (!Number.isFinite(dx) || !Number.isFinite(dy))
        throw new GenogramRuleError('G9', 'A nudge is a finite distance');
      const current = ctx.root('nudges').get(person) as { dx?: unknown; dy?: unknown } | undefined;
      if (current?.dx === dx && current.dy === dy) return;
      ctx.transact(() => ctx.root('nudges').set(person, { dx, dy }));
    },

    /** Puts a person back at their automatic position. */
    clearNudge(person: PersonId): void {
      if (!ctx.root('nudges').has(person)) return;
      ctx.transact(() => ctx.root('nudges').delete(person));
    },
  };
}
