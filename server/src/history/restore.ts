import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  API_ERROR_CODES,
  BOARD_ORDER_ROOT,
  META_MAP,
  MINUTES_FRAGMENT,
  discussionMinutesFragment,
  parseDocName,
  readBoard,
  readDiscussion,
  readGenogram,
  type DocumentHistory,
  type HistoryArea,
  type HistoryStep,
  type RestoreChange,
  type RestorePreview,
  type RestoreResult,
  type RestoreTarget,
} from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { SyncServer } from '../collab/syncServer.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { DiscussionFreeze } from '../finalisation/freeze.js';
import { AttributionLog, type HistoryRecord } from './attributionLog.js';

/** Changes by one person less than this apart are one step of the history. */
const STEP_GAP_MS = 5 * 60 * 1000;

export type RestoreErrorCode = 'finalised' | 'too-old' | 'not-restorable';

/** Why a restore cannot be made; the HTTP layer maps its kind to a status (http/errors.ts). */
export class RestoreError extends DomainError {
  constructor(
    readonly reason: RestoreErrorCode,
    message: string,
  ) {
    super(
      reason === 'not-restorable' ? 'not_found' : 'conflict',
      reason === 'not-restorable' ? API_ERROR_CODES.NOT_FOUND : API_ERROR_CODES.CONFLICT,
      message,
    );
    this.name = 'RestoreError';
  }
}

/** The top-level type holding `type`, and its name in `doc`. */
function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  let root = type;
  while (root._item) root = root._item.parent as Y.AbstractType<unknown>;
  for (const [name, shared] of doc.share) if (shared === root) return name;
  return null;
}

function areaOf(root: string): HistoryArea | null {
  if (root === META_MAP) return null;
  if (root.startsWith('genogram:')) return 'genogram';
  if (root.startsWith('board:') || root === BOARD_ORDER_ROOT) return 'hypotheses board';
  if (root === MINUTES_FRAGMENT || root === 'discussion' || root.startsWith('discussion:'))
    return 'minutes';
  return 'other';
}

/** Applies `update` to `doc` and says which areas it changed. */
function applyNoting(doc: Y.Doc, update: Uint8Array, origin: unknown = null): Set<HistoryArea> {
  const areas = new Set<HistoryArea>();
  const note = (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) {
      const root = rootNameOf(doc, type as Y.AbstractType<unknown>);
      const area = root === null ? null : areaOf(root);
      if (area) areas.add(area);
    }
  };
  doc.on('afterTransaction', note);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', note);
  }
  return areas;
}

const AREA_ORDER: readonly HistoryArea[] = ['genogram', 'hypotheses board', 'minutes', 'other'];
const sortedAreas = (areas: Iterable<HistoryArea>): HistoryArea[] =>
  AREA_ORDER.filter((area) => new Set(areas).has(area));

/** Counts a member recognises, before and after, for the confirmation ([Y4]). */
function countsOf(kind: 'family' | 'discussion', doc: Y.Doc): Array<[string, number]> {
  if (kind === 'family') {
    const genogram = readGenogram(doc);
    return [
      ['People in the genogram', genogram.people.length],
      ['Hypotheses on the board', readBoard(doc, genogram).hypotheses.length],
    ];
  }
  const discussion = readDiscussion(doc);
  const text = discussionMinutesFragment(doc)
    .toString()
    .replace(/<[^>]*>/g, ' ');
  return [
    ['Words in the minutes', text.split(/\s+/).filter((word) => /\p{L}|\p{N}/u.test(word)).length],
    ['Decisions', discussion.decisions.length],
    ['Actions', discussion.actions.length],
    ['People in the attendance', discussion.attendance.length],
  ];
}

/**
 * The update that takes `live` back to the target, as new changes on top of it ([Y3]): the
 * state at the target time is rebuilt from the history (the last checkpoint at or before it,
 * then the updates up to it); the updates since are replayed over it, those to take back under
 * a tracked origin, and a `Y.UndoManager` undoes them. What the live document holds beyond the
 * history (a change stored a moment ago) is replayed untracked, so it is never taken back.
 */
