import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { minutesSchema } from '../../editor/extensions.js';
import { ID_PATTERN } from '../../ids.js';
import { roleSchema, type Role } from '../../model/role.js';
import { MINUTES_NODES } from '../../model/discussion/vocabulary.js';
import { randomId } from '../family/randomId.js';
import { SEED_ORIGIN, type TransactionOrigin } from '../origins.js';
import { DiscussionRuleError } from './errors.js';
import {
  TEMPLATE_SEEDED_KEY,
  attendanceRoot,
  contributorsRoot,
  discussionMap,
  discussionMinutesFragment,
  timeSpansRoot,
} from './roots.js';
import { childSectionJSON, templateJSON } from './template.js';
import { blockToYjs } from './toYjs.js';

export interface DiscussionCommandOptions {
  /** Makes the ids of people added to the attendance by hand. Defaults to a random id. */
  newId?: () => string;
}

export interface PresentMember {
  id: string;
  name: string;
  role: Role | null;
}

export interface AttendeeInput {
  name: string;
  role?: Role | null;
  /** For people who are not members: "health visitor", "Mia's teacher". */
  description?: string;
}

/** Sections that come after the children in the template: a new child goes before them. */
const AFTER_CHILDREN = new Set(['conversations', 'decisions', 'actions']);

/**
 * The named commands that write a discussion document (shared/SPEC.md [D9]-[D12]). Each is one
 * transaction with `origin`; a refused command throws `DiscussionRuleError` and changes nothing.
 * The minutes' prose is written by the editor (Tiptap over Yjs); these commands write what is
 * not typed: the template, a child's section, attendance, time spent, who contributed.
 */
export function discussionCommands(
  doc: Y.Doc,
  origin: TransactionOrigin,
  options: DiscussionCommandOptions = {},
) {
  const newId = options.newId ?? randomId;
  const transact = (fn: () => void) => doc.transact(fn, origin);

  return {
    /**
     * Writes the flowing template into a discussion that has never had one and is empty
     * ([D9]). Returns whether it wrote anything.
     */
    seedTemplate(childIds: readonly string[]): boolean {
      for (const childId of childIds) requireId(childId, 'child');
      const fragment = discussionMinutesFragment(doc);
      if (fragment.length > 0 || discussionMap(doc).get(TEMPLATE_SEEDED_KEY) === true) return false;
      transact(() => {
        prosemirrorJSONToYXmlFragment(minutesSchema(), templateJSON(childIds), fragment);
        discussionMap(doc).set(TEMPLATE_SEEDED_KEY, true);
      });
      return true;
    },

    /**
     * Adds a section for a child who has none (a child added to the family after the template
     * was written), after the last child's section, or before the planned conversations
     * ([D10]). Returns whether it wrote anything.
     */
    addChildSection(childId: string): boolean {
      requireId(childId, 'child');
      const fragment = discussionMinutesFragment(doc);
      const nodes = fragment.toArray();
      const isSection = (node: unknown, kind?: string): node is Y.XmlElement =>
        node instanceof Y.XmlElement &&
        node.nodeName === MINUTES_NODES.section &&
        (kind === undefined || node.getAttribute('kind') === kind);
      if (
        nodes.some((node) => isSection(node, 'child') && node.getAttribute('childId') === childId)
      )
        return false;
      let index = nodes.length;
      const lastChild = nodes.findLastIndex((node) => isSection(node, 'child'));
      if (lastChild >= 0) index = lastChild + 1;
      else {
        const firstLater = nodes.findIndex(
          (node) => isSection(node) && AFTER_CHILDREN.has(String(node.getAttribute('kind'))),
        );
        if (firstLater >= 0) index = firstLater;
      }
      const section = blockToYjs(childSectionJSON(childId));
      transact(() => fragment.insert(index, [section]));
      return true;
    },

    /**
     * Adds members seen in the meeting to the attendance, once each ([D11]). Someone taken off
     * the attendance by hand is not put back by presence.
     */
    recordPresence(members: readonly PresentMember[]): number {
      const root = attendanceRoot(doc);
      const fresh = members.filter((member) => ID_PATTERN.test(member.id) && !root.has(member.id));
      if (fresh.length === 0) return 0;
      transact(() => {
        for (const member of fresh) {
          root.set(member.id, {
            name: member.name.slice(0, 200) || 'Unnamed member',
            role: roleSchema.safeParse(member.role).success ? member.role : null,
            description: '',
            source: 'presence',
            removed: false,
          });
        }
      });
      return fresh.length;
    },

    /** Adds someone to the attendance by hand (a partner professional, say); returns their id. */
    addAttendee(input: AttendeeInput): string {
      const name = input.name.trim();
      if (name === '' || name.length > 200)
        throw new DiscussionRuleError('D11', 'Give a name of 1 to 200 characters.');
      const id = newId();
      requireId(id, 'attendee');
      transact(() =>
        attendanceRoot(doc).set(id, {
          name,
          role: input.role ?? null,
          description: (input.description ?? '').trim().slice(0, 200),
          source: 'added',
          removed: false,
        }),
      );
      return id;
    },

    /** Takes someone off the attendance; presence will not add them again ([D11]). */
    removeAttendee(id: string): void {
      const root = attendanceRoot(doc);
      const current: unknown = root.get(id);
      if (typeof current !== 'object' || current === null) return;
      if ((current as { removed?: unknown }).removed === true) return;
      transact(() => root.set(id, { ...current, removed: true }));
    },

    /** Puts back someone taken off the attendance. */
    restoreAttendee(id: string): void {
      const root = attendanceRoot(doc);
      const current: unknown = root.get(id);
      if (typeof current !== 'object' || current === null) return;
      if ((current as { removed?: unknown }).removed !== true) return;
      transact(() => root.set(id, { ...current, removed: false }));
    },

    /**
     * Records (or extends) a span of time the family was under discussion ([D7]). A laptop keeps
     * one span id while the discussion is in focus and moves its end forward as time passes.
     */
    recordTimeSpan(spanId: string, startMs: number, endMs: number): void {
      requireId(spanId, 'time span');
      if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs)
        throw new DiscussionRuleError('D7', 'A time span must end after it starts.');
      transact(() => timeSpansRoot(doc).set(spanId, { startMs, endMs }));
    },

    /** Notes that a member wrote in these minutes, once per member ([D12]). */
    noteContributor(member: PresentMember): boolean {
      requireId(member.id, 'member');
      const root = contributorsRoot(doc);
      if (root.has(member.id)) return false;
      transact(() =>
        root.set(member.id, {
          name: member.name.slice(0, 200),
          role: roleSchema.safeParse(member.role).success ? member.role : null,
        }),
      );
      return true;
    },
  };
}
export type DiscussionCommands = ReturnType<typeof discussionCommands>;

function requireId(id: string, what: string): void {
  if (!ID_PATTERN.test(id)) throw new DiscussionRuleError('D10', `Not a valid ${what} id: ${id}`);
}

/**
 * The template for these children as one update written by `seedClientId` ([D9]). Every server
 * process that seeds the same empty discussion with the same children and the same client id
 * writes the very same items (same ids, same content), so two processes seeding at once merge
 * into one template instead of two, and no process's later edits depend on items only it has.
 */
export function templateSeedUpdate(childIds: readonly string[], seedClientId: number): Uint8Array {
  const seedDoc = new Y.Doc({ gc: false });
  seedDoc.clientID = seedClientId;
  discussionCommands(seedDoc, SEED_ORIGIN).seedTemplate(childIds);
  return Y.encodeStateAsUpdate(seedDoc);
}
