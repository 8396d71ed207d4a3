import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  GENOGRAM_ROOTS,
  ID_PATTERN,
  SEED_ORIGIN,
  asFamilyId,
  asMeetingId,
  discussionDocName,
  markedChildren,
  parseDocName,
  readGenogram,
  type MarkedChild,
} from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { SyncServer } from '../collab/syncServer.js';
import type { Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';
import type { DocumentStore } from '../storage/documentStore.js';
import { loadMinutes } from '../domain/minutes.js';
import { isUniqueViolation, newId, yearOf } from './families.js';

/**
 * One truth for the children a unit works for ([F1]-[F4]): the genogram's marking. Whenever a
 * family document loads or changes so that the people marked as children the unit works for
 * differ, the server mirrors them into the `children` records with the fields a case note needs:
 * a newly marked person becomes a child of the family (and gets a section, live, in every
 * discussion of the family that can still change and is open in this process; others get it
 * when they next load), an unmarked one stays in the records as inactive, and nothing already
 * written is touched. Must come after persistence and migrations.
 */
export class ChildrenMirror {
  /** Per loaded family document: what was last mirrored, so unrelated edits cost no query. */
  private readonly mirrored = new Map<string, string>();
  /** Per family document: the mirror's work in order, one at a time. */
  private readonly queues = new Map<string, Promise<void>>();
  private sync: SyncServer | null = null;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      audit: AuditLog;
      log: (message: string, error?: unknown) => void;
      /**
       * Set when other processes serve the same documents (scale-out): a discussion not loaded
       * here may be open on one of them, so new sections are written to the store and announced.
       */
      sharedWith?: { documents: DocumentStore };
    },
  ) {}

  /** The sync server whose live discussions get new children's sections. */
  attach(sync: SyncServer): void {
    this.sync = sync;
  }

  /** Resolves once the mirror has caught up with every change it has seen of `familyId`. */
  async settled(familyId: string): Promise<void> {
    await this.queues.get(`family:${familyId}`);
  }

  readonly extension: Extension = {
    onLoad: async ({ docName, doc }) => {
      const familyId = familyOf(docName);
      if (!familyId) return;
      this.mirrored.set(docName, signature(doc));
      await this.enqueue(docName, familyId, doc);
    },
    onChange: async ({ docName, doc }) => {
      const familyId = familyOf(docName);
      if (!familyId) return;
      const now = signature(doc);
      if (this.mirrored.get(docName) === now) return;
      this.mirrored.set(docName, now);
      // Not awaited: the update is durable already, and its fan-out must not wait for records.
      void this.enqueue(docName, familyId, doc);
    },
    onUnload: async ({ docName }) => {
      this.mirrored.delete(docName);
      await this.queues.get(docName);
    },
    counts: () => ({ childrenMirror: this.mirrored.size }),
  };

  private enqueue(docName: string, familyId: string, doc: Y.Doc): Promise<void> {
    const marked = markedChildren(readGenogram(doc).people);
    const previous = this.queues.get(docName) ?? Promise.resolve();
    const next = previous
      .then(() => this.mirror(familyId, marked))
      .catch((error: unknown) =>
        this.options.log(`mirroring the children of ${docName} failed`, error),
      )
      .finally(() => {
        if (this.queues.get(docName) === next) this.queues.delete(docName);
      });
    this.queues.set(docName, next);
    return next;
  }

  /** Brings the records in line with the genogram; returns the children newly active. */
  private async mirror(familyId: string, marked: readonly MarkedChild[]): Promise<void> {
    const { db } = this.options;
    const now = new Date().toISOString();
    const family = await db
      .selectFrom('families')
      .select(['id', 'unit_id'])
      .where('id', '=', familyId)
      .executeTakeFirst();
    if (!family) return;
    const added: string[] = [];
    const refusedCaseIds: string[] = [];
    await db
      .transaction()
      .execute(async (tx) => {
        const rows = await tx
          .selectFrom('children')
          .selectAll()
          .where('family_id', '=', familyId)
          .execute();
        const byPerson = new Map(
          rows.flatMap((row) => (row.person_id ? [[row.person_id, row]] : [])),
        );
        // Records written before the mirror have no person: the marked person of the same name
        // takes them over, so their minutes and case notes stay theirs.
        const unlinked = rows.filter((row) => row.person_id === null);
        for (const child of marked) {
          let row = byPerson.get(child.personId);
          if (!row) {
            const index = unlinked.findIndex(
              (candidate) => candidate.name.toLowerCase() === child.name.toLowerCase(),
            );
            if (index >= 0) [row] = unlinked.splice(index, 1);
          }
          let caseRecordId = child.caseRecordId;
          if (caseRecordId) {
            const taken = await tx
              .selectFrom('children')
              .select('id')
              .where('case_record_id', '=', caseRecordId)
              .where('id', '!=', row?.id ?? '')
              .executeTakeFirst();
            if (taken) {
              // [F11] A case-record id belongs to one child; the genogram keeps what was typed,
              // the records keep the id they had.
              refusedCaseIds.push(caseRecordId);
              caseRecordId = row?.case_record_id ?? null;
            }
          }
          const fields = {
            person_id: child.personId,
            name: child.name,
            birth_date: child.birthDate,
            birth_year: yearOf(child.birthDate),
            unborn: child.unborn ? 1 : 0,
            case_record_id: caseRecordId,
          };
          if (row) {
            if (row.removed_at !== null) added.push(row.id);
            await tx
              .updateTable('children')
              .set({ ...fields, removed_at: null })
              .where('id', '=', row.id)
              .execute();
          } else {
            const id = await freeChildId(tx, child.personId);
            added.push(id);
            await tx
              .insertInto('children')
              .values({ id, family_id: familyId, ...fields, added_at: now, removed_at: null })
              .execute();
          }
        }
        const still = new Set(marked.map((child) => child.personId));
        const gone = rows.filter(
          (row) => row.person_id !== null && row.removed_at === null && !still.has(row.person_id),
        );
        if (gone.length > 0) {
          await tx
            .updateTable('children')
            .set({ removed_at: now })
            .where(
              'id',
              'in',
              gone.map((row) => row.id),
            )
            .execute();
        }
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          this.options.log(
            `children of family ${familyId}: a concurrent write won; retrying later`,
          );
          return;
        }
        throw error;
      });
    for (const caseId of refusedCaseIds) {
      await this.options.audit.record({
        action: 'child.case-record-id-refused',
        target: `family:${familyId}`,
        detail: { chars: caseId.length },
      });
    }
    if (added.length > 0) await this.addSections(familyId, family.unit_id, added);
  }

  /** [F4] A section for each new child in the family's live discussions that can still change. */
  private async addSections(familyId: string, unitId: string, childIds: string[]): Promise<void> {
    const sync = this.sync;
    if (!sync) return;
    const meetings = await openDiscussions(this.options.db, familyId, unitId);
    const ids = childIds.filter((childId) => ID_PATTERN.test(childId));
    if (meetings.length === 0) return;
    const { discussionCommands } = await loadMinutes();
    for (const meetingId of meetings) {
      const name = discussionDocName(asMeetingId(meetingId), asFamilyId(familyId));
      const here = await sync.changeLoaded(name, (doc) => {
        const commands = discussionCommands(doc, SEED_ORIGIN);
        for (const childId of ids) commands.addChildSection(childId);
      });
      if (here) continue;
      // [K2] Not loaded here, but perhaps open in a meeting room on another process, which
      // would otherwise see the sections only on its next load. The sections are written to
      // the stored minutes and announced to the processes holding them. Minutes never opened
      // (nothing stored) get every section from their template when first opened.
      const shared = this.options.sharedWith;
      if (!shared) continue;
      const update = await storedSectionsUpdate(shared.documents, name, ids);
      if (!update) continue;
      await shared.documents.append(name, [update]);
      sync.announceStored(name, update);
    }
  }
}

