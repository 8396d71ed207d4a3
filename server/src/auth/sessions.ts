import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SESSION_IDLE_MS } from '@unitroom/shared';
import type { Database } from '../db/schema.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** A deployment administrator (shared/SPEC.md [A1]). */
  administrator?: boolean;
}

/** Only the hash of a token is stored, so the database alone cannot be used to sign in. */
const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Which session a cookie token belongs to, without the token itself: what open sockets keep so
 * that signing out closes the ones opened with that session.
 */
export const sessionIdOf = tokenId;

/** Sessions touched within this interval are not written again; a cookie check stays a read. */
const TOUCH_EVERY_MS = 60_000;

export class Sessions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.db
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        user_id: userId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      })
      .execute();
    return token;
  }

  /** The user behind a cookie token, or null for unknown, expired or malformed tokens. */
  async resolve(token: string | undefined): Promise<SessionUser | null> {
    if (!token || token.length > 128) return null;
    const id = tokenId(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.administrator',
        'sessions.expires_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.id', '=', id)
      // [A7] A deactivated person's sessions end, whatever a cookie still says.
      .where('users.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    if (row.expires_at <= now.toISOString()) {
      await this.db.deleteFrom('sessions').where('id', '=', id).execute();
      return null;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('sessions')
        .set({
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
        })
        .where('id', '=', id)
        .execute();
    }
    return { id: row.id, email: row.email, name: row.name, administrator: row.administrator === 1 };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
  }
}