export function revertUpdate(
  records: readonly HistoryRecord[],
  target: RestoreTarget,
  live: Y.Doc,
): Uint8Array {
  const time = target.kind === 'time' ? target.at : target.since;
  let base = -1;
  records.forEach((record, index) => {
    if (record.kind === 'checkpoint' && record.at <= time) base = index;
  });
  const checkpoint = records[base];
  if (!checkpoint)
    throw new RestoreError('too-old', 'The history does not reach back to that time.');
  const scratch = new Y.Doc({ gc: false });
  const tracked = {};
  const untracked = {};
  try {
    Y.applyUpdate(scratch, checkpoint.data, untracked);
    const later: HistoryRecord[] = [];
    for (const record of records.slice(base + 1)) {
      if (record.at <= time) Y.applyUpdate(scratch, record.data, untracked);
      else later.push(record);
    }
    // The whole document is the scope: its roots are untyped here, and a change made directly
    // to an untyped root would escape a scope of roots.
    const undo = new Y.UndoManager(scratch, {
      trackedOrigins: new Set([tracked]),
      captureTimeout: Number.MAX_SAFE_INTEGER,
    });
    for (const record of later) {
      const takeBack = target.kind === 'time' || record.userId === target.userId;
      Y.applyUpdate(scratch, record.data, takeBack ? tracked : untracked);
    }
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live, Y.encodeStateVector(scratch)), untracked);
    while (undo.undoStack.length > 0) undo.undo();
    undo.destroy();
    return Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(live));
  } finally {
    scratch.destroy();
  }
}

/** What applying `update` to `live` would change, read on a copy. */
function previewOf(kind: 'family' | 'discussion', live: Y.Doc, update: Uint8Array): RestorePreview {
  const after = new Y.Doc();
  try {
    Y.applyUpdate(after, Y.encodeStateAsUpdate(live));
    const areas = applyNoting(after, update);
    const now = countsOf(kind, live);
    const then = countsOf(kind, after);
    const lines: RestoreChange[] = now.map(([label, count], index) => ({
      label,
      now: count,
      after: then[index]?.[1] ?? count,
    }));
    return { changes: areas.size > 0, lines, areas: sortedAreas(areas) };
  } finally {
    after.destroy();
  }
}

/**
 * What restoring to `target` would change in the document whose state is `liveState`, computed
 * from a copy: the work of a preview, which grows with the history, for the heavy-work worker
 * ([U5]). Throws `RestoreError` as `revertUpdate` does.
 */
export function previewRestore(
  kind: 'family' | 'discussion',
  records: readonly HistoryRecord[],
  target: RestoreTarget,
  liveState: Uint8Array,
): RestorePreview {
  const live = new Y.Doc();
  try {
    Y.applyUpdate(live, liveState);
    return previewOf(kind, live, revertUpdate(records, target, live));
  } finally {
    live.destroy();
  }
}

/**
 * The history in coarse steps ([Y4]): one person's changes less than `STEP_GAP_MS` apart, with
 * the areas they touched, oldest first; names are the caller's to fill in (`who` is empty).
 */
export function historySteps(records: readonly HistoryRecord[]): HistoryStep[] {
  const doc = new Y.Doc();
  const steps: HistoryStep[] = [];
  try {
    for (const record of records) {
      if (record.kind === 'checkpoint') {
        Y.applyUpdate(doc, record.data);
        continue;
      }
      const areas = applyNoting(doc, record.data);
      const kind: HistoryStep['kind'] =
        record.originKind === 'restore' ? 'restore' : record.userId !== null ? 'edit' : 'system';
      const last = steps[steps.length - 1];
      if (
        last &&
        last.kind === kind &&
        last.userId === record.userId &&
        record.at - last.to < STEP_GAP_MS
      ) {
        last.to = record.at;
        last.changes += 1;
        last.areas = sortedAreas([...last.areas, ...areas]);
      } else {
        steps.push({
          from: record.at,
          to: record.at,
          userId: record.userId,
          who: '',
          kind,
          areas: sortedAreas(areas),
          changes: 1,
        });
      }
    }
  } finally {
    doc.destroy();
  }
  return steps;
}

/** Computes previews and the history's steps off the event loop (the heavy-work worker, [U5]). */
export interface RestorePreviewer {
  historySteps(records: readonly HistoryRecord[]): Promise<HistoryStep[]>;
  restorePreview(input: {
    docKind: 'family' | 'discussion';
    records: readonly HistoryRecord[];
    target: RestoreTarget;
    liveState: Uint8Array;
  }): Promise<RestorePreview>;
}

export interface RestoreOptions {
  db: Kysely<Database>;
  history: AttributionLog;
  sync: SyncServer;
  freeze: DiscussionFreeze;
  audit: AuditLog;
  /** Where previews are computed; on the event loop without it. */
  previewer?: RestorePreviewer;
}

