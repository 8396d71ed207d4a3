import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Everything the audit trail records. Document content never goes in here, only facts. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in.failed'
  | 'sign-out'
  | 'document.opened'
  | 'access.refused'
  | 'meeting.scheduled'
  | 'meeting.agenda-set'
  | 'meeting.guest-added'
  | 'meeting.guest-revoked'
  | 'meeting.closed'
  | 'family.activity-set'
  /** The server closed an open collaboration socket: a limit, a protocol error, access revoked. */
  | 'connection.closed'
  | 'member.removed'
  | 'discussion.ready'
  | 'discussion.reopened'
  | 'discussion.approved'
  | 'discussion.finalised'
  | 'discussion.write-refused'
  | 'discussion.addendum'
  | 'unit.settings-changed'
  | 'export.downloaded'
  | 'question-bank.saved'
  | 'question-bank.restored'
  // Administration (shared/SPEC.md [A1]-[A9]).
  | 'admin.unit-created'
  | 'admin.unit-renamed'
  | 'admin.unit-archived'
  | 'admin.unit-restored'
  | 'admin.person-added'
  | 'admin.membership-set'
  | 'admin.membership-removed'
  | 'admin.person-deactivated'
  | 'admin.person-reactivated'
  | 'admin.link-issued'
  | 'admin.administrator-set'
  | 'account.password-set'
  | 'account.password-changed'
  | 'family.opened'
  | 'family.transferred'
  | 'family.closed'
  | 'family.reopened'
  /** A genogram gave a child a case-record id another child has; the records kept theirs. */
  | 'child.case-record-id-refused'
  /** A family's or a discussion's document restored, or one person's changes taken back ([Y5]). */
  | 'document.restored';

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Anonymous refusals are counted into one row per kind and address for this long ([I6]). */
export const REFUSAL_WINDOW_MS = 15 * 60 * 1000;
/** Distinct addresses given a row of their own per window; the rest share one (`ip` = '*'). */
export const REFUSAL_ROWS_PER_WINDOW = 200;
/** Distinct targets (e-mails, documents) named in one aggregated row; the count covers the rest. */
const TARGETS_PER_ROW = 10;

interface Aggregate {
  id: Promise<number | null>;
  count: number;
  targets: string[];
  detail: Record<string, unknown>;
  /** Writes to this row, one after another. */
  writing: Promise<void>;
}

export class AuditLog {
  private window = { startMs: 0, rows: new Map<string, Aggregate>() };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A refusal of someone not signed in (a wrong password, a socket without a session): counted
   * into one row per action, reason and address per 15-minute window, with its first detail, the
   * count, the last time and up to 10 targets, so a flood of refusals adds a bounded number of rows
   * (at most 201 per reason and window) instead of one each.
   */
  async recordRefusal(entry: Omit<AuditEntry, 'actorUserId'> & { reason: string }): Promise<void> {
    const nowMs = this.now();
    if (nowMs - this.window.startMs >= REFUSAL_WINDOW_MS)
      this.window = { startMs: nowMs - (nowMs % REFUSAL_WINDOW_MS), rows: new Map() };
    const rows = this.window.rows;
    const perAddress = `${entry.action}|${entry.reason}|${entry.ip ?? ''}`;
    const key =
      rows.has(perAddress) || rows.size < REFUSAL_ROWS_PER_WINDOW
        ? perAddress
        : `${entry.action}|${entry.reason}|*`;
    const at = new Date(nowMs).toISOString();
    const existing = rows.get(key);
    if (!existing) {
      const aggregate: Aggregate = {
        count: 1,
        targets: entry.target ? [entry.target] : [],
        detail: entry.detail ?? {},
        id: Promise.resolve(null),
        writing: Promise.resolve(),
      };
      aggregate.id = this.db
        .insertInto('audit_events')
        .values({
          at,
          actor_user_id: null,
          action: entry.action,
          target: entry.target ?? null,
          detail: JSON.stringify(this.aggregatedDetail(aggregate, at)),
          ip: key.endsWith('|*') ? '*' : (entry.ip ?? null),
        })
        .returning('id')
        .executeTakeFirst()
        .then(
          (row) => (row ? Number(row.id) : null),
          (error: unknown) => {
            this.log(`audit write failed for ${entry.action}`, error);
            return null;
          },
        );
      rows.set(key, aggregate);
      await aggregate.id;
      return;
    }
    existing.count += 1;
    if (
      entry.target &&
      !existing.targets.includes(entry.target) &&
      existing.targets.length < TARGETS_PER_ROW
    )
      existing.targets.push(entry.target);
    const detail = JSON.stringify(this.aggregatedDetail(existing, at));
    existing.writing = existing.writing.then(async () => {
      const id = await existing.id;
      if (id === null) return;
      try {
        await this.db.updateTable('audit_events').set({ detail }).where('id', '=', id).execute();
      } catch (error) {
        this.log(`audit write failed for ${entry.action}`, error);
      }
    });
    await existing.writing;
  }

  private aggregatedDetail(aggregate: Aggregate, lastAt: string): Record<string, unknown> {
    return {
      ...aggregate.detail,
      count: aggregate.count,
      lastAt,
      targets: aggregate.targets,
    };
  }

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.db
        .insertInto('audit_events')
        .values({
          at: new Date().toISOString(),
          actor_user_id: entry.actorUserId ?? null,
          action: entry.action,
          target: entry.target ?? null,
          detail: JSON.stringify(entry.detail ?? {}),
          ip: entry.ip ?? null,
        })
        .execute();
    } catch (error) {
      // The trail must not take the product down with it, but a gap must be visible.
      this.log(`audit write failed for ${entry.action}`, error);
    }
  }
}
