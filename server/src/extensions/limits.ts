import { CLOSE_CODES, EXPENSIVE_MESSAGE_COST, type CollabLimits } from '@unitroom/shared';
import { Refusal, type Extension } from '../collab/types.js';
import { TokenBucket } from '../limits/tokenBucket.js';
import { missingDependency, pendingBytes } from '../limits/updateDependencies.js';

interface Buckets {
  updates: TokenBucket;
  updateBytes: TokenBucket;
  awareness: TokenBucket;
  messages: TokenBucket;
  processing: TokenBucket;
}

/**
 * What one document may hold as pending (not yet integrable) data from updates that arrived
 * before what they build on. Two tabs of one browser share edits over BroadcastChannel, so one
 * tab's update can reach the server a moment before the other tab's change it builds on: a few
 * hundred bytes, briefly. Anything beyond this is an attack.
 */
export const MAX_PENDING_BYTES = 64 * 1024;

/**
 * Size and rate limits per collaboration connection, each closing the offender with its own
 * code: update and awareness size, token buckets for updates, awareness and everything else,
 * and updates whose dependencies the document lacks beyond a small pending allowance.
 */
export function limitsExtension(limits: CollabLimits): Extension {
  const buckets = new Map<string, Buckets>();
  const bucketsFor = (connectionId: string): Buckets => {
    let found = buckets.get(connectionId);
    if (!found) {
      found = {
        updates: new TokenBucket(limits.updateRate),
        updateBytes: new TokenBucket(limits.updateBytesRate),
        awareness: new TokenBucket(limits.awarenessRate),
        messages: new TokenBucket(limits.messageRate),
        processing: new TokenBucket(limits.processingBudgetMs),
      };
      buckets.set(connectionId, found);
    }
    return found;
  };

  return {
    onMessage({ connection, message, bytes }) {
      const own = bucketsFor(connection.id);
      switch (message.type) {
        case 'update':
          if (message.update.byteLength > limits.maxUpdateBytes)
            throw new Refusal(
              CLOSE_CODES.UPDATE_TOO_LARGE,
              `update of ${message.update.byteLength} bytes`,
            );
          if (!own.updates.take())
            throw new Refusal(CLOSE_CODES.UPDATE_RATE_EXCEEDED, 'updates too fast');
          if (!own.updateBytes.take(message.update.byteLength))
            throw new Refusal(CLOSE_CODES.UPDATE_RATE_EXCEEDED, 'update bytes too fast');
          return;
        case 'awareness':
          if (bytes > limits.maxAwarenessBytes)
            throw new Refusal(CLOSE_CODES.AWARENESS_TOO_LARGE, `awareness of ${bytes} bytes`);
          if (!own.awareness.take())
            throw new Refusal(CLOSE_CODES.AWARENESS_RATE_EXCEEDED, 'awareness too fast');
          return;
        default: {
          const expensive = message.type === 'sync-step-1' || message.type === 'query-awareness';
          if (!own.messages.take(expensive ? EXPENSIVE_MESSAGE_COST : 1))
            throw new Refusal(CLOSE_CODES.MESSAGE_RATE_EXCEEDED, 'messages too fast');
        }
      }
    },

    onUpdate({ doc, update }) {
      const missing = missingDependency(doc, update);
      if (missing && pendingBytes(doc) + update.byteLength > MAX_PENDING_BYTES)
        throw new Refusal(CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES, missing);
    },

    onProcessed({ connection, message, ms }) {
      // Charged after the fact: the offending update is applied, the next one is not. Only
      // updates are charged: a sync answer's cost grows with the document, not with the client.
      if (message.type !== 'update') return;
      if (!bucketsFor(connection.id).processing.take(ms))
        throw new Refusal(
          CLOSE_CODES.PROCESSING_BUDGET_EXCEEDED,
          `${message.type} took ${Math.round(ms)} ms`,
        );
    },

    async onDisconnect({ connection }) {
      buckets.delete(connection.id);
    },

    counts: () => ({ 'limits.connections': buckets.size }),
  };
}
