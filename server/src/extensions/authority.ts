import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import {
  BACKLOG_REMOVAL_FACTOR,
  CLOSE_CODES,
  DOCUMENT_SHAPES,
  parseDocName,
  plainOf,
  writeRights,
  type DocumentShape,
  type WriteRights,
} from '@unitroom/shared';
import { Refusal, type Extension, type UpdatePayload } from '../collab/types.js';
import type { ClientMessage } from '../collab/messages.js';
import { inspectUpdate, type Inspection, type Located } from '../authority/inspect.js';
import type { Database } from '../db/schema.js';

export interface AuthorityOptions {
  db: Kysely<Database>;
  log: (message: string, error?: unknown) => void;
  /**
   * Accept roots a document kind does not know ([V4]). Off in production; the older test
   * suites write scratch roots to exercise sync itself.
   */
  allowUnknownRoots?: boolean;
}

type UpdateMessage = Extract<ClientMessage, { type: 'update' }>;

/**
 * The server's referee of client updates (shared/SPEC.md [V1]-[V8]): before a writable
 * connection's update is applied, stored or sent on, it must write only with client ids of its
 * own user, delete only what exists, remove no more of other people's work than one command
 * does, keep to its document kind's shape, and change only what its role may. A refused update
 * is dropped and its connection closed with a named code; everyone else carries on.
 *
 * Updates too large for the event loop reach this hook as the pieces the worker cut them into
 * (limits.ts), each vetted like an update of its own; deletions of what the document holds all
 * travel in the first piece, so the removal bounds see them together.
 */