/**
 * The sections `childIds` lack in the discussion as stored, as one update; null when none lacks
 * one, or when nothing is stored yet.
 */
async function storedSectionsUpdate(
  documents: DocumentStore,
  name: string,
  childIds: readonly string[],
): Promise<Uint8Array | null> {
  const { entries } = await documents.load(name);
  if (entries.length === 0) return null;
  const { discussionCommands } = await loadMinutes();
  const scratch = new Y.Doc();
  try {
    for (const entry of entries) Y.applyUpdate(scratch, entry);
    const stateVector = Y.encodeStateVector(scratch);
    const commands = discussionCommands(scratch, SEED_ORIGIN);
    let changed = false;
    for (const childId of childIds) changed = commands.addChildSection(childId) || changed;
    return changed ? Y.encodeStateAsUpdate(scratch, stateVector) : null;
  } finally {
    scratch.destroy();
  }
}

/**
 * Meetings of the family's unit (`unitId`, or whichever it is now when null), not closed, with the
 * family on the agenda and its minutes not finalised: discussions a new child's section may join.
 * With `meetingId`, that one only.
 */
export async function openDiscussions(
  db: Kysely<Database>,
  familyId: string,
  unitId: string | null,
  meetingId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('families', 'families.id', 'agenda_items.family_id')
    .leftJoin('discussions', (join) =>
      join
        .onRef('discussions.meeting_id', '=', 'agenda_items.meeting_id')
        .onRef('discussions.family_id', '=', 'agenda_items.family_id'),
    )
    .select(['meetings.id', 'discussions.state'])
    .where('agenda_items.family_id', '=', familyId)
    .whereRef('meetings.unit_id', '=', 'families.unit_id')
    .where('families.status', '=', 'open')
    .where('meetings.closed_at', 'is', null);
  if (unitId !== null) query = query.where('meetings.unit_id', '=', unitId);
  if (meetingId !== undefined) query = query.where('meetings.id', '=', meetingId);
  const rows = await query.execute();
  return rows.filter((row) => row.state !== 'approved').map((row) => row.id);
}

/** The person's id when it is free as a child's id (so the client can match it live), else new. */
async function freeChildId(db: Kysely<Database>, personId: string): Promise<string> {
  if (!ID_PATTERN.test(personId)) return newId();
  const taken = await db
    .selectFrom('children')
    .select('id')
    .where('id', '=', personId)
    .executeTakeFirst();
  return taken ? newId() : personId;
}

function familyOf(docName: string): string | null {
  const parsed = parseDocName(docName);
  return parsed?.kind === 'family' ? parsed.id : null;
}

/**
 * What of the genogram the mirror depends on, read straight from the people root: a few fields
 * of the marked people, so an edit elsewhere in the family document costs one pass and no query.
 */
function signature(doc: Y.Doc): string {
  const parts: string[] = [];
  doc.getMap<unknown>(GENOGRAM_ROOTS.people).forEach((value, id) => {
    if (!(value instanceof Y.Map) || value.get('childOfConcern') !== true) return;
    parts.push(
      JSON.stringify([
        id,
        value.get('name'),
        value.get('birthDate'),
        value.get('pregnancy'),
        value.get('councilPersonId'),
        value.get('deceased'),
      ]),
    );
  });
  return parts.sort().join('\n');
}
