import * as Y from 'yjs';
import {
  CLOSE_CODES,
  DOCUMENT_SHAPES,
  parseDocName,
  plainOf,
  writeRights,
  type DocumentShape,
  type Role,
  type WriteRights,
} from '@unitroom/shared';
import { Refusal, type UpdatePayload } from '../collab/types.js';
import { inspectUpdate, type Inspection, type Located } from './inspect.js';

/**
 * Who writes, and what the document knows of its writers: everything the referee decides on
 * besides the document and the update. Plain data, so that the large-update worker can referee
 * the pieces of an update there, against its copy of the document ([U3]).
 */
export interface RefereeContext {
  readonly docName: string;
  readonly userId: string;
  readonly role: Role;
  /** Client id to the user who writes with it, in this document. */
  readonly owners: ReadonlyMap<number, string>;
  /** [V3]'s bound is this many times one command's (an offline backlog's is wider). */
  readonly removalFactor: number;
  /** Accept roots a document kind does not know (the older test suites' scratch roots). */
  readonly allowUnknownRoots: boolean;
}

/**
 * How the large-update worker referees an update it cuts into pieces ([U3]): each piece against
 * its copy of the document with the pieces before it applied, so that the update is refused
 * whole, before any piece reaches the room's document, or applied whole.
 */
export interface LargeUpdateReferee {
  /** The context to referee this writer's update with. */
  contextOf(payload: UpdatePayload): RefereeContext;
  /** The worker refereed `pieces`, which write first with client ids `fresh`. */
  refereed(pieces: readonly Uint8Array[], fresh: readonly number[]): void;
}

/**
 * `writeRights` builds its sets afresh on every call; the referee asks for the same few (a
 * document kind and a role) on every keystroke, and only reads them.
 */
const rightsByKindAndRole = new Map<string, WriteRights>();

function rightsOf(kind: Parameters<typeof writeRights>[0], role: Role): WriteRights {
  const key = `${kind}/${role}`;
  let rights = rightsByKindAndRole.get(key);
  if (!rights) {
    rights = writeRights(kind, role);
    rightsByKindAndRole.set(key, rights);
  }
  return rights;
}

/** The connection is closed with `code`; the audit trail records the close and its reason. */
function refuse(code: number, rule: string, reason: string): never {
  throw new Refusal(code, `[${rule}] ${reason}`);
}

/**
 * The server's referee of one client update (shared/SPEC.md [V1]-[V7]), against `doc` as it
 * stands: throws the `Refusal` to close the writer with, or returns the client ids the update
 * writes with for the first time in this document (to be claimed for the writer). Reads `doc`,
 * never changes it.
 */
export function refereeUpdate(doc: Y.Doc, update: Uint8Array, context: RefereeContext): number[] {
  const parsed = parseDocName(context.docName);
  if (!parsed) return [];
  const shape = DOCUMENT_SHAPES[parsed.kind];
  let inspection: Inspection;
  try {
    inspection = inspectUpdate(doc, update, shape, {
      allowUnknownRoots: context.allowUnknownRoots,
    });
  } catch {
    throw new Refusal(CLOSE_CODES.PROTOCOL_ERROR, 'undecodable update');
  }
  const { userId, owners } = context;

  // [V1] Client ids: one's own, or fresh (never seen in this document).
  const fresh: number[] = [];
  for (const client of inspection.writers) {
    const owner = owners.get(client);
    if (owner === userId) continue;
    if (owner !== undefined)
      refuse(
        CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
        'A1',
        `writes as client ${client}, which another person writes with`,
      );
    if (Y.getState(doc.store, client) > 0)
      // Written here before anyone claimed it (the server's own writes, documents older than
      // claims), or by another process whose claim this one has not read yet.
      refuse(
        CLOSE_CODES.CLIENT_ID_UNVERIFIED,
        'A1',
        `writes as client ${client}, which nobody here is known to write with`,
      );
    fresh.push(client);
  }
  // [V2] Deletions name only what exists.
  if (inspection.missing) refuse(CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES, 'A2', inspection.missing);
  // [V4], [V5] The document kind's shape.
  if (inspection.shapeProblem)
    refuse(CLOSE_CODES.UPDATE_SHAPE_INVALID, 'A4', inspection.shapeProblem);

  const authorOf = (item: Y.Item): string | null => {
    const client = item.id.client;
    return owners.get(client) ?? (fresh.includes(client) ? userId : null);
  };
  const removedTypes = new Set<string>();
  for (const { item } of inspection.removed)
    if (item.content instanceof Y.ContentType)
      removedTypes.add(`${item.id.client}:${item.id.clock}`);

  if (parsed.kind === 'family') checkFieldsKept(inspection, removedTypes);

  // [V3] No more of other people's work at once than one command removes.
  checkRemovals(userId, shape, inspection, authorOf, context.removalFactor);

  // [V7] The role's rights.
  checkRights(
    userId,
    context.role,
    rightsOf(parsed.kind, context.role),
    shape,
    inspection,
    authorOf,
  );
  return fresh;
}