export function authorityExtension(options: AuthorityOptions): Extension {
  const { db, log } = options;
  const allowUnknownRoots = options.allowUnknownRoots ?? false;
  /** Per loaded document: client id to the user who writes with it. */
  const claims = new Map<string, Map<number, string>>();
  /** Claims made in memory and not yet written; written before the update they came with. */
  const unsaved = new Map<string, Array<{ client: number; userId: string; at: string }>>();
  /** Per connection, the message of its first sync answer (its offline backlog). */
  const backlogs = new Map<string, UpdateMessage>();

  async function readClaims(docName: string): Promise<void> {
    const rows = await db
      .selectFrom('collab_client_ids')
      .select(['client_id', 'user_id'])
      .where('doc_name', '=', docName)
      .execute();
    const owners = claims.get(docName);
    if (!owners) return;
    for (const row of rows) owners.set(Number(row.client_id), row.user_id);
  }

  /** The connection is closed with `code`; the audit trail records the close and its reason. */
  function refuse(_payload: UpdatePayload, code: number, rule: string, reason: string): never {
    throw new Refusal(code, `[${rule}] ${reason}`);
  }

  function vet(payload: UpdatePayload): void {
    const { connection, doc, update, message } = payload;
    const parsed = parseDocName(connection.docName);
    if (!parsed) return;
    const shape = DOCUMENT_SHAPES[parsed.kind];
    let inspection: Inspection;
    try {
      inspection = inspectUpdate(doc, update, shape, { allowUnknownRoots });
    } catch (error) {
      log(`undecodable update on ${connection.docName}`, error);
      throw new Refusal(CLOSE_CODES.PROTOCOL_ERROR, 'undecodable update');
    }
    const userId = connection.context.user.id;
    let owners = claims.get(connection.docName);
    if (!owners) {
      // Only before the load hooks ran (a room always loads first); nothing to claim against.
      owners = new Map();
      claims.set(connection.docName, owners);
    }

    // [V1] Client ids: one's own, or fresh (never seen in this document).
    const fresh: number[] = [];
    for (const client of inspection.writers) {
      const owner = owners.get(client);
      if (owner === userId) continue;
      if (owner !== undefined)
        refuse(
          payload,
          CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
          'A1',
          `writes as client ${client}, which another person writes with`,
        );
      if (Y.getState(doc.store, client) > 0) {
        // Written here before anyone claimed it (the server's own writes, documents older than
        // claims), or by another process whose claim this one has not read yet.
        void readClaims(connection.docName).catch((error: unknown) =>
          log(`reading client id claims of ${connection.docName} failed`, error),
        );
        refuse(
          payload,
          CLOSE_CODES.CLIENT_ID_UNVERIFIED,
          'A1',
          `writes as client ${client}, which nobody here is known to write with`,
        );
      }
      fresh.push(client);
    }
    // [V2] Deletions name only what exists.
    if (inspection.missing)
      refuse(payload, CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES, 'A2', inspection.missing);
    // [V4], [V5] The document kind's shape.
    if (inspection.shapeProblem)
      refuse(payload, CLOSE_CODES.UPDATE_SHAPE_INVALID, 'A4', inspection.shapeProblem);

    const authorOf = (item: Y.Item): string | null => {
      const client = item.id.client;
      return owners.get(client) ?? (fresh.includes(client) ? userId : null);
    };
    const removedTypes = new Set<string>();
    for (const { item } of inspection.removed)
      if (item.content instanceof Y.ContentType)
        removedTypes.add(`${item.id.client}:${item.id.clock}`);

    if (parsed.kind === 'family') checkFieldsKept(payload, inspection, removedTypes);

    // [V3] No more of other people's work at once than one command removes.
    if (!backlogs.has(connection.id) && message.syncStep2) backlogs.set(connection.id, message);
    const factor = backlogs.get(connection.id) === message ? BACKLOG_REMOVAL_FACTOR : 1;
    checkRemovals(payload, shape, inspection, authorOf, factor);

    // [V7] The role's rights.
    checkRights(
      payload,
      writeRights(parsed.kind, connection.context.role),
      shape,
      inspection,
      authorOf,
    );

    const at = new Date().toISOString();
    for (const client of fresh) {
      owners.set(client, userId);
      const queue = unsaved.get(connection.docName) ?? [];
      queue.push({ client, userId, at });
      unsaved.set(connection.docName, queue);
    }
  }

  /** A command clears a field by writing null; it never removes an entity's key ([V4]). */
  function checkFieldsKept(
    payload: UpdatePayload,
    inspection: Inspection,
    removedTypes: ReadonlySet<string>,
  ): void {
    const written = new Set<string>();
    for (const { container, parentSub } of inspection.added)
      if (parentSub !== null) written.add(`${container.key}/${parentSub}`);
    for (const { item, container } of inspection.removed) {
      if (container.depth === 0 || item.parentSub === null) continue;
      if (removedTypes.has(container.key)) continue;
      if (!written.has(`${container.key}/${item.parentSub}`))
        refuse(
          payload,
          CLOSE_CODES.UPDATE_SHAPE_INVALID,
          'A4',
          `removes the field "${item.parentSub}" of an entity in ${container.root}`,
        );
    }
  }

  function checkRemovals(
    payload: UpdatePayload,
    shape: DocumentShape,
    inspection: Inspection,
    authorOf: (item: Y.Item) => string | null,
    factor: number,
  ): void {
    const userId = payload.connection.context.user.id;
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
          payload,
          CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
          'A3',
          `removes ${count} entries of other people from ${root} at once (at most ${bound * factor})`,
        );
    }
    if (independent > shape.maxIndependentRemovals * factor)
      refuse(
        payload,
        CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
        'A3',
        `removes ${independent} unrelated entries of other people at once ` +
          `(at most ${shape.maxIndependentRemovals * factor})`,
      );
  }

  function checkRights(
    payload: UpdatePayload,
    rights: WriteRights,
    shape: DocumentShape,
    inspection: Inspection,
    authorOf: (item: Y.Item) => string | null,
  ): void {
    const userId = payload.connection.context.user.id;
    const deny = (reason: string) =>
      refuse(payload, CLOSE_CODES.UPDATE_NOT_PERMITTED, 'A7', reason);
    const check = ({ item, container, parentSub }: Located, adding: boolean) => {
      const { root } = container;
      // A root no kind has got in only because scratch roots are allowed (test servers).
      if (shape.rootUse(root) === null) return;
      if (rights.roots && !rights.roots.has(root))
        deny(`a ${payload.connection.context.role} does not write in ${root}`);
      if (container.depth === 0 && rights.ownKeyRoots.has(root) && parentSub !== userId)
        deny(`writes under another person's key in ${root}`);
      if (rights.ownEntitiesOnly.has(root)) {
        if (container.depth === 0) {
          if (!adding && authorOf(item) !== userId)
            deny(`removes another person's entry of ${root}`);
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

  return {
    async onLoad({ docName }) {
      claims.set(docName, new Map());
      await readClaims(docName);
    },

    async beforeJoin({ connection }) {
      // Another process may have claimed ids since this one loaded the document: a client that
      // moved here from there must find its own id known.
      if (claims.has(connection.docName)) await readClaims(connection.docName);
    },

    onUpdate(payload) {
      if (payload.connection.context.readOnly) return;
      vet(payload);
    },

    async onChange({ docName }) {
      // Before the store hooks append the update that made the claims (this extension comes
      // first), so a stored change never belongs to an unclaimed id.
      const queue = unsaved.get(docName);
      if (!queue || queue.length === 0) return;
      unsaved.delete(docName);
      try {
        await db
          .insertInto('collab_client_ids')
          .values(
            queue.map(({ client, userId, at }) => ({
              doc_name: docName,
              client_id: String(client),
              user_id: userId,
              claimed_at: at,
            })),
          )
          .onConflict((conflict) => conflict.columns(['doc_name', 'client_id']).doNothing())
          .execute();
      } catch (error) {
        // Tried again with the next batch (and the store retries this one).
        unsaved.set(docName, [...queue, ...(unsaved.get(docName) ?? [])]);
        throw error;
      }
    },

    async onUnload({ docName }) {
      claims.delete(docName);
      unsaved.delete(docName);
    },

    async onDisconnect({ connection }) {
      backlogs.delete(connection.id);
    },

    counts: () => ({
      'authority.documents': claims.size,
      'authority.connections': backlogs.size,
    }),
  };
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
