import { CLOSE_CODES, MESSAGE_TYPE, savedMessage } from '@unitroom/shared';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';

/**
 * - `connecting`: never connected yet and nothing typed
 * - `saving`: a local change is not yet confirmed durable by the server
 * - `saved`: every local change is durable
 * - `offline` / `offline-unsaved`: the connection is down, without / with unconfirmed changes
 * - `refused-unsaved`: the server refused this browser's changes as too large (UPDATE_TOO_LARGE)
 *   and will not take them by retrying; they are still kept here (IndexedDB)
 */
export type SaveState =
  'connecting' | 'saving' | 'saved' | 'offline' | 'offline-unsaved' | 'refused-unsaved';

/**
 * A refusal the provider will not retry by itself (close codes 4400-4499), or the family being
 * closed (`FAMILY_CLOSED`): the provider comes back read-only, but nothing typed here can be
 * saved any more, so the page says so and stops offering to edit.
 */
export interface ClosedInfo {
  code: number;
}

export interface SyncStatus {
  save: SaveState;
  closed: ClosedInfo | null;
  /**
   * The document was finalised while a change of this browser was on its way: the server refused
   * it (DISCUSSION_FINALISED) and it is dropped, never retried. `text` when it touched the
   * minutes' words rather than only what the room records by itself (time, attendance).
   */
  dropped: { text: boolean } | null;
}

export interface SaveTracker {
  getStatus(): SyncStatus;
  subscribe(onChange: () => void): () => void;
  destroy(): void;
}

/**
 * Uses Unitroom's `SAVED` extension of the y-websocket protocol: after sending local updates the
 * client sends `[SAVED, seq]`, and the server echoes it once everything this connection sent before
 * it is durable. Seqs are only meaningful per connection, so a drop turns an outstanding query
 * back into unconfirmed changes that are queried again after the next sync.
 *
 * Must be created after the provider, so the provider's `update` listener sends each change
 * before ours sends the query that covers it.
 */
export function trackSaves(provider: WebsocketProvider): SaveTracker {
  const { doc } = provider;
  let lastSentSeq = 0;
  let ackedSeq = 0;
  /** The seq whose echo confirms every local change sent so far. */
  let awaitedSeq = 0;
  /** A local change that no query sent on a live connection covers yet. */
  let uncovered = false;
  /** A connection attempt has ended, so "connecting" would no longer be the truth. */
  let attemptEnded = false;
  let closed: ClosedInfo | null = null;
  /** A local change not yet confirmed touched rich text (the minutes), not only maps. */
  let unsavedText = false;
  let dropped: SyncStatus['dropped'] = null;
  let status: SyncStatus = { save: 'connecting', closed: null, dropped: null };
  const listeners = new Set<() => void>();

  const hasUnsaved = () => uncovered || awaitedSeq > ackedSeq;

  const publish = () => {
    const unsaved = hasUnsaved() && dropped === null;
    if (!hasUnsaved()) unsavedText = false;
    let save: SaveState;
    if (dropped) save = 'saved';
    else if (!provider.wsconnected) {
      if (unsaved)
        save =
          closed?.code === CLOSE_CODES.UPDATE_TOO_LARGE ? 'refused-unsaved' : 'offline-unsaved';
      else save = attemptEnded ? 'offline' : 'connecting';
    } else if (unsaved) save = 'saving';
    else save = provider.synced ? 'saved' : 'connecting';
    if (save === status.save && closed === status.closed && dropped === status.dropped) return;
    status = { save, closed, dropped };
    listeners.forEach((listener) => listener());
  };

  const sendQuery = () => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    lastSentSeq += 1;
    ws.send(savedMessage(lastSentSeq));
    awaitedSeq = lastSentSeq;
    uncovered = false;
  };

  provider.messageHandlers[MESSAGE_TYPE.SAVED] = (_encoder, decoder) => {
    ackedSeq = Math.max(ackedSeq, decoding.readVarUint(decoder));
    publish();
  };

  // Changes made offline reach the server in our reply to its sync step 1, which the provider
  // sends right after this handler returns. The server may send that step 1 after its step 2
  // (which is what fires `sync`), so the query goes out after our reply, whatever the order.
  const syncHandler = provider.messageHandlers[MESSAGE_TYPE.SYNC];
  provider.messageHandlers[MESSAGE_TYPE.SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const fromServerStep1 = emitSynced && decoding.peekVarUint(decoder) === messageYjsSyncStep1;
    syncHandler?.(encoder, decoder, p, emitSynced, type);
    if (fromServerStep1 && hasUnsaved()) queueMicrotask(sendQuery);
  };

  const onTransaction = (transaction: Y.Transaction) => {
    if (!transaction.local || transaction.origin === provider) return;
    for (const type of transaction.changedParentTypes.keys()) {
      if (isText(type)) unsavedText = true;
    }
  };

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    uncovered = true;
    sendQuery();
    publish();
  };

  const onSync = (synced: boolean) => {
    if (synced && hasUnsaved()) sendQuery();
    publish();
  };

  // Fires on every close, including a first attempt that never connected.
  const onConnectionClose = (event: { code: number } | null) => {
    attemptEnded = true;
    if (event?.code === CLOSE_CODES.FAMILY_CLOSED) closed = { code: event.code };
    if (awaitedSeq > ackedSeq) uncovered = true;
    publish();
  };

  const onStatus = () => publish();

  const onClosed = (event: { code: number }) => {
    closed = { code: event.code };
    if (event.code === CLOSE_CODES.DISCUSSION_FINALISED && hasUnsaved()) {
      dropped = { text: unsavedText };
    }
    publish();
  };

  doc.on('afterTransaction', onTransaction);
  doc.on('update', onUpdate);
  provider.on('sync', onSync);
  provider.on('status', onStatus);
  provider.on('closed', onClosed);
  provider.on('connection-close', onConnectionClose);

  return {
    getStatus: () => status,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    destroy() {
      doc.off('afterTransaction', onTransaction);
      doc.off('update', onUpdate);
      provider.off('sync', onSync);
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      listeners.clear();
    },
  };
}

/** Whether a changed type lies in rich text (an XML fragment or text), however deep. */
function isText(type: unknown): boolean {
  let current: unknown = type;
  while (current instanceof Y.AbstractType) {
    if (current instanceof Y.XmlFragment || current instanceof Y.Text) return true;
    const item: Y.Item | null = current._item;
    current = item?.parent;
  }
  return false;
}
