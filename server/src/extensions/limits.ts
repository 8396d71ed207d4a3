import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  EXPENSIVE_MESSAGE_COST,
  type CollabLimits,
} from '@unitroom/shared';
import { Refusal, type ConnectionHandle, type Extension } from '../collab/types.js';
import type { LargeUpdateReferee, RefereeContext } from '../authority/referee.js';
import type { LargeUpdateVetter, Verdict } from '../limits/largeUpdates.js';
import { TokenBucket } from '../limits/tokenBucket.js';
import { KeyedBuckets, scaled } from '../limits/userBuckets.js';
import { missingDependency, pendingBytes } from '../limits/updateDependencies.js';
import { encodeIntegratedState } from '../collab/documentState.js';

interface Buckets {
  updates: TokenBucket;
  updateBytes: TokenBucket;
  awareness: TokenBucket;
  messages: TokenBucket;
  processing: TokenBucket;
  syncAnswerBytes: TokenBucket;
  /** Whether the connection has sent its sync step 2 (the one not charged by size). */
  answered: boolean;
}

type Kind = 'updates' | 'updateBytes' | 'awareness' | 'messages' | 'processing' | 'syncAnswerBytes';

/**
 * How many connections' worth of each budget one user has in all ([T1]): a person works in one
 * place at a time, and a second tab or a page opening several documents at once fits in twice
 * one connection's budget; twenty-four sockets do not buy twenty-four times it.
 */
export const USER_BUDGET_FACTOR = 2;

/**
 * What one document may hold as pending (not yet integrable) data from updates that arrived
 * before what they build on. Two tabs of one browser share edits over BroadcastChannel, so one
 * tab's update can reach the server a moment before the other tab's change it builds on: a few
 * hundred bytes, briefly. Anything beyond this is an attack.
 */
export const MAX_PENDING_BYTES = 64 * 1024;

/** The refusal for a large update the worker would not pass. */
function refusalOf(verdict: Exclude<Verdict, { ok: true }>, bytes: number): Refusal {
  const reason = `update of ${bytes} bytes: ${verdict.reason}`;
  switch (verdict.code) {
    case 'malformed':
      return new Refusal(CLOSE_CODES.PROTOCOL_ERROR, reason);
    case 'missing':
      // As for a small update: a fresh sync sends a self-contained one.
      return new Refusal(CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES, reason);
    case 'padded':
    case 'costly':
      return new Refusal(CLOSE_CODES.UPDATE_TOO_LARGE, reason);
    case 'refused':
      // The referee's own refusal of one of its pieces ([U3]): nothing of it was applied.
      return new Refusal(verdict.closeCode ?? CLOSE_CODES.UPDATE_NOT_PERMITTED, reason);
  }
}

/**
 * Size and rate limits per collaboration connection and per user ([T1]: every rate is charged to
 * the connection and to its user's budget, shared by all their sockets and kept across
 * reconnects), each closing the offender with its own code: update and awareness size, token buckets for updates, awareness and everything else,
 * and updates whose dependencies the document lacks beyond a small pending allowance.
 *
 * Updates over `maxUpdateBytes` (up to `maxLargeUpdateBytes`) are vetted by `vetter` off the
 * event loop and applied in the pieces it cut them into, if they fit in the connection's
 * processing budget.
 */
