import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  API_ERROR_CODES,
  MAX_FAMILY_NAME_CHARS,
  SEED_ORIGIN,
  asFamilyId,
  asMeetingId,
  canChangeFamilyLifecycle,
  canOpenFamily,
  discussionDocName,
  familyDocName,
  genogramCommands,
  isFutureDate,
  meetingDocName,
  migrateDocument,
  readBoard,
  readGenogram,
  safeLine,
  safeText,
  type FamilyChild,
  type FamilyDetail,
  type FamilyOpenItems,
  type MemberRole,
  type OpenFamilyRequest,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { SyncServer } from '../collab/syncServer.js';
import type { Database } from '../db/schema.js';
import { DomainError, type DomainErrorKind } from '../domain/errors.js';
import type { OpenItems } from '../meetings/openItems.js';
import type { DocumentStore } from '../storage/documentStore.js';

/** Who is asking, as the REST layer knows them. */
export interface FamilyActor {
  id: string;
  name: string;
  ip: string | null;
}

export type FamilyRefusalKind = Exclude<DomainErrorKind, 'gone'>;

/**
 * A refused family operation: a stable code from `API_ERROR_CODES` and a sentence for people.
 * Thrown before anything is written, so a refusal changes nothing ([F11]).
 */
export class FamilyRefusal extends DomainError {
  constructor(kind: FamilyRefusalKind, code: string, message: string) {
    super(kind, code, message);
    this.name = 'FamilyRefusal';
  }
}

const NOT_FOUND = () =>
  new FamilyRefusal('not_found', API_ERROR_CODES.NOT_FOUND, 'No such family in your units.');

/** What closing shows first ([F8]): what is still open. */
export interface ClosingCheck {
  actions: FamilyOpenItems['actions'];
  /** Planned conversations whose outcome nobody has recorded yet. */
  conversations: Array<{ id: string; purpose: string; by: string | null }>;
}

export const newId = (): string => randomUUID().replaceAll('-', '').slice(0, 20);

/** `YYYY-MM-DD` in local time: a meeting's date is the unit's calendar day. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A family's lifecycle ([F6]-[F10]): opened with its children on the genogram, transferred to
 * another unit with all its history, closed with a summary, reopened; never deleted. Every step
 * is audited. Raises `FamilyRefusal`, never HTTP errors.
 */
export class Families {
  constructor(
    private readonly options: {
      db: Kysely<Database>;
      documents: DocumentStore;
      sync: SyncServer;
      audit: AuditLog;
      revocations: AccessRevocations;
      openItems: OpenItems;
      now?: () => Date;
    },
  ) {}

