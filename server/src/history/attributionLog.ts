import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { isTransactionOrigin } from '@unitroom/shared';
import type { ChangePayload, Extension } from '../collab/types.js';
import type { DocumentAppend, DocumentStore } from '../storage/documentStore.js';

/** How far back a document can be restored by default ([Y2]). */
export const HISTORY_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Appended history records of one room session before it prunes its document's history when it
 * unloads: pruning reads the whole history, so only a session that added a fair amount pays it
 * (and folds those many small entries into one).
 */
const PRUNE_AFTER_RECORDS = 500;

/** Where a document's history lives in the same store as the document ([Y1]). */
export const historyDocName = (docName: string): string => `history:${docName}`;

/**
 * One record of a document's history. An `update` is exactly what the room stored, with who
 * sent it; a `checkpoint` is the whole document as it stood when a room session first changed
 * it, so the state at any time after the oldest checkpoint can be rebuilt from the history
 * alone, whatever compaction did to the document's own log.
 */
export interface HistoryRecord {
  readonly kind: 'update' | 'checkpoint';
  /** Milliseconds since the epoch, when the server stored it. */
  readonly at: number;
  /** The member whose connection (or restore) wrote it; null for the server's own writes. */
  readonly userId: string | null;
  /** The connection it came through, or the restore that wrote it. */
  readonly via: string | null;
  /** The transaction origin's kind: `remote`, `restore`, `seed`, `migration`, `relay`... */
  readonly originKind: string;
  readonly data: Uint8Array;
}

const KIND_CODE = { update: 0, checkpoint: 1 } as const;