export function limitsExtension(
  limits: CollabLimits,
  vetter: LargeUpdateVetter,
  /** Referees a large update's pieces in the worker, all before any is applied ([U3]). */
  referee?: LargeUpdateReferee,
): Extension {
  const buckets = new Map<string, Buckets>();
  const rates: Record<Kind, typeof limits.updateRate> = {
    updates: limits.updateRate,
    updateBytes: limits.updateBytesRate,
    awareness: limits.awarenessRate,
    messages: limits.messageRate,
    processing: limits.processingBudgetMs,
    syncAnswerBytes: limits.syncAnswerBytesRate ?? DEFAULT_COLLAB_LIMITS.syncAnswerBytesRate!,
  };
  /** Each user's budgets, shared by all their connections and kept across reconnects ([T1]). */
  const users = new KeyedBuckets<Kind>(
    Object.fromEntries(
      Object.entries(rates).map(([kind, rate]) => [kind, scaled(rate, USER_BUDGET_FACTOR)]),
    ) as Record<Kind, typeof limits.updateRate>,
  );
  const userBuckets = new Map<string, Record<Kind, TokenBucket>>();
  /**
   * Each document's budgets, shared by every connection to it whoever they are, and kept across
   * reconnects like a user's ([U2]): many accounts together cannot make one document cost more.
   */
  const documents = new KeyedBuckets<Kind>(
    Object.fromEntries(
      Object.entries(rates).map(([kind, rate]) => [
        kind,
        scaled(rate, limits.documentBudgetFactor ?? DEFAULT_COLLAB_LIMITS.documentBudgetFactor!),
      ]),
    ) as Record<Kind, typeof limits.updateRate>,
  );
  const documentBuckets = new Map<string, Record<Kind, TokenBucket>>();
  /** The document's buckets for this connection, opened with the connection. */
  const documentOf = (connection: ConnectionHandle): Record<Kind, TokenBucket> => {
    let found = documentBuckets.get(connection.id);
    if (!found) {
      found = documents.open(connection.docName);
      documentBuckets.set(connection.id, found);
    }
    return found;
  };
  /** The user's bucket of `kind` for this connection, opened with the connection. */
  const userOf = (connection: ConnectionHandle): Record<Kind, TokenBucket> => {
    let found = userBuckets.get(connection.id);
    if (!found) {
      found = users.open(connection.context.user.id);
      userBuckets.set(connection.id, found);
    }
    return found;
  };
  /**
   * Takes `cost` from the connection's bucket, its user's and its document's; false when any is
   * short (and then none is charged).
   */
  const take = (connection: ConnectionHandle, kind: Kind, cost = 1): boolean => {
    const own = bucketsFor(connection.id)[kind];
    const user = userOf(connection)[kind];
    const document = documentOf(connection)[kind];
    return (
      own.available() >= cost &&
      user.available() >= cost &&
      document.available() >= cost &&
      own.take(cost) &&
      user.take(cost) &&
      document.take(cost)
    );
  };
  /** Pieces the vetter made: known to integrate in full, so not decoded again here. */
  const vetted = new WeakSet<Uint8Array>();
  /** Large updates whose cost was measured, and charged, before they were applied. */
  const charged = new WeakSet<Uint8Array>();
  const bucketsFor = (connectionId: string): Buckets => {
    let found = buckets.get(connectionId);
    if (!found) {
      found = {
        updates: new TokenBucket(limits.updateRate),
        updateBytes: new TokenBucket(limits.updateBytesRate),
        awareness: new TokenBucket(limits.awarenessRate),
        messages: new TokenBucket(limits.messageRate),
        processing: new TokenBucket(limits.processingBudgetMs),
        syncAnswerBytes: new TokenBucket(rates.syncAnswerBytes),
        answered: false,
      };
      buckets.set(connectionId, found);
    }
    return found;
  };

  return {
    onMessage({ connection, message, bytes }) {
      const own = bucketsFor(connection.id);
      switch (message.type) {
        case 'update': {
          if (message.update.byteLength > limits.maxLargeUpdateBytes)
            throw new Refusal(
              CLOSE_CODES.UPDATE_TOO_LARGE,
              `update of ${message.update.byteLength} bytes`,
            );
          if (!take(connection, 'updates'))
            throw new Refusal(CLOSE_CODES.UPDATE_RATE_EXCEEDED, 'updates too fast');
          // The answer to the server's sync step 1 is where a client back from offline sends
          // all it did meanwhile, at once: one per connection, bounded by size, not by rate.
          const backlog = message.syncStep2 && !own.answered;
          if (message.syncStep2) own.answered = true;
          if (!backlog && !take(connection, 'updateBytes', message.update.byteLength))
            throw new Refusal(CLOSE_CODES.UPDATE_RATE_EXCEEDED, 'update bytes too fast');
          return;
        }
        case 'awareness':
          if (bytes > limits.maxAwarenessBytes)
            throw new Refusal(CLOSE_CODES.AWARENESS_TOO_LARGE, `awareness of ${bytes} bytes`);
          if (!take(connection, 'awareness'))
            throw new Refusal(CLOSE_CODES.AWARENESS_RATE_EXCEEDED, 'awareness too fast');
          return;
        default: {
          const expensive = message.type === 'sync-step-1' || message.type === 'query-awareness';
          if (!take(connection, 'messages', expensive ? EXPENSIVE_MESSAGE_COST : 1))
            throw new Refusal(CLOSE_CODES.MESSAGE_RATE_EXCEEDED, 'messages too fast');
        }
      }
    },

    prepareUpdate(payload) {
      const { connection, doc, update } = payload;
      if (update.byteLength <= limits.maxUpdateBytes) return undefined;
      return vetLarge(
        connection,
        encodeIntegratedState(doc),
        update,
        referee ? { context: referee.contextOf(payload), referee } : null,
      );
    },

    onUpdate({ doc, update }) {
      if (vetted.has(update)) return;
      const missing = missingDependency(doc, update);
      if (missing && pendingBytes(doc) + update.byteLength > MAX_PENDING_BYTES)
        throw new Refusal(CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES, missing);
    },

    onSyncAnswer({ connection, bytes }) {
      if (!take(connection, 'syncAnswerBytes', bytes))
        throw new Refusal(
          CLOSE_CODES.MESSAGE_RATE_EXCEEDED,
          `sync answers too fast (this one ${bytes} bytes)`,
        );
    },

    onProcessed({ connection, message, ms }) {
      // Charged after the fact: the offending update is applied, the next one is not. Only
      // updates are charged: a sync answer's cost grows with the document, not with the client.
      // A vetted update's pieces were charged before, at what the worker measured.
      if (message.type !== 'update' || charged.has(message.update)) return;
      if (!take(connection, 'processing', ms))
        throw new Refusal(
          CLOSE_CODES.PROCESSING_BUDGET_EXCEEDED,
          `${message.type} took ${Math.round(ms)} ms`,
        );
    },

    async onDisconnect({ connection }) {
      buckets.delete(connection.id);
      if (userBuckets.delete(connection.id)) users.close(connection.context.user.id);
      if (documentBuckets.delete(connection.id)) documents.close(connection.docName);
    },

    counts: () => ({
      'limits.connections': buckets.size,
      'limits.users': users.size,
      'limits.documents': documents.size,
    }),
  };

  /**
   * The worker cuts the update into pieces and times them against the document as it stands
   * now. What they took is charged to the connection's processing budget before they are
   * applied: the main thread spends about as much applying them, one per turn. (Charged by the
   * worker's measure, so that a busy machine, which stretches the main thread's wall clock, does
   * not close an honest client halfway through its backlog.)
   */
  async function vetLarge(
    connection: ConnectionHandle,
    state: Uint8Array,
    update: Uint8Array,
    refereeing: { context: RefereeContext; referee: LargeUpdateReferee } | null,
  ): Promise<readonly Uint8Array[]> {
    const { burst } = limits.processingBudgetMs;
    const verdict = await vetter.vet(state, update, burst, refereeing?.context);
    if (!verdict.ok) throw refusalOf(verdict, update.byteLength);
    const left = Math.min(
      bucketsFor(connection.id).processing.available(),
      userOf(connection).processing.available(),
      documentOf(connection).processing.available(),
    );
    if (!take(connection, 'processing', verdict.costMs))
      throw new Refusal(
        CLOSE_CODES.PROCESSING_BUDGET_EXCEEDED,
        `update of ${update.byteLength} bytes would take ${Math.round(verdict.costMs)} ms, ` +
          `${Math.round(left)} ms left`,
      );
    charged.add(update);
    for (const piece of verdict.pieces) vetted.add(piece);
    if (refereeing && verdict.refereed)
      refereeing.referee.refereed(verdict.pieces.slice(0, verdict.refereed), verdict.fresh);
    return verdict.pieces;
  }
}