/** A command clears a field by writing null; it never removes an entity's key ([V4]). */
function checkFieldsKept(inspection: Inspection, removedTypes: ReadonlySet<string>): void {
  const written = new Set<string>();
  for (const { container, parentSub } of inspection.added)
    if (parentSub !== null) written.add(`${container.key}/${parentSub}`);
  for (const { item, container } of inspection.removed) {
    if (container.depth === 0 || item.parentSub === null) continue;
    if (removedTypes.has(container.key)) continue;
    if (!written.has(`${container.key}/${item.parentSub}`))
      refuse(
        CLOSE_CODES.UPDATE_SHAPE_INVALID,
        'A4',
        `removes the field "${item.parentSub}" of an entity in ${container.root}`,
      );
  }
}

function checkRemovals(
  userId: string,
  shape: DocumentShape,
  inspection: Inspection,
  authorOf: (item: Y.Item) => string | null,
  factor: number,
): void {
  const removedKeys = new Set<string>();
  const entities: Located[] = [];
  for (const located of inspection.removed) {
    const { item, container } = located;
    if (container.depth !== 0 || item.parentSub === null) continue;
    removedKeys.add(item.parentSub);
    if (!shape.entityRoots.has(container.root) || !(item.content instanceof Y.ContentType))
      continue;
    if (authorOf(item) !== userId) entities.push(located);
  }
  if (entities.length === 0) return;
  const perRoot = new Map<string, number>();
  let independent = 0;
  for (const { item, container } of entities) {
    perRoot.set(container.root, (perRoot.get(container.root) ?? 0) + 1);
    if (container.root in shape.removalBounds) continue;
    if (!refersToAny(item, removedKeys)) independent += 1;
  }
  for (const [root, count] of perRoot) {
    const bound = shape.removalBounds[root];
    if (bound !== undefined && count > bound * factor)
      refuse(
        CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
        'A3',
        `removes ${count} entries of other people from ${root} at once (at most ${bound * factor})`,
      );
  }
  if (independent > shape.maxIndependentRemovals * factor)
    refuse(
      CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
      'A3',
      `removes ${independent} unrelated entries of other people at once ` +
        `(at most ${shape.maxIndependentRemovals * factor})`,
    );
}

function checkRights(
  userId: string,
  role: Role,
  rights: WriteRights,
  shape: DocumentShape,
  inspection: Inspection,
  authorOf: (item: Y.Item) => string | null,
): void {
  const deny = (reason: string) => refuse(CLOSE_CODES.UPDATE_NOT_PERMITTED, 'A7', reason);
  const check = ({ item, container, parentSub }: Located, adding: boolean) => {
    const { root } = container;
    // A root no kind has got in only because scratch roots are allowed (test servers).
    if (shape.rootUse(root) === null) return;
    if (rights.roots && !rights.roots.has(root)) deny(`a ${role} does not write in ${root}`);
    if (container.depth === 0 && rights.ownKeyRoots.has(root) && parentSub !== userId)
      deny(`writes under another person's key in ${root}`);
    if (rights.ownEntitiesOnly.has(root)) {
      if (container.depth === 0) {
        if (!adding && authorOf(item) !== userId) deny(`removes another person's entry of ${root}`);
      } else if (authorOf(container.entity!) !== userId) {
        const appendable =
          container.field !== null && rights.appendOnlyFields[root]?.has(container.field);
        // Adding evidence to anyone's hypothesis, and taking back (undoing) one's own.
        const allowed = appendable && (adding || authorOf(item) === userId);
        if (!allowed) deny(`changes another person's entry of ${root}`);
      }
    }
    if (!adding && rights.appendOnlyRoots.has(root) && authorOf(item) !== userId)
      deny(`removes another person's entry of ${root}`);
  };
  for (const located of inspection.added) check(located, true);
  for (const located of inspection.removed) check(located, false);
}

/** Whether an entity removed with others refers to one of them: it hangs from it ([V3]). */
function refersToAny(item: Y.Item, keys: ReadonlySet<string>): boolean {
  if (item.parentSub !== null && item.parentSub.split(':').some((part) => keys.has(part)))
    return true;
  const type = (item.content as Y.ContentType).type;
  const stack: unknown[] = [plainOf(type, 4)];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (keys.has(value) && value !== item.parentSub) return true;
    } else if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  return false;
}