export function encodeRecords(records: readonly HistoryRecord[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const record of records) {
    encoding.writeVarUint(encoder, KIND_CODE[record.kind]);
    encoding.writeFloat64(encoder, record.at);
    encoding.writeVarString(encoder, record.userId ?? '');
    encoding.writeVarString(encoder, record.via ?? '');
    encoding.writeVarString(encoder, record.originKind);
    encoding.writeVarUint8Array(encoder, record.data);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeRecords(entry: Uint8Array): HistoryRecord[] {
  const decoder = decoding.createDecoder(entry);
  const records: HistoryRecord[] = [];
  while (decoding.hasContent(decoder)) {
    const kind = decoding.readVarUint(decoder) === KIND_CODE.checkpoint ? 'checkpoint' : 'update';
    const at = decoding.readFloat64(decoder);
    const userId = decoding.readVarString(decoder);
    const via = decoding.readVarString(decoder);
    const originKind = decoding.readVarString(decoder);
    const data = decoding.readVarUint8Array(decoder);
    records.push({ kind, at, userId: userId || null, via: via || null, originKind, data });
  }
  return records;
}

/** Who and what wrote an update, read from its transaction origin. */
export function attributionOf(
  origin: unknown,
): Pick<HistoryRecord, 'userId' | 'via' | 'originKind'> {
  if (!isTransactionOrigin(origin)) return { userId: null, via: null, originKind: 'unknown' };
  switch (origin.kind) {
    case 'remote':
      return { userId: origin.userId ?? null, via: origin.connectionId, originKind: 'remote' };
    case 'restore':
      return { userId: origin.userId, via: origin.restoreId, originKind: 'restore' };
    case 'user':
      return { userId: origin.userId, via: null, originKind: 'user' };
    default:
      return { userId: null, via: null, originKind: origin.kind };
  }
}

/**
 * The records to keep when pruning at `cutoff`: from the last checkpoint at or before it, so the
 * state at any time from the cutoff on can still be rebuilt; everything when there is none.
 */
export function keptAfterPruning(
  records: readonly HistoryRecord[],
  cutoff: number,
): readonly HistoryRecord[] {
  let from = 0;
  records.forEach((record, index) => {
    if (record.kind === 'checkpoint' && record.at <= cutoff) from = index;
  });
  return records.slice(from);
}

/**
 * Every stored update of a collaborative document, attributed (who, which connection, when),
 * kept beside the document in the same store and written in the same durable path: its
 * extension appends a room's batch to the history before the room fans it out ([Y1]). History
 * older than the window is pruned to the last checkpoint before it ([Y2]).
 */
export class AttributionLog {
  constructor(
    private readonly store: DocumentStore,
    readonly windowMs: number = HISTORY_WINDOW_MS,
    private readonly now: () => number = Date.now,
    private readonly log: (message: string, error?: unknown) => void = () => undefined,
  ) {}

  /** The document's history in the order it was stored, pruned first. */
  async read(docName: string): Promise<HistoryRecord[]> {
    await this.prune(docName);
    const stored = await this.store.load(historyDocName(docName));
    return stored.entries.flatMap((entry) => decodeRecords(entry));
  }

  /** The earliest time the document can be rebuilt at, or null without any checkpoint. */
  static earliest(records: readonly HistoryRecord[]): number | null {
    return records.find((record) => record.kind === 'checkpoint')?.at ?? null;
  }

  /** Drops what is older than the window (keeping one checkpoint) and folds the entries into one. */
  async prune(docName: string): Promise<void> {
    const name = historyDocName(docName);
    const stored = await this.store.load(name);
    if (stored.lastId === null) return;
    const cutoff = this.now() - this.windowMs;
    const records = stored.entries.flatMap((entry) => decodeRecords(entry));
    const kept = keptAfterPruning(records, cutoff);
    if (kept.length === records.length && stored.entries.length <= 1) return;
    await this.store.compact(name, stored.lastId, (replaced) =>
      // What another process appended meanwhile is in `replaced` too: pruned by the same rule.
      encodeRecords(
        keptAfterPruning(
          replaced.flatMap((entry) => decodeRecords(entry)),
          cutoff,
        ),
      ),
    );
  }

  /** Per loaded document: whether this session wrote its checkpoint, and records appended. */
  private readonly sessions = new Map<string, { checkpointed: boolean; appended: number }>();

  /**
   * The history entry of a room's batch, which the persistence extension appends in the same
   * write as the batch itself ([Y1]: one journal write and one sync with SQLite, one commit with
   * PostgreSQL); call `stored` once that write is durable.
   */
  entryFor({ docName, doc, updates, origins }: ChangePayload): {
    append: DocumentAppend;
    stored(): void;
  } {
    const session = this.sessions.get(docName) ?? { checkpointed: false, appended: 0 };
    const at = this.now();
    const records: HistoryRecord[] = [];
    if (!session.checkpointed) {
      // The document as it stands, these updates included: the state at `at`.
      records.push({
        kind: 'checkpoint',
        at,
        userId: null,
        via: null,
        originKind: 'checkpoint',
        data: Y.encodeStateAsUpdate(doc),
      });
    }
    updates.forEach((update, index) =>
      records.push({ kind: 'update', at, ...attributionOf(origins?.[index]), data: update }),
    );
    return {
      append: { name: historyDocName(docName), updates: [encodeRecords(records)] },
      stored: () => {
        session.checkpointed = true;
        session.appended += records.length;
        this.sessions.set(docName, session);
      },
    };
  }

  /** Session bookkeeping and pruning; the records themselves are written by `entryFor`'s caller. */
  extension(): Extension {
    const sessions = this.sessions;
    return {
      onLoad: async ({ docName }) => {
        sessions.set(docName, { checkpointed: false, appended: 0 });
      },
      onStore: async ({ docName, unloading }) => {
        const session = sessions.get(docName);
        if (!unloading || !session || session.appended < PRUNE_AFTER_RECORDS) return;
        session.appended = 0;
        await this.prune(docName).catch((error: unknown) =>
          this.log(`pruning the history of ${docName} failed`, error),
        );
      },
      onUnload: async ({ docName }) => {
        sessions.delete(docName);
      },
      counts: () => ({ 'history.documents': sessions.size }),
    };
  }
}
