import type { ParsedDocName } from '../model/docName.js';
import { PLANNING_ROLES } from '../model/board/abilities.js';
import { isReadOnlyRole, type Role } from '../model/role.js';
import { MINUTES_FRAGMENT } from '../model/discussion/vocabulary.js';
import { BOARD_ORDER_ROOT, BOARD_ROOTS } from './board/roots.js';
import {
  ATTENDANCE_ROOT,
  CONTRIBUTORS_ROOT,
  DISCUSSION_MAP,
  TIME_SPANS_ROOT,
} from './discussion/roots.js';
import { GENOGRAM_ROOTS } from './family/roots.js';
import { minutesFragmentName } from './meeting.js';
import { META_MAP } from './schema.js';

/**
 * What the server accepts in a client's update, per document kind (shared/SPEC.md [V1]-[V8]).
 * The rules are data here, so that the server's referee and the tests read one definition; the
 * referee itself (decoding updates against the room's document) lives in server/src/authority.
 */

export type DocKind = ParsedDocName['kind'];

/** How a root is written: as a map (entries under keys) or as a sequence (array, text, XML). */
export type RootUse = 'map' | 'sequence';

export interface DocumentShape {
  /** How the root `name` is used, or null for a root this kind of document never has ([V4]). */
  rootUse(name: string): RootUse | null;
  /**
   * Deepest nesting of one item ([V5]): an entry of a root is at depth 1, a field of an entity
   * map at 2, an entry of a nested field at 3.
   */
  readonly maxDepth: number;
  /** Longest map key (entity ids, field names, attribute names) ([V4]). */
  readonly maxKeyLength: number;
  /** Deepest plain value (JSON object or array) stored in one item ([V5]). */
  readonly maxValueDepth: number;
  /**
   * Most entities of other people's making one update may remove from each root ([V3]): what
   * the largest single command of the product removes. A root not listed is bounded only by
   * `maxIndependentRemovals` (and the minutes, where "select all, delete" is one command, by
   * nothing: restoring a document covers them).
   */
  readonly removalBounds: Readonly<Record<string, number>>;
  /**
   * Most other entities of other people's making one update may remove that refer to nothing
   * else removed by the same update (a command removes one thing and what hangs from it).
   */
  readonly maxIndependentRemovals: number;
  /** Roots whose entries are entities: one Y.Map per entry, written by one author. */
  readonly entityRoots: ReadonlySet<string>;
}

/**
 * An offline backlog (the first sync answer of a connection) may hold several commands' work:
 * its bounds are this many times a single update's.
 */
export const BACKLOG_REMOVAL_FACTOR = 3;

const FAMILY_MAPS = new Set<string>([
  ...Object.values(GENOGRAM_ROOTS),
  ...Object.values(BOARD_ROOTS),
  META_MAP,
]);
const FAMILY_ENTITY_ROOTS = new Set<string>([
  ...Object.values(GENOGRAM_ROOTS).filter((root) => root !== GENOGRAM_ROOTS.nudges),
  ...Object.values(BOARD_ROOTS),
]);
const DISCUSSION_MAPS = new Set<string>([
  DISCUSSION_MAP,
  ATTENDANCE_ROOT,
  TIME_SPANS_ROOT,
  CONTRIBUTORS_ROOT,
  META_MAP,
]);
const MEETING_MINUTES_PREFIX = minutesFragmentName('');

/** Deepest nesting of the minutes: lists in lists in tables, with room to spare. */
const MINUTES_MAX_DEPTH = 48;

