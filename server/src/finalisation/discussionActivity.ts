import type { Kysely } from 'kysely';
import type * as Y from 'yjs';
import {
  BOARD_ORDER_ROOT,
  BOARD_ROOTS,
  GENOGRAM_ROOTS,
  isTransactionOrigin,
  parseDocName,
  type DiscussionActivity,
  type Role,
} from '@unitroom/shared';
import type { Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';
import type { FocusStore } from '../unitChannel/focusStore.js';

type Surface = 'genogram' | 'board';

/** Rows remembered as written, to skip rewriting them on every keystroke. */
const MAX_REMEMBERED_ROWS = 10_000;

const SURFACE_OF_ROOT = new Map<string, Surface>([
  ...Object.values(GENOGRAM_ROOTS).map((root) => [root, 'genogram'] as const),
  ...Object.values(BOARD_ROOTS).map((root) => [root, 'board'] as const),
  [BOARD_ORDER_ROOT, 'board'],
]);

/**
 * What happened on a family's genogram and board while the chair had the family in focus at a
 * live meeting (shared/SPEC.md [C2], [C6]): who changed the genogram, who changed the board. The
 * prompts read it, live in the panel and at finalisation, as `genogramUsed` and
 * `boardContributors`. Recorded per meeting, family and person, once per surface; never shown
 * as a count per person.
 */
export class DiscussionActivityLog {
  /** Who writes through each open connection, by connection id. */
  private readonly writers = new Map<string, { userId: string }>();
  /** What is already recorded, so a meeting's keystrokes write one row per person. */
  private readonly recorded = new Set<string>();
  private readonly watched = new WeakSet<Y.Doc>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly focus: FocusStore,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  /** The collab extension that notices changes to family documents. */
  extension(): Extension {
    return {
      onUpdate: ({ connection, doc }) => {
        const parsed = parseDocName(connection.docName);
        if (parsed?.kind !== 'family') return;
        this.writers.set(connection.id, { userId: connection.context.user.id });
        if (this.watched.has(doc)) return;
        this.watched.add(doc);
        doc.on('afterTransaction', (transaction: Y.Transaction) =>
          this.afterTransaction(parsed.id, doc, transaction),
        );
      },
      onDisconnect: async ({ connection }) => {
        this.writers.delete(connection.id);
      },
    };
  }

  /** Waits until everything noticed so far is written (tests, and finalisation). */
  async settled(): Promise<void> {
    await this.pending;
  }

  private afterTransaction(familyId: string, doc: Y.Doc, transaction: Y.Transaction): void {
    const origin: unknown = transaction.origin;
    if (!isTransactionOrigin(origin) || origin.kind !== 'remote') return;
    const writer = this.writers.get(origin.connectionId);
    if (!writer) return;
    const surfaces = new Set<Surface>();
    for (const type of transaction.changed.keys()) {
      const surface = surfaceOf(doc, type);
      if (surface) surfaces.add(surface);
    }
    for (const surface of surfaces) {
      this.pending = this.pending
        .then(() => this.record(familyId, writer.userId, surface))
        .catch((error: unknown) => this.log(`recording ${surface} activity failed`, error));
    }
  }

  /** Records `surface` for every live meeting whose chair has this family in focus now. */
  private async record(familyId: string, userId: string, surface: Surface): Promise<void> {
    const meetings = await this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select('agenda_items.meeting_id')
      .where('agenda_items.family_id', '=', familyId)
      .where('meetings.closed_at', 'is', null)
      .execute();
    for (const { meeting_id: meetingId } of meetings) {
      const key = `${meetingId}:${familyId}:${userId}:${surface}`;
      if (this.recorded.has(key)) continue;
      if ((await this.focus.get(meetingId))?.familyId !== familyId) continue;
      const now = new Date().toISOString();
      const flag = { genogram: surface === 'genogram' ? 1 : 0, board: surface === 'board' ? 1 : 0 };
      await this.db
        .insertInto('discussion_activity')
        .values({
          meeting_id: meetingId,
          family_id: familyId,
          user_id: userId,
          ...flag,
          updated_at: now,
        })
        .onConflict((c) =>
          c
            .columns(['meeting_id', 'family_id', 'user_id'])
            .doUpdateSet({ [surface]: 1, updated_at: now }),
        )
        .execute();
      // Only saves writes: forgetting lets the next change write its row again.
      if (this.recorded.size >= MAX_REMEMBERED_ROWS) this.recorded.clear();
      this.recorded.add(key);
    }
  }

  /** [C2][C6] What the prompts need to know of a discussion's activity. */
  async read(
    meetingId: string,
    familyId: string,
  ): Promise<Pick<DiscussionActivity, 'genogramUsed' | 'boardContributors'>> {
    await this.settled();
    const rows = await this.db
      .selectFrom('discussion_activity')
      .innerJoin('users', 'users.id', 'discussion_activity.user_id')
      .innerJoin('meetings', 'meetings.id', 'discussion_activity.meeting_id')
      .leftJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'discussion_activity.user_id')
          .onRef('memberships.unit_id', '=', 'meetings.unit_id'),
      )
      .select([
        'discussion_activity.user_id',
        'discussion_activity.genogram',
        'discussion_activity.board',
        'users.name',
        'memberships.role',
      ])
      .where('discussion_activity.meeting_id', '=', meetingId)
      .where('discussion_activity.family_id', '=', familyId)
      .orderBy('discussion_activity.user_id')
      .execute();
    return {
      genogramUsed: rows.some((row) => row.genogram === 1),
      boardContributors: rows
        .filter((row) => row.board === 1)
        .map((row) => ({
          id: row.user_id,
          name: row.name,
          role: (row.role ?? null) as Role | null,
        })),
    };
  }
}

/** A shared type as a transaction names it. */
type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

/** Whether `type` lies under a genogram root or a board root of `doc`. */
function surfaceOf(doc: Y.Doc, type: SharedType): Surface | null {
  let root: SharedType = type;
  while (root._item !== null) root = root._item.parent as SharedType;
  for (const [name, shared] of doc.share)
    if (shared === root) return SURFACE_OF_ROOT.get(name) ?? null;
  return null;
}