/**
 * A family's or a discussion's history, in coarse steps, and its restore to an earlier time or
 * without one person's changes since a time, written as new changes that everyone connected
 * sees live ([Y3]-[Y6]). Callers check who may do this; the service checks what may be done.
 */
export class DocumentRestore {
  constructor(private readonly options: RestoreOptions) {}

  async history(docName: string): Promise<DocumentHistory> {
    const records = await this.options.history.read(docName);
    // Replaying the whole history grows with it: on the worker when there is one ([U5]).
    const steps = this.options.previewer
      ? await this.options.previewer.historySteps(records)
      : historySteps(records);
    const names = await this.namesOf(steps.map((step) => step.userId));
    for (const step of steps)
      step.who = step.userId === null ? 'Unitroom' : (names.get(step.userId) ?? 'A former member');
    const people = Array.from(
      new Set(steps.filter((step) => step.userId !== null).map((step) => step.userId as string)),
      (id) => ({ id, name: names.get(id) ?? 'A former member' }),
    ).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    return {
      earliest: AttributionLog.earliest(records),
      windowDays: Math.round(this.options.history.windowMs / (24 * 60 * 60 * 1000)),
      steps: steps.reverse(),
      people,
    };
  }

  /** What the restore would change now, writing nothing. */
  async preview(docName: string, target: RestoreTarget): Promise<RestorePreview> {
    const kind = await this.restorable(docName);
    const records = await this.options.history.read(docName);
    let preview: RestorePreview | null = null;
    let liveState: Uint8Array | null = null;
    const { previewer } = this.options;
    await this.options.sync.changeDocument(docName, { kind: 'seed' }, (live) => {
      // With a worker, the loop only copies the live state out: rebuilding the document from
      // its history and reading both versions is the worker's ([U5]).
      if (previewer) liveState = Y.encodeStateAsUpdate(live);
      else preview = previewOf(kind, live, revertUpdate(records, target, live));
      return null;
    });
    if (previewer && liveState)
      preview = await previewer.restorePreview({ docKind: kind, records, target, liveState });
    if (!preview) throw new Error(`no preview of ${docName}`);
    return preview;
  }

  /** Writes the restore into the live document as one transaction; audited. */
  async restore(
    docName: string,
    target: RestoreTarget,
    actor: { userId: string; ip?: string | null },
  ): Promise<RestoreResult> {
    const kind = await this.restorable(docName);
    const records = await this.options.history.read(docName);
    const restoreId = randomUUID();
    let preview: RestorePreview = { changes: false, lines: [], areas: [] };
    await this.options.sync.changeDocument(
      docName,
      { kind: 'restore', userId: actor.userId, restoreId },
      (live) => {
        // Checked again in the turn that writes: a finalisation may have frozen it meanwhile.
        if (this.options.freeze.isFrozen(docName))
          throw new RestoreError('finalised', 'These minutes are finalised.');
        const update = revertUpdate(records, target, live);
        preview = previewOf(kind, live, update);
        return preview.changes ? update : null;
      },
    );
    await this.options.audit.record({
      action: 'document.restored',
      actorUserId: actor.userId,
      target: docName,
      ip: actor.ip ?? null,
      detail: {
        restoreId,
        mode: target.kind,
        ...(target.kind === 'time'
          ? { at: new Date(target.at).toISOString() }
          : { person: target.userId, since: new Date(target.since).toISOString() }),
        changed: preview.changes,
        areas: preview.areas,
      },
    });
    return { restoreId, ...preview };
  }

  /** The document's kind, if it may be restored at all: a family's, or a discussion not finalised. */
  private async restorable(docName: string): Promise<'family' | 'discussion'> {
    const parsed = parseDocName(docName);
    if (parsed?.kind === 'family') return 'family';
    if (parsed?.kind !== 'discussion')
      throw new RestoreError('not-restorable', 'Only families and discussions are restored.');
    const version = await this.options.db
      .selectFrom('discussion_versions')
      .select('meeting_id')
      .where('meeting_id', '=', parsed.meetingId)
      .where('family_id', '=', parsed.familyId)
      .executeTakeFirst();
    if (version || this.options.freeze.isFrozen(docName))
      throw new RestoreError('finalised', 'These minutes are finalised.');
    return 'discussion';
  }

  private async namesOf(userIds: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const ids = Array.from(new Set(userIds.filter((id): id is string => id !== null)));
    if (ids.length === 0) return new Map();
    const rows = await this.options.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
