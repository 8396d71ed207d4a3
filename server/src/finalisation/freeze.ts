import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { CLOSE_CODES, parseDocName } from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import { Refusal, type Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';

/**
 * Keeps finalised discussions frozen: once a discussion is approved, the sync server refuses
 * every write to its document from any client, whatever the client's UI allowed ([R4]).
 *
 * The set of frozen names is filled when a discussion is finalised here and when a discussion
 * document loads (from the database), and never shrinks except when a finalisation fails before
 * it was recorded: so a room unloading and reloading while a finalisation is under way can never
 * slip back to writable. Checking is synchronous (a set lookup), so no update can land between
 * the decision and the room applying it.
 */
export class DiscussionFreeze {
  private readonly frozen = new Set<string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
  ) {}

  isFrozen(docName: string): boolean {
    return this.frozen.has(docName);
  }

  /** From now on, writes to `docName` are refused. Call before reading the state to keep. */
  freeze(docName: string): void {
    this.frozen.add(docName);
  }

  /** Only for a finalisation that failed before anything was recorded. */
  thaw(docName: string): void {
    this.frozen.delete(docName);
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
    };
  }
}

/**
 * Whether applying `update` to `doc` would change it: new content, new deletions, or anything
 * left pending. Tried on a copy, so the room's document is never touched; this runs only for
 * frozen documents, which are small and no longer edited.
 */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const before = Y.encodeStateAsUpdate(doc);
  const copy = new Y.Doc({ gc: doc.gc });
  try {
    Y.applyUpdate(copy, before);
    let changed = false;
    copy.on('update', () => {
      changed = true;
    });
    Y.applyUpdate(copy, update);
    if (changed) return true;
    // Structs waiting for missing predecessors raise no update event but would sit in the
    // room's document; count them as a change.
    return !equalBytes(Y.encodeStateAsUpdate(copy), before);
  } finally {
    copy.destroy();
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