  private get db(): Kysely<Database> {
    return this.options.db;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** [F6] A member who may write opens a family with its children on the genogram. */
  async open(actor: FamilyActor, unitId: string, request: OpenFamilyRequest): Promise<string> {
    const membership = await activeMembership(this.db, actor.id, unitId);
    if (!membership) {
      throw new FamilyRefusal('not_found', API_ERROR_CODES.NOT_FOUND, 'No such unit.');
    }
    if (!canOpenFamily(membership.role)) {
      throw new FamilyRefusal(
        'forbidden',
        API_ERROR_CODES.FORBIDDEN,
        'Your role reads the unit’s families only; ask a colleague to open this family.',
      );
    }
    const name = safeLine(request.name).trim();
    if (name.length === 0 || name.length > MAX_FAMILY_NAME_CHARS) {
      throw new FamilyRefusal(
        'invalid',
        API_ERROR_CODES.FAMILY_NAME_INVALID,
        `Give the family a name of 1 to ${MAX_FAMILY_NAME_CHARS} characters.`,
      );
    }
    const today = this.now();
    const children = request.children.map((child, index) => {
      const childName = safeLine(child.name).trim();
      if (!childName) {
        throw new FamilyRefusal(
          'invalid',
          API_ERROR_CODES.CHILD_INVALID,
          `Child ${index + 1}: give a name.`,
        );
      }
      const birthDate = child.birthDate ?? null;
      const unborn = child.unborn === true;
      if (birthDate && !unborn && isFutureDate(birthDate, today)) {
        throw new FamilyRefusal(
          'invalid',
          API_ERROR_CODES.BIRTH_DATE_IN_FUTURE,
          `Child ${index + 1} (${childName}): the date of birth is in the future. For an unborn baby, tick “unborn” and give the expected date.`,
        );
      }
      return {
        id: newId(),
        name: childName,
        birthDate,
        unborn,
        caseRecordId: child.caseRecordId?.trim() || null,
      };
    });
    const caseIds = children.flatMap((child) => (child.caseRecordId ? [child.caseRecordId] : []));
    if (new Set(caseIds).size !== caseIds.length) {
      throw caseRecordTaken('The same case record id is given for two children.');
    }
    await this.refuseTakenCaseRecordIds(caseIds, null);
    const leadWorkerId = request.leadWorkerId ?? null;
    if (leadWorkerId && !(await activeMembership(this.db, leadWorkerId, unitId))) {
      throw new FamilyRefusal(
        'invalid',
        API_ERROR_CODES.LEAD_WORKER_NOT_MEMBER,
        'The lead worker must be a member of this unit.',
      );
    }

    const familyId = newId();
    // The genogram first: a document nobody can reach yet is harmless if the rest fails, and
    // the mirror never sees a family whose children are not on its genogram.
    await this.options.documents.append(familyDocName(asFamilyId(familyId)), [
      openingGenogram(children),
    ]);
    const at = today.toISOString();
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('families')
          .values({
            id: familyId,
            unit_id: unitId,
            name,
            created_at: at,
            lead_worker_id: leadWorkerId,
            closed_at: null,
            closing_summary: null,
          })
          .execute();
        for (const child of children) {
          await tx
            .insertInto('children')
            .values({
              id: child.id,
              family_id: familyId,
              person_id: child.id,
              name: child.name,
              birth_year: yearOf(child.birthDate),
              birth_date: child.birthDate,
              unborn: child.unborn ? 1 : 0,
              case_record_id: child.caseRecordId,
              added_at: at,
              removed_at: null,
            })
            .execute();
        }
      });
    } catch (error) {
      // Two families opened at once with the same case record id: the index decides.
      if (isUniqueViolation(error)) {
        throw caseRecordTaken('A child with that case record id is already in Unitroom.');
      }
      throw error;
    }
    await this.options.audit.record({
      action: 'family.opened',
      actorUserId: actor.id,
      target: `family:${familyId}`,
      detail: { unitId, children: children.length, leadWorkerId },
      ip: actor.ip,
    });
    return familyId;
  }

  async detail(actor: FamilyActor, familyId: string): Promise<FamilyDetail> {
    const { family, role } = await this.memberFamily(actor, familyId);
    const children = await this.children(familyId);
    const lead = family.lead_worker_id
      ? await this.db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', '=', family.lead_worker_id)
          .executeTakeFirst()
      : undefined;
    const lifecycle = canChangeFamilyLifecycle(role);
    const open = family.status === 'open';
    return {
      id: family.id,
      unitId: family.unit_id,
      name: family.name,
      docName: familyDocName(asFamilyId(family.id)),
      status: family.status,
      leadWorker: lead ?? null,
      closedAt: family.closed_at,
      closingSummary: family.closing_summary,
      children,
      can: { transfer: lifecycle && open, close: lifecycle && open, reopen: lifecycle && !open },
      transferTargets: lifecycle ? await this.transferTargets(family.unit_id) : [],
    };
  }

  /** The unit's children of a family, active first, as its records hold them ([F2]). */
  async children(familyId: string): Promise<FamilyChild[]> {
    const rows = await this.db
      .selectFrom('children')
      .selectAll()
      .where('family_id', '=', familyId)
      .orderBy('birth_year')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows
      .map((row) => ({
        id: row.id,
        personId: row.person_id,
        name: row.name,
        birthDate: row.birth_date ?? (row.birth_year === null ? null : String(row.birth_year)),
        unborn: row.unborn === 1,
        caseRecordId: row.case_record_id,
        active: row.removed_at === null,
      }))
      .sort((a, b) => Number(b.active) - Number(a.active));
  }

  /** [F8] What closing shows first: open actions and planned conversations not yet reviewed. */
  async closingCheck(actor: FamilyActor, familyId: string): Promise<ClosingCheck> {
    await this.memberFamily(actor, familyId);
    const open = await this.options.openItems.forFamily(familyId);
    const doc = await this.loadFamilyDocument(familyId);
    try {
      const board = readBoard(doc, readGenogram(doc));
      return {
        actions: open.actions,
        conversations: board.conversations
          .filter((conversation) => conversation.happened === null)
          .map((conversation) => ({
            id: conversation.id,
            purpose: conversation.purpose,
            by: conversation.by,
          })),
      };
    } finally {
      doc.destroy();
    }
  }

  /**
   * [F7] Moves the family, with all its history, to another unit: the receiving unit sees
   * everything, the sending unit nothing (its open sockets on the family's documents close).
   */
  async transfer(actor: FamilyActor, familyId: string, toUnitId: string): Promise<void> {
    const { family } = await this.lifecycleFamily(actor, familyId);
    if (family.status !== 'open') throw familyClosed();
    if (toUnitId === family.unit_id) {
      throw new FamilyRefusal(
        'invalid',
        API_ERROR_CODES.BAD_REQUEST,
        'The family is already in that unit.',
      );
    }
    const target = await this.unitIfActive(toUnitId);
    if (!target) {
      throw new FamilyRefusal(
        'invalid',
        API_ERROR_CODES.UNIT_ARCHIVED,
        'That unit is archived or does not exist; a family can only move to a working unit.',
      );
    }
    await this.refuseIfLive(familyId, family.unit_id, 'transferred');
    const keepsLead =
      family.lead_worker_id !== null &&
      (await activeMembership(this.db, family.lead_worker_id, toUnitId)) !== undefined;
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('families')
        .set({ unit_id: toUnitId, lead_worker_id: keepsLead ? family.lead_worker_id : null })
        .where('id', '=', familyId)
        .where('unit_id', '=', family.unit_id)
        .execute();
      await this.leaveFutureAgendas(tx, familyId, family.unit_id);
    });
    await this.options.audit.record({
      action: 'family.transferred',
      actorUserId: actor.id,
      target: `family:${familyId}`,
      detail: { fromUnitId: family.unit_id, toUnitId },
      ip: actor.ip,
    });
    await this.options.revocations.publish({ kind: 'family', familyId });
  }

  /** [F8] Closes the family with a short summary: read-only, off the agenda and home page. */
  async close(actor: FamilyActor, familyId: string, summary: string): Promise<void> {
    const { family } = await this.lifecycleFamily(actor, familyId);
    if (family.status !== 'open') throw familyClosed();
    const text = safeText(summary).trim();
    if (!text) {
      throw new FamilyRefusal(
        'invalid',
        API_ERROR_CODES.BAD_REQUEST,
        'Write a short closing summary.',
      );
    }
    await this.refuseIfLive(familyId, family.unit_id, 'closed');
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('families')
        .set({ status: 'closed', closed_at: at, closing_summary: text })
        .where('id', '=', familyId)
        .execute();
      await this.leaveFutureAgendas(tx, familyId, family.unit_id);
    });
    await this.options.audit.record({
      action: 'family.closed',
      actorUserId: actor.id,
      target: `family:${familyId}`,
      detail: { unitId: family.unit_id, summaryChars: text.length },
      ip: actor.ip,
    });
    await this.options.revocations.publish({ kind: 'family', familyId });
  }

  /** [F8] A re-referral: the family is open again with everything it had. */
  async reopen(actor: FamilyActor, familyId: string): Promise<void> {
    const { family } = await this.lifecycleFamily(actor, familyId);
    if (family.status === 'open') {
      throw new FamilyRefusal(
        'conflict',
        API_ERROR_CODES.FAMILY_ALREADY_OPEN,
        'The family is open already.',
      );
    }
    await this.db
      .updateTable('families')
      .set({ status: 'open', closed_at: null })
      .where('id', '=', familyId)
      .execute();
    await this.options.audit.record({
      action: 'family.reopened',
      actorUserId: actor.id,
      target: `family:${familyId}`,
      detail: { unitId: family.unit_id },
      ip: actor.ip,
    });
    await this.options.revocations.publish({ kind: 'family', familyId });
  }

  private async memberFamily(actor: FamilyActor, familyId: string) {
    const family = await this.db
      .selectFrom('families')
      .selectAll()
      .where('id', '=', familyId)
      .executeTakeFirst();
    if (!family) throw NOT_FOUND();
    const membership = await activeMembership(this.db, actor.id, family.unit_id);
    if (!membership) throw NOT_FOUND();
    return { family, role: membership.role as MemberRole };
  }

  private async lifecycleFamily(actor: FamilyActor, familyId: string) {
    const found = await this.memberFamily(actor, familyId);
    if (!canChangeFamilyLifecycle(found.role)) {
      throw new FamilyRefusal(
        'forbidden',
        API_ERROR_CODES.FORBIDDEN,
        'Only the unit’s consultant social worker transfers, closes or reopens a family.',
      );
    }
    return found;
  }

  /**
   * A unit a family may move to. Units may carry an archived flag (`archived_at` or `archived`)
   * depending on the deployment's schema; read defensively so either counts.
   */
  private async unitIfActive(unitId: string): Promise<{ id: string; name: string } | null> {
    const row = (await this.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', unitId)
      .executeTakeFirst()) as (Record<string, unknown> & { id: string; name: string }) | undefined;
    if (!row || isArchived(row)) return null;
    return { id: row.id, name: row.name };
  }

  private async transferTargets(fromUnitId: string): Promise<Array<{ id: string; name: string }>> {
    const rows = (await this.db
      .selectFrom('units')
      .selectAll()
      .where('id', '!=', fromUnitId)
      .orderBy('name')
      .execute()) as Array<Record<string, unknown> & { id: string; name: string }>;
    return rows.filter((row) => !isArchived(row)).map((row) => ({ id: row.id, name: row.name }));
  }

  /**
   * Refuses while a meeting with the family on its agenda is live: not closed, and either held
   * today or with its meeting or the family's discussion open right now.
   */
  private async refuseIfLive(familyId: string, unitId: string, verb: string): Promise<void> {
    const meetings = await this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select(['meetings.id', 'meetings.title', 'meetings.date'])
      .where('agenda_items.family_id', '=', familyId)
      .where('meetings.unit_id', '=', unitId)
      .where('meetings.closed_at', 'is', null)
      .execute();
    const today = localDay(this.now());
    const live = meetings.find(
      (meeting) =>
        meeting.date === today ||
        this.options.sync.hasRoom(meetingDocName(asMeetingId(meeting.id))) ||
        this.options.sync.hasRoom(discussionDocName(asMeetingId(meeting.id), asFamilyId(familyId))),
    );
    if (live) {
      throw new FamilyRefusal(
        'conflict',
        API_ERROR_CODES.FAMILY_IN_LIVE_MEETING,
        `The family is on the agenda of “${live.title}” (${live.date}), which is live. It can be ${verb} once that meeting is closed.`,
      );
    }
  }

  /** Takes the family off the agendas of its unit's meetings that have not reached it. */
  private async leaveFutureAgendas(
    tx: Kysely<Database>,
    familyId: string,
    unitId: string,
  ): Promise<void> {
    await tx
      .deleteFrom('agenda_items')
      .where('family_id', '=', familyId)
      .where('reached_at', 'is', null)
      .where('meeting_id', 'in', (eb) =>
        eb
          .selectFrom('meetings')
          .select('id')
          .where('unit_id', '=', unitId)
          .where('closed_at', 'is', null),
      )
      .execute();
  }

  private async refuseTakenCaseRecordIds(
    caseIds: readonly string[],
    exceptFamilyId: string | null,
  ): Promise<void> {
    if (caseIds.length === 0) return;
    let query = this.db
      .selectFrom('children')
      .select('case_record_id')
      .where('case_record_id', 'in', [...caseIds]);
    if (exceptFamilyId) query = query.where('family_id', '!=', exceptFamilyId);
    const taken = await query.executeTakeFirst();
    if (taken) {
      throw caseRecordTaken(
        `A child with case record id ${taken.case_record_id ?? ''} is already in Unitroom; check the id, or find that child’s family.`,
      );
    }
  }

  private async loadFamilyDocument(familyId: string): Promise<Y.Doc> {
    const name = familyDocName(asFamilyId(familyId));
    const doc = new Y.Doc();
    const live = await this.options.sync.liveState(name);
    if (live) Y.applyUpdate(doc, live);
    else
      for (const entry of (await this.options.documents.load(name)).entries)
        Y.applyUpdate(doc, entry);
    return doc;
  }
}

