import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  API_ERROR_CODES,
  asFamilyId,
  asMeetingId,
  canApprove,
  canMarkReady,
  discussionDocName,
  familyDocName,
  isReadOnlyRole,
  ID_PATTERN,
  readDiscussion,
  type Addendum,
  type DiscussionActivity,
  type DiscussionState,
  type DiscussionStatus,
  type FamilyDiscussions,
  type FinalisationSettings,
  type MeetingDiscussions,
  type Role,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AuditAction, AuditLog } from '../audit/auditLog.js';
import type { SyncServer } from '../collab/syncServer.js';
import type { Database } from '../db/schema.js';
import type { GenogramHistory } from '../history/genogramHistory.js';
import { DomainError } from '../domain/errors.js';
import type { DocumentStore } from '../storage/documentStore.js';
import type { DiscussionActivityLog } from './discussionActivity.js';
import type { HeavyWork } from '../export/heavyWork.js';
import type { DiscussionFreeze } from './freeze.js';
import { seenAtDiscussion } from './verifiedAttendance.js';
import type { DiscussionRecord, PersonRef, StoredContent } from './record.js';

/** Who is asking, as the REST layer knows them. */
export interface Actor {
  id: string;
  name: string;
  ip: string | null;
}

/** A discussion the actor may see, with what the rules need to know about it. */
interface DiscussionAccess {
  /** Held by the unit the family has since left: its record is read, never moved on. */
  historic: boolean;
  unitId: string;
  unitName: string;
  role: Role;
  meeting: { id: string; title: string; date: string };
  family: { id: string; name: string };
  docName: string;
}

const NOT_FOUND_MESSAGE = 'No such discussion in your units.';

function refuseIfHistoric(access: DiscussionAccess): void {
  if (access.historic) {
    throw new DomainError(
      'conflict',
      API_ERROR_CODES.CONFLICT,
      'This discussion was held by the unit the family has left; its record can only be read.',
    );
  }
}

/** The children these minutes have a section for. */
function writtenChildIds(discussionState: Uint8Array): Set<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, discussionState);
  const ids = new Set(readDiscussion(doc).children.map((child) => child.childId as string));
  doc.destroy();
  return ids;
}

/**
 * The way from draft minutes to the record ([R1]-[R9]): the coordinator marks a discussion ready,
 * the consultant approves (or `ready` finalises at once when the unit switched approval off), and
 * finalising freezes the discussion document, keeps an immutable version with its content hash,
 * and accepts corrections only as addenda. Every step is audited.
 */
export class Finalisation {
  constructor(
    private readonly options: {
      db: Kysely<Database>;
      sync: SyncServer;
      documents: DocumentStore;
      freeze: DiscussionFreeze;
      audit: AuditLog;
      history: GenogramHistory;
      /** Builds the record off the event loop ([T4]). */
      heavy: HeavyWork;
      log: (message: string, error?: unknown) => void;
      /** What the prompts know of the discussion beyond its minutes ([C2], [C6]). */
      activity?: DiscussionActivityLog;
    },
  ) {}

  /** [C2][C6] The genogram and board activity of a discussion, for the prompts panel. */
  async activity(
    actor: Actor,
    meetingId: string,
    familyId: string,
  ): Promise<Pick<DiscussionActivity, 'genogramUsed' | 'boardContributors'>> {
    await this.access(actor, meetingId, familyId);
    return (
      (await this.options.activity?.read(meetingId, familyId)) ?? {
        genogramUsed: false,
        boardContributors: [],
      }
    );
  }

  private readonly finalisedListeners: Array<
    (stored: StoredContent, discussion: { meetingId: string; familyId: string }) => void
  > = [];

  /** Called after each finalisation is recorded (exports warm their pictures here). */
  onFinalised(
    listener: (stored: StoredContent, discussion: { meetingId: string; familyId: string }) => void,
  ): void {
    this.finalisedListeners.push(listener);
  }

  private readonly statusListeners: Array<
    (discussion: { meetingId: string; familyId: string; state: DiscussionState }) => void
  > = [];

