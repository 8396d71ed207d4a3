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
  /** A family's or a discussion's document restored, or one person's changes taken back ([H5]). */
  | 'document.restored';

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export class AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

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