function caseRecordTaken(message: string): FamilyRefusal {
  return new FamilyRefusal('conflict', API_ERROR_CODES.CASE_RECORD_ID_TAKEN, message);
}

function familyClosed(): FamilyRefusal {
  return new FamilyRefusal(
    'conflict',
    API_ERROR_CODES.FAMILY_CLOSED,
    'The family is closed; reopen it first.',
  );
}

function isArchived(row: Record<string, unknown>): boolean {
  const archivedAt = row.archived_at;
  const archived = row.archived;
  return (archivedAt !== undefined && archivedAt !== null) || archived === 1 || archived === true;
}

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

/** The first family document: each child on the genogram, marked as a child the unit works for. */
function openingGenogram(
  children: ReadonlyArray<{
    id: string;
    name: string;
    birthDate: string | null;
    unborn: boolean;
    caseRecordId: string | null;
  }>,
): Uint8Array {
  const doc = new Y.Doc();
  const ids = children.map((child) => child.id);
  let next = 0;
  const commands = genogramCommands(doc, SEED_ORIGIN, {
    newId: () => ids[next++] ?? newId(),
  });
  for (const child of children) {
    commands.addPerson({
      name: child.name,
      birthDate: child.birthDate,
      childOfConcern: true,
      pregnancy: child.unborn ? 'pregnancy' : null,
      councilPersonId: child.caseRecordId,
    });
  }
  // What the server would do on first load, so the stored document needs no migration.
  migrateDocument(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
