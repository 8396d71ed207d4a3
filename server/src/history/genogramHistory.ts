import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { asFamilyId, familyDocName } from '@unitroom/shared';
import type { SyncServer } from '../collab/syncServer.js';
import type { Database } from '../db/schema.js';
import type { DocumentStore } from '../storage/documentStore.js';

export interface GenogramSnapshotSummary {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  takenAt: string;
}

/**
 * Keeps the genogram as it stood at each meeting. The unit channel calls `snapshot` when the
 * chair moves on from a family and when a live meeting empties; the family page lists them.
 */
export class GenogramHistory {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly documents: DocumentStore,
    private readonly sync: SyncServer,
  ) {}

  /** `state`: the family document as already read by the caller, to save reading it twice. */
  async snapshot(familyId: string, meetingId: string, state?: Uint8Array): Promise<void> {
    state ??= await this.currentState(familyId);
    const row = {
      family_id: familyId,
      meeting_id: meetingId,
      taken_at: new Date().toISOString(),
      state,
    };
    await this.db
      .insertInto('genogram_snapshots')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .columns(['family_id', 'meeting_id'])
          .doUpdateSet({ taken_at: row.taken_at, state }),
      )
      .execute();
  }

  async list(familyId: string): Promise<GenogramSnapshotSummary[]> {
    const rows = await this.db
      .selectFrom('genogram_snapshots')
      .innerJoin('meetings', 'meetings.id', 'genogram_snapshots.meeting_id')
      .select([
        'genogram_snapshots.meeting_id',
        'genogram_snapshots.taken_at',
        'meetings.title',
        'meetings.date',
      ])
      .where('genogram_snapshots.family_id', '=', familyId)
      .orderBy('meetings.date', 'desc')
      .execute();
    return rows.map((row) => ({
      meetingId: row.meeting_id,
      meetingTitle: row.title,
      meetingDate: row.date,
      takenAt: row.taken_at,
    }));
  }

  async state(familyId: string, meetingId: string): Promise<Uint8Array | null> {
    const row = await this.db
      .selectFrom('genogram_snapshots')
      .select('state')
      .where('family_id', '=', familyId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    return row ? new Uint8Array(row.state) : null;
  }

  /** From the live room when one holds the document, else from the store's log. */
  private async currentState(familyId: string): Promise<Uint8Array> {
    const name = familyDocName(asFamilyId(familyId));
    const live = await this.sync.liveState(name);
    if (live) return live;
    const stored = await this.documents.load(name);
    const doc = new Y.Doc();
    for (const entry of stored.entries) Y.applyUpdate(doc, entry);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }
}