  /** Called after a discussion is marked ready or returned to draft ([W11]). */
  onStatusChanged(
    listener: (discussion: { meetingId: string; familyId: string; state: DiscussionState }) => void,
  ): void {
    this.statusListeners.push(listener);
  }

  private statusChanged(meetingId: string, familyId: string, state: DiscussionState): void {
    for (const listener of this.statusListeners) {
      try {
        listener({ meetingId, familyId, state });
      } catch (error) {
        this.options.log('a discussion status listener failed', error);
      }
    }
  }

  private get db(): Kysely<Database> {
    return this.options.db;
  }

  async meetingDiscussions(actor: Actor, meetingId: string): Promise<MeetingDiscussions> {
    const meeting = ID_PATTERN.test(meetingId)
      ? await this.db
          .selectFrom('meetings')
          .select(['id', 'unit_id'])
          .where('id', '=', meetingId)
          .executeTakeFirst()
      : undefined;
    if (!meeting || !(await activeMembership(this.db, actor.id, meeting.unit_id))) {
      throw new DomainError(
        'not_found',
        API_ERROR_CODES.NOT_FOUND,
        'No such meeting in your units.',
      );
    }
    const agenda = await this.db
      .selectFrom('agenda_items')
      .select('family_id')
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute();
    const discussions: DiscussionStatus[] = [];
    for (const item of agenda) {
      discussions.push(await this.status(actor, meetingId, item.family_id));
    }
    return { meetingId, discussions };
  }

  async familyDiscussions(actor: Actor, familyId: string): Promise<FamilyDiscussions> {
    const family = ID_PATTERN.test(familyId)
      ? await this.db
          .selectFrom('families')
          .select('unit_id')
          .where('id', '=', familyId)
          .executeTakeFirst()
      : undefined;
    if (!family || !(await activeMembership(this.db, actor.id, family.unit_id))) {
      throw new DomainError(
        'not_found',
        API_ERROR_CODES.NOT_FOUND,
        'No such family in your units.',
      );
    }
    const meetings = await this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select('meetings.id')
      .where('agenda_items.family_id', '=', familyId)
      .orderBy('meetings.date', 'desc')
      .orderBy('meetings.id')
      .execute();
    const discussions: DiscussionStatus[] = [];
    for (const meeting of meetings) {
      discussions.push(await this.status(actor, meeting.id, familyId));
    }
    return { familyId, discussions };
  }

  async status(actor: Actor, meetingId: string, familyId: string): Promise<DiscussionStatus> {
    const access = await this.access(actor, meetingId, familyId);
    return this.statusOf(access);
  }

  /** [R1] draft -> ready, by the coordinator (or the consultant); finalises when approval is off. */
  async markReady(actor: Actor, meetingId: string, familyId: string): Promise<DiscussionStatus> {
    const access = await this.accessToStep(
      actor,
      meetingId,
      familyId,
      canMarkReady,
      'Only the unit coordinator or the consultant can mark minutes ready.',
    );
    const state = await this.stateOf(meetingId, familyId);
    if (state !== 'draft') throw conflict(state, 'marked ready');
    const now = new Date().toISOString();
    await this.db
      .insertInto('discussions')
      .values({
        meeting_id: meetingId,
        family_id: familyId,
        state: 'ready',
        ready_at: now,
        ready_by: actor.id,
        updated_at: now,
      })
      .onConflict((c) =>
        c
          .columns(['meeting_id', 'family_id'])
          .doUpdateSet({ state: 'ready', ready_at: now, ready_by: actor.id, updated_at: now })
          .where('discussions.state', '=', 'draft'),
      )
      .execute();
    await this.audit(actor, 'discussion.ready', access, {});
    if (!(await this.approvalRequired(access.unitId))) {
      await this.finalise(actor, access, null);
    }
    const status = await this.statusOf(access);
    this.statusChanged(meetingId, familyId, status.state);
    return status;
  }

