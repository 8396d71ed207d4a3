import type { Kysely } from 'kysely';
import { BACKLOG_REMOVAL_FACTOR, CLOSE_CODES } from '@unitroom/shared';
import { Refusal, type Extension, type UpdatePayload } from '../collab/types.js';
import type { ClientMessage } from '../collab/messages.js';
import {
  refereeUpdate,
  type LargeUpdateReferee,
  type RefereeContext,
} from '../authority/referee.js';
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
export function authorityExtension(
  options: AuthorityOptions,
): Extension & { largeUpdates: LargeUpdateReferee } {
  const { db, log } = options;
  const allowUnknownRoots = options.allowUnknownRoots ?? false;
  /** Per loaded document: client id to the user who writes with it. */
  const claims = new Map<string, Map<number, string>>();
  /** Claims made in memory and not yet written; written before the update they came with. */
  const unsaved = new Map<string, Array<{ client: number; userId: string; at: string }>>();
  /** Documents whose room applied an update under a claim another process won ([U4]). */
  const lostClaims = new Map<string, Error>();
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

  /** What the referee decides `payload` with: the writer, and the document's claims. */
  function contextOf(payload: UpdatePayload): RefereeContext {
    const { connection, message } = payload;
    let owners = claims.get(connection.docName);
    if (!owners) {
      // Only before the load hooks ran (a room always loads first); nothing to claim against.
      owners = new Map();
      claims.set(connection.docName, owners);
    }
    if (!backlogs.has(connection.id) && message.syncStep2) backlogs.set(connection.id, message);
    return {
      docName: connection.docName,
      userId: connection.context.user.id,
      role: connection.context.role,
      owners,
      removalFactor: backlogs.get(connection.id) === message ? BACKLOG_REMOVAL_FACTOR : 1,
      allowUnknownRoots,
    };
  }

  /** Claims `fresh` client ids for the writer; written before the update they came with. */
  function claim(docName: string, userId: string, fresh: readonly number[]): void {
    const owners = claims.get(docName);
    if (!owners) return;
    const at = new Date().toISOString();
    for (const client of fresh) {
      if (owners.get(client) === userId) continue;
      owners.set(client, userId);
      const queue = unsaved.get(docName) ?? [];
      queue.push({ client, userId, at });
      unsaved.set(docName, queue);
    }
  }

  function vet(payload: UpdatePayload): void {
    const context = contextOf(payload);
    let fresh: number[];
    try {
      fresh = refereeUpdate(payload.doc, payload.update, context);
    } catch (error) {
      if (error instanceof Refusal && error.code === CLOSE_CODES.CLIENT_ID_UNVERIFIED)
        void readClaims(context.docName).catch((failure: unknown) =>
          log(`reading client id claims of ${context.docName} failed`, failure),
        );
      throw error;
    }
    claim(context.docName, context.userId, fresh);
  }

  /**
   * Pieces of a large update the worker refereed as one update ([U3]), with every client id it
   * writes with for the first time: applied without a second look, once none of those ids has
   * been claimed by someone else while the worker ran.
   */
  const refereed = new WeakMap<Uint8Array, readonly number[]>();

  function acceptRefereed(payload: UpdatePayload, fresh: readonly number[]): void {
    const { docName } = payload.connection;
    const userId = payload.connection.context.user.id;
    const owners = claims.get(docName);
    for (const client of fresh) {
      const owner = owners?.get(client);
      if (owner !== undefined && owner !== userId)
        throw new Refusal(
          CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
          `[A1] writes as client ${client}, which another person writes with`,
        );
    }
    claim(docName, userId, fresh);
  }

  const largeUpdates: LargeUpdateReferee = {
    contextOf,
    refereed(pieces, fresh) {
      for (const piece of pieces) refereed.set(piece, fresh);
    },
  };

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
      const fresh = refereed.get(payload.update);
      if (fresh) acceptRefereed(payload, fresh);
      else vet(payload);
    },

    async onChange({ docName }) {
      // A claim another process won: nothing more of this room is stored ([U4]).
      if (lostClaims.has(docName)) throw lostClaims.get(docName)!;
      // Before the store hooks append the update that made the claims (this extension comes
      // first), so a stored change never belongs to an unclaimed id.
      const queue = unsaved.get(docName);
      if (!queue || queue.length === 0) return;
      unsaved.delete(docName);
      let stored: Array<{ client_id: string; user_id: string }>;
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
        // Another process may have claimed the same id a moment before (its update not yet
        // relayed here): the first claim stored is the claim.
        stored = await db
          .selectFrom('collab_client_ids')
          .select(['client_id', 'user_id'])
          .where('doc_name', '=', docName)
          .where(
            'client_id',
            'in',
            queue.map(({ client }) => String(client)),
          )
          .execute();
      } catch (error) {
        // Tried again with the next batch (and the store retries this one).
        unsaved.set(docName, [...queue, ...(unsaved.get(docName) ?? [])]);
        throw error;
      }
      const owners = claims.get(docName);
      for (const row of stored) {
        const claimed = queue.find(({ client }) => String(client) === row.client_id);
        if (!claimed || claimed.userId === row.user_id) continue;
        owners?.set(Number(row.client_id), row.user_id);
        // The room's document holds an update written with someone else's id: it must never be
        // stored nor sent on. The store hooks fail, so the room closes and its clients resync
        // from what is stored, where the writer is then refused ([V1]).
        const lost = new Error(
          `client ${row.client_id} of ${docName} was claimed by another process for another user`,
        );
        lostClaims.set(docName, lost);
        throw lost;
      }
    },

    async onUnload({ docName }) {
      claims.delete(docName);
      unsaved.delete(docName);
      lostClaims.delete(docName);
    },

    async onDisconnect({ connection }) {
      backlogs.delete(connection.id);
    },

    largeUpdates,

    counts: () => ({
      'authority.documents': claims.size,
      'authority.connections': backlogs.size,
    }),
  };
}