export const DOCUMENT_SHAPES: Readonly<Record<DocKind, DocumentShape>> = {
  family: {
    rootUse: (name) =>
      FAMILY_MAPS.has(name) ? 'map' : name === BOARD_ORDER_ROOT ? 'sequence' : null,
    // root entry (entity) 1, field 2, entry of a nested field (attribute, evidence, member) 3.
    maxDepth: 3,
    maxKeyLength: 128,
    maxValueDepth: 4,
    // deletePerson removes one person; deleteHypothesis one hypothesis; everything else they
    // remove refers to it (links, unions, relationships, conversations, questions).
    removalBounds: { [GENOGRAM_ROOTS.people]: 1, [BOARD_ROOTS.hypotheses]: 1 },
    maxIndependentRemovals: 2,
    entityRoots: FAMILY_ENTITY_ROOTS,
  },
  discussion: {
    rootUse: (name) =>
      DISCUSSION_MAPS.has(name) ? 'map' : name === MINUTES_FRAGMENT ? 'sequence' : null,
    maxDepth: MINUTES_MAX_DEPTH,
    maxKeyLength: 128,
    maxValueDepth: 4,
    removalBounds: {},
    maxIndependentRemovals: Infinity,
    entityRoots: new Set<string>(),
  },
  meeting: {
    rootUse: (name) =>
      name === META_MAP ? 'map' : name.startsWith(MEETING_MINUTES_PREFIX) ? 'sequence' : null,
    maxDepth: MINUTES_MAX_DEPTH,
    maxKeyLength: 128,
    maxValueDepth: 4,
    removalBounds: {},
    maxIndependentRemovals: Infinity,
    entityRoots: new Set<string>(),
  },
};

/**
 * What one role may change in a document kind, decided by the root an update touches and by
 * who wrote the entity it touches ([V7]). Read-only connections write nothing at all (their
 * updates are dropped before any of this).
 */
export interface WriteRights {
  /** Roots this role may write in at all; null for every root of the kind. */
  readonly roots: ReadonlySet<string> | null;
  /**
   * Roots where this role may change or remove only entities it wrote itself (and add new ones);
   * in other people's entities only the fields of `appendOnlyFields`, by adding, never removing.
   */
  readonly ownEntitiesOnly: ReadonlySet<string>;
  /** Per root, the fields of other people's entities this role may add to (evidence). */
  readonly appendOnlyFields: Readonly<Record<string, ReadonlySet<string>>>;
  /** Sequence roots where this role may add entries but remove only its own (board order). */
  readonly appendOnlyRoots: ReadonlySet<string>;
  /** Map roots keyed by user id where this role may write only under its own user id. */
  readonly ownKeyRoots: ReadonlySet<string>;
}

const BOARD_ROOT_NAMES = new Set<string>(Object.values(BOARD_ROOTS));
const NONE = new Set<string>();

export function writeRights(kind: DocKind, role: Role): WriteRights {
  const everything: WriteRights = {
    roots: null,
    ownEntitiesOnly: NONE,
    appendOnlyFields: {},
    appendOnlyRoots: NONE,
    ownKeyRoots: kind === 'discussion' ? new Set([CONTRIBUTORS_ROOT]) : NONE,
  };
  if (isReadOnlyRole(role)) return { ...everything, roots: NONE };
  if (kind === 'family') {
    // A guest never writes in a family document ([M6]); the server opens it read-only for them.
    if (role === 'guest') return { ...everything, roots: NONE };
    if (PLANNING_ROLES.has(role)) return everything;
    // Clinician, coordinator: suggestions, evidence and notes of their own ([B17]); the genogram
    // is everyone's who may write.
    return {
      ...everything,
      ownEntitiesOnly: BOARD_ROOT_NAMES,
      appendOnlyFields: { [BOARD_ROOTS.hypotheses]: new Set(['evidenceFor', 'evidenceAgainst']) },
      appendOnlyRoots: new Set([BOARD_ORDER_ROOT]),
    };
  }
  if (kind === 'discussion' && role === 'guest') {
    // A guest the coordinator let write adds to the minutes, and the recorders of their laptop
    // note who took part, for how long, and that they wrote ([D7], [D11], [D12]); the
    // discussion's own settings (the template) are not theirs.
    return {
      ...everything,
      roots: new Set([MINUTES_FRAGMENT, CONTRIBUTORS_ROOT, TIME_SPANS_ROOT, ATTENDANCE_ROOT]),
    };
  }
  return everything;
}