  /** [R2] ready -> draft: someone spotted a gap before approval. */
  async reopen(actor: Actor, meetingId: string, familyId: string): Promise<DiscussionStatus> {
    const access = await this.accessToStep(
      actor,
      meetingId,
      familyId,
      canMarkReady,
      'Only the unit coordinator or the consultant can return minutes to draft.',
    );
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('discussions')
      .set({ state: 'draft', updated_at: now })
      .where('meeting_id', '=', meetingId)
      .where('family_id', '=', familyId)
      .where('state', '=', 'ready')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw conflict(await this.stateOf(meetingId, familyId), 'returned to draft');
    }
    await this.audit(actor, 'discussion.reopened', access, {});
    this.statusChanged(meetingId, familyId, 'draft');
    return this.statusOf(access);
  }

  /** [R3] ready -> approved, by the consultant; freezes and records the discussion. */
  async approve(actor: Actor, meetingId: string, familyId: string): Promise<DiscussionStatus> {
    const access = await this.accessToStep(
      actor,
      meetingId,
      familyId,
      canApprove,
      'Only the consultant social worker can approve minutes.',
    );
    const state = await this.stateOf(meetingId, familyId);
    if (state !== 'ready') throw conflict(state, 'approved');
    await this.finalise(actor, access, { id: actor.id, name: actor.name });
    return this.statusOf(access);
  }

  /** [R7] A correction to a finalised discussion, dated and authored; never an edit. */
  async addAddendum(
    actor: Actor,
    meetingId: string,
    familyId: string,
    text: string,
  ): Promise<DiscussionStatus> {
    const access = await this.access(actor, meetingId, familyId);
    if (isReadOnlyRole(access.role)) {
      throw new DomainError(
        'forbidden',
        API_ERROR_CODES.FORBIDDEN,
        'Your role reads minutes only.',
      );
    }
    if ((await this.stateOf(meetingId, familyId)) !== 'approved') {
      throw new DomainError(
        'conflict',
        API_ERROR_CODES.CONFLICT,
        'Addenda are for finalised minutes; while in draft, edit the minutes themselves.',
      );
    }
    const inserted = await this.db
      .insertInto('discussion_addenda')
      .values({
        meeting_id: meetingId,
        family_id: familyId,
        author_user_id: actor.id,
        created_at: new Date().toISOString(),
        text,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit(actor, 'discussion.addendum', access, {
      addendumId: inserted.id,
      chars: text.length,
    });
    return this.statusOf(access);
  }

  /**
   * The stored record of a finalised discussion, for exports: its canonical JSON as stored (the
   * export worker parses it, so a large record is never parsed on the event loop).
   */
  async finalisedContent(
    actor: Actor,
    meetingId: string,
    familyId: string,
  ): Promise<StoredContent | null> {
    await this.access(actor, meetingId, familyId);
    return this.storedContent(meetingId, familyId);
  }

  async storedContent(meetingId: string, familyId: string): Promise<StoredContent | null> {
    const row = await this.db
      .selectFrom('discussion_versions')
      .select(['content', 'content_hash'])
      .where('meeting_id', '=', meetingId)
      .where('family_id', '=', familyId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      content: row.content,
      contentHash: row.content_hash,
      addenda: await this.addenda(meetingId, familyId),
    };
  }

  async settings(actor: Actor, unitId: string): Promise<FinalisationSettings> {
    if (!ID_PATTERN.test(unitId) || !(await activeMembership(this.db, actor.id, unitId))) {
      throw new DomainError('not_found', API_ERROR_CODES.NOT_FOUND, 'No such unit.');
    }
    return { approvalRequired: await this.approvalRequired(unitId) };
  }

  /** [R8] Approval can be switched off per unit, by its consultant. */
  async changeSettings(
    actor: Actor,
    unitId: string,
    settings: FinalisationSettings,
  ): Promise<FinalisationSettings> {
    const membership = ID_PATTERN.test(unitId)
      ? await activeMembership(this.db, actor.id, unitId)
      : undefined;
    if (!membership) throw new DomainError('not_found', API_ERROR_CODES.NOT_FOUND, 'No such unit.');
    if (!canApprove(membership.role)) {
      throw new DomainError(
        'forbidden',
        API_ERROR_CODES.FORBIDDEN,
        'Only the consultant social worker can change how minutes are approved.',
      );
    }
    const now = new Date().toISOString();
    const value = settings.approvalRequired ? 1 : 0;
    await this.db
      .insertInto('unit_settings')
      .values({ unit_id: unitId, approval_required: value, updated_at: now })
      .onConflict((c) =>
        c.column('unit_id').doUpdateSet({ approval_required: value, updated_at: now }),
      )
      .execute();
    await this.options.audit.record({
      action: 'unit.settings-changed',
      actorUserId: actor.id,
      target: `unit:${unitId}`,
      detail: { approvalRequired: settings.approvalRequired },
      ip: actor.ip,
    });
    return { approvalRequired: settings.approvalRequired };
  }

  /**
   * Freezes the document first, so nothing can change between the state read here and the
   * version stored; then reads both documents (live rooms wait until what they applied is
   * durable), builds the record and stores it with the state change in one transaction.
   *
   * With several processes, another one may accept and store a write just before it hears of
   * the freeze (or while its message is on the way). That write cannot change the version: the
   * version is built from the bytes read here once, after freezing, and the row is never
   * updated. Those bytes come from this process's room, which stops taking relayed updates the
   * moment it is frozen (DiscussionFreeze drops them), or, when no room is open here, from the
   * store as it stood at the read. So such a late write is either in the version (it reached
   * this process first) or in neither the version nor any client of this process; it may stay
   * in the stored document like any edit refused a moment later would have, and the version,
   * with its hash, is the record.
   */
  private async finalise(
    actor: Actor,
    access: DiscussionAccess,
    approvedBy: PersonRef | null,
  ): Promise<void> {
    const { db, freeze } = this.options;
    const meetingId = access.meeting.id;
    const familyId = access.family.id;
    freeze.freeze(access.docName);
    let familyState: Uint8Array;
    try {
      const discussionState = await this.currentState(access.docName);
      familyState = await this.currentState(familyDocName(asFamilyId(familyId)));
      const finalisedAt = new Date().toISOString();
      const built = await this.options.heavy.buildRecord({
        unit: { id: access.unitId, name: access.unitName },
        meeting: access.meeting,
        family: access.family,
        children: await this.children(familyId, discussionState),
        recordedBy: await this.recordedBy(meetingId, familyId),
        members: await this.members(access.unitId),
        seenAttendees: await seenAtDiscussion(db, access.unitId, meetingId, familyId),
        discussionState,
        familyState,
        activity: await this.options.activity?.read(meetingId, familyId),
        finalisedAt,
        finalisedBy: { id: actor.id, name: actor.name },
        approvedBy,
      });
      await db.transaction().execute(async (tx) => {
        const moved = await tx
          .updateTable('discussions')
          .set({ state: 'approved', updated_at: finalisedAt })
          .where('meeting_id', '=', meetingId)
          .where('family_id', '=', familyId)
          .where('state', '=', 'ready')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw conflict('approved', 'approved');
        await tx
          .insertInto('discussion_versions')
          .values({
            meeting_id: meetingId,
            family_id: familyId,
            finalised_at: finalisedAt,
            finalised_by: actor.id,
            approved_by: approvedBy?.id ?? null,
            discussion_state: discussionState,
            family_state: familyState,
            content: built.content,
            content_hash: built.contentHash,
          })
          .execute();
      });
      freeze.announceRecorded(access.docName);
      await this.audit(actor, approvedBy ? 'discussion.approved' : 'discussion.finalised', access, {
        contentHash: built.contentHash,
        approvalRequired: approvedBy !== null,
      });
      for (const listener of this.finalisedListeners) {
        listener(
          { content: built.content, contentHash: built.contentHash, addenda: [] },
          { meetingId, familyId },
        );
      }
    } catch (error) {
      // Thaw only if nothing was recorded: a concurrent approval that won keeps it frozen.
      if ((await this.stateOf(meetingId, familyId).catch(() => null)) !== 'approved') {
        freeze.thaw(access.docName);
      }
      throw error;
    }
    // The family page's history shows the genogram as it stood for this meeting too.
    await this.options.history.snapshot(familyId, meetingId, familyState).catch((error: unknown) =>
      // A convenience copy; the version above holds the genogram that counts.
      this.options.log(`genogram snapshot after finalising ${access.docName} failed`, error),
    );
  }

  /**
   * The access for a step of the discussion's life ([R1]-[R3]): refused on a historic discussion,
   * and with `refusal` unless the actor's role `may` take the step.
   */
  private async accessToStep(
    actor: Actor,
    meetingId: string,
    familyId: string,
    may: (role: DiscussionAccess['role']) => boolean,
    refusal: string,
  ): Promise<DiscussionAccess> {
    const access = await this.access(actor, meetingId, familyId);
    refuseIfHistoric(access);
    if (!may(access.role)) throw new DomainError('forbidden', API_ERROR_CODES.FORBIDDEN, refusal);
    return access;
  }

  private async access(
    actor: Actor,
    meetingId: string,
    familyId: string,
  ): Promise<DiscussionAccess> {
    if (!ID_PATTERN.test(meetingId) || !ID_PATTERN.test(familyId)) {
      throw new DomainError('not_found', API_ERROR_CODES.NOT_FOUND, NOT_FOUND_MESSAGE);
    }
    const row = await this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .innerJoin('families', 'families.id', 'agenda_items.family_id')
      .innerJoin('units', 'units.id', 'meetings.unit_id')
      .select([
        'meetings.unit_id',
        'units.name as unit_name',
        'meetings.title',
        'meetings.date',
        'families.name as family_name',
        'families.unit_id as family_unit_id',
      ])
      .where('agenda_items.meeting_id', '=', meetingId)
      .where('agenda_items.family_id', '=', familyId)
      .executeTakeFirst();
    // A family's records belong to its current unit ([F7]): after a transfer the receiving unit
    // reads them and may add addenda; the sending unit sees nothing.
    const membership = row
      ? await activeMembership(this.db, actor.id, row.family_unit_id)
      : undefined;
    if (!row || !membership) {
      throw new DomainError('not_found', API_ERROR_CODES.NOT_FOUND, NOT_FOUND_MESSAGE);
    }
    const historic = row.family_unit_id !== row.unit_id;
    return {
      historic,
      unitId: row.unit_id,
      unitName: row.unit_name,
      role: membership.role,
      meeting: { id: meetingId, title: row.title, date: row.date },
      family: { id: familyId, name: row.family_name },
      docName: discussionDocName(asMeetingId(meetingId), asFamilyId(familyId)),
    };
  }

  private async stateOf(meetingId: string, familyId: string): Promise<DiscussionState> {
    const row = await this.db
      .selectFrom('discussions')
      .select('state')
      .where('meeting_id', '=', meetingId)
      .where('family_id', '=', familyId)
      .executeTakeFirst();
    return row?.state ?? 'draft';
  }

  private async approvalRequired(unitId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('unit_settings')
      .select('approval_required')
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    return row ? row.approval_required === 1 : true;
  }

  /**
   * The children a finalised record names ([F5]): those the unit works for now, and any child
   * no longer marked whom these minutes still write about, with what a case note needs.
   */
  private async children(
    familyId: string,
    discussionState: Uint8Array,
  ): Promise<DiscussionRecord['children']> {
    const rows = await this.db
      .selectFrom('children')
      .select(['id', 'name', 'birth_year', 'birth_date', 'unborn', 'case_record_id', 'removed_at'])
      .where('family_id', '=', familyId)
      .orderBy('birth_year')
      .orderBy('id')
      .execute();
    const written = writtenChildIds(discussionState);
    return rows
      .filter((row) => row.removed_at === null || written.has(row.id))
      .map((row) => ({
        id: row.id,
        name: row.name,
        birthYear: row.birth_year,
        birthDate: row.birth_date,
        unborn: row.unborn === 1,
        caseRecordId: row.case_record_id,
      }));
  }

  /** Who marked the minutes ready: the person who recorded them. */
  private async recordedBy(meetingId: string, familyId: string): Promise<PersonRef | null> {
    const row = await this.db
      .selectFrom('discussions')
      .innerJoin('users', 'users.id', 'discussions.ready_by')
      .select(['users.id', 'users.name'])
      .where('discussions.meeting_id', '=', meetingId)
      .where('discussions.family_id', '=', familyId)
      .executeTakeFirst();
    return row ?? null;
  }

  private async members(unitId: string): Promise<PersonRef[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name'])
      .where('memberships.unit_id', '=', unitId)
      .orderBy('users.id')
      .execute();
  }

  private async addenda(meetingId: string, familyId: string): Promise<Addendum[]> {
    const rows = await this.db
      .selectFrom('discussion_addenda')
      .innerJoin('users', 'users.id', 'discussion_addenda.author_user_id')
      .select([
        'discussion_addenda.id',
        'discussion_addenda.created_at',
        'discussion_addenda.text',
        'users.id as author_id',
        'users.name as author_name',
      ])
      .where('discussion_addenda.meeting_id', '=', meetingId)
      .where('discussion_addenda.family_id', '=', familyId)
      .orderBy('discussion_addenda.id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.created_at,
      author: { id: row.author_id, name: row.author_name },
      text: row.text,
    }));
  }

  private async statusOf(access: DiscussionAccess): Promise<DiscussionStatus> {
    const meetingId = access.meeting.id;
    const familyId = access.family.id;
    const discussion = await this.db
      .selectFrom('discussions')
      .leftJoin('users', 'users.id', 'discussions.ready_by')
      .select(['discussions.state', 'discussions.ready_at', 'users.id', 'users.name'])
      .where('discussions.meeting_id', '=', meetingId)
      .where('discussions.family_id', '=', familyId)
      .executeTakeFirst();
    const version = await this.db
      .selectFrom('discussion_versions')
      .leftJoin('users', 'users.id', 'discussion_versions.approved_by')
      .select([
        'discussion_versions.finalised_at',
        'discussion_versions.content_hash',
        'users.id',
        'users.name',
      ])
      .where('discussion_versions.meeting_id', '=', meetingId)
      .where('discussion_versions.family_id', '=', familyId)
      .executeTakeFirst();
    return {
      meetingId,
      meetingTitle: access.meeting.title,
      meetingDate: access.meeting.date,
      familyId,
      familyName: access.family.name,
      state: discussion?.state ?? 'draft',
      approvalRequired: await this.approvalRequired(access.unitId),
      readyAt: discussion?.ready_at ?? null,
      readyBy:
        discussion?.id && discussion.name ? { id: discussion.id, name: discussion.name } : null,
      finalisedAt: version?.finalised_at ?? null,
      approvedBy: version?.id && version.name ? { id: version.id, name: version.name } : null,
      contentHash: version?.content_hash ?? null,
      addenda: version ? await this.addenda(meetingId, familyId) : [],
    };
  }

  /** From the live room when one holds the document, else from the store. */
  private async currentState(docName: string): Promise<Uint8Array> {
    const live = await this.options.sync.liveState(docName);
    if (live) return live;
    const stored = await this.options.documents.load(docName);
    // Merged in the worker: a large family's stored history is not replayed on the event loop.
    return this.options.heavy.stateOf(stored.entries);
  }

  private async audit(
    actor: Actor,
    action: Extract<AuditAction, `discussion.${string}`>,
    access: DiscussionAccess,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.options.audit.record({
      action,
      actorUserId: actor.id,
      target: access.docName,
      detail: { role: access.role, ...detail },
      ip: actor.ip,
    });
  }
}

function conflict(state: DiscussionState | 'approved', wanted: string): DomainError {
  const why =
    state === 'approved'
      ? 'These minutes are already finalised; add an addendum to correct them.'
      : state === 'ready'
        ? 'These minutes are already marked ready.'
        : 'These minutes are still a draft; they must be marked ready first.';
  return new DomainError('conflict', API_ERROR_CODES.CONFLICT, `They cannot be ${wanted}. ${why}`);
}
