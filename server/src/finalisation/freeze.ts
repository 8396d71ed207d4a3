import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { CLOSE_CODES, parseDocName } from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import { Refusal, type Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';

/** What the freeze needs of the Redis relay to tell the other processes (scale/redisRelay.ts). */
export interface FreezeBroadcaster {
  subscribeBroadcast(
    topic: string,
    listener: (payload: Uint8Array) => void,
  ): Promise<{ publish(payload: Uint8Array): void }>;
}

const BROADCAST_TOPIC = 'discussion-freeze';
/** First byte of a broadcast; the rest is the document name. */
const FREEZE_MESSAGE = { freeze: 0, thaw: 1 } as const;

/**
 * Keeps finalised discussions frozen: once a discussion is approved, the sync server refuses
 * every write to its document from any client, whatever the client's UI allowed ([R4]).
 *
 * The set of frozen names is filled when a discussion is finalised here and when a discussion
 * document loads (from the database), and never shrinks except when a finalisation fails before
 * it was recorded: so a room unloading and reloading while a finalisation is under way can never
 * slip back to writable. Checking is synchronous (a set lookup), so no update can land between
 * the decision and the room applying it.
 *
 * With several processes, a freeze (and the thaw of a failed finalisation) is broadcast over the
 * Redis relay, and every process adds the name to its own set on hearing it, whether or not it
 * holds the room: its writers are then refused with DISCUSSION_FINALISED exactly as here, and
 * an update relayed to a frozen room is dropped, since the process that accepted it had not
 * heard yet. The finalising process broadcasts when it freezes and again once the version is
 * recorded: a process that loads the room in between may have read "no version" from the
 * database, but it subscribed to the relay before that read, so it hears the second message.
 */
export class DiscussionFreeze {
  private readonly frozen = new Set<string>();
  private broadcast: { publish(payload: Uint8Array): void } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
    private readonly log: (message: string, error?: unknown) => void = () => undefined,
  ) {}

  /** Joins the other processes' freezes; resolves once every later broadcast is heard. */
  async shareThrough(broadcaster: FreezeBroadcaster): Promise<void> {
    this.broadcast = await broadcaster.subscribeBroadcast(BROADCAST_TOPIC, (payload) =>
      this.hear(payload),
    );
  }

  isFrozen(docName: string): boolean {
    return this.frozen.has(docName);
  }

  /**
   * From now on, writes to `docName` are refused here, and in every other process as soon as
   * it hears. Call before reading the state to keep.
   */
  freeze(docName: string): void {
    this.frozen.add(docName);
    this.announce(FREEZE_MESSAGE.freeze, docName);
  }

  /** Tells the other processes again, once the version is recorded (see the class comment). */
  announceRecorded(docName: string): void {
    this.announce(FREEZE_MESSAGE.freeze, docName);
  }

  /** Only for a finalisation that failed before anything was recorded. */
  thaw(docName: string): void {
    this.frozen.delete(docName);
    this.announce(FREEZE_MESSAGE.thaw, docName);
  }

  private announce(kind: number, docName: string): void {
    this.broadcast?.publish(new Uint8Array([kind, ...new TextEncoder().encode(docName)]));
  }

  private hear(payload: Uint8Array): void {
    const docName = new TextDecoder().decode(payload.subarray(1));
    if (parseDocName(docName)?.kind !== 'discussion') {
      this.log('ignoring a freeze broadcast that names no discussion');
      return;
    }
    if (payload[0] === FREEZE_MESSAGE.freeze) this.frozen.add(docName);
    else if (payload[0] === FREEZE_MESSAGE.thaw) this.frozen.delete(docName);
  }

  extension(): Extension {
    return {
      onLoad: async ({ docName }) => {
        const parsed = parseDocName(docName);
        if (parsed?.kind !== 'discussion') return;
        const version = await this.db
          .selectFrom('discussion_versions')
          .select('meeting_id')
          .where('meeting_id', '=', parsed.meetingId)
          .where('family_id', '=', parsed.familyId)
          .executeTakeFirst();
        if (version) this.freeze(docName);
      },
      onBeforeUpdate: ({ docName, doc, update, context }) => {
        if (!this.frozen.has(docName)) return undefined;
        // A reader reconnecting resends its whole delete set even when it changed nothing; only
        // an update that would change the document is a write.
        if (!changesDocument(doc, update)) return undefined;
        void this.audit.record({
          action: 'discussion.write-refused',
          actorUserId: context.user.id,
          target: docName,
          detail: { role: context.role, bytes: update.length },
        });
        return new Refusal(CLOSE_CODES.DISCUSSION_FINALISED, 'this discussion is finalised');
      },
      // Another process stored and relayed this before it heard of the freeze. Applying it here
      // would show it to this room's clients and put it in the state a finalisation here reads.
      dropsRelayedUpdate: ({ docName, doc, update }) =>
        this.frozen.has(docName) && changesDocument(doc, update),
    };
  }
}

/**
 * Whether applying `update` to `doc` would change it: new content, new deletions, or anything
 * left pending. Read from the update alone against the document's state vector and its items
 * ([T2]): the cost grows with the update, never with the document, so resending a no-op to a
 * large finalised discussion costs what the update costs (and is charged as any update is).
 */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  // Anything past what the document holds from its client: new content, or pending.
  if (structs.some((struct) => !(struct instanceof Y.Skip))) return true;
  for (const [client, ranges] of ds.clients) {
    const items = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      // Deleting what the document does not hold would wait as pending: a change.
      const last = items?.[items.length - 1];
      if (!items || !last || clock + len > last.id.clock + last.length) return true;
      for (let i = Y.findIndexSS(items, clock); i < items.length; i += 1) {
        const item = items[i]!;
        if (item.id.clock >= clock + len) break;
        if (!item.deleted) return true;
      }
    }
  }
  return false;
}
