import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@unitroom/shared';
import type { Database } from '../db/schema.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** A deployment administrator (shared/SPEC.md [A1]). */
  administrator?: boolean;
}

/** How long a session lives: `idleMs` after its last use, and never more than `absoluteMs`. */
export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = {
  idleMs: SESSION_IDLE_MS,
  absoluteMs: SESSION_ABSOLUTE_MS,
};

/** Only the hash of a token is stored, so the database alone cannot be used to sign in. */
const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Which session a cookie token belongs to, without the token itself: what open sockets keep so
 * that signing out closes the ones opened with that session.
 */
export const sessionIdOf = tokenId;

/** Sessions touched within this interval are not written again; a cookie check stays a read. */
const TOUCH_EVERY_MS = 60_000;

/** At most this many expired sessions are ended per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

export class Sessions {
  private readonly ended = new Set<(userId: string, sessionId: string) => void>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The cookie's lifetime: the idle expiry, never past the absolute one. */
  get cookieMaxAgeMs(): number {
    return Math.min(this.lifetime.idleMs, this.lifetime.absoluteMs);
  }

  /**
   * Called for each session that ends by expiry (idle or absolute), wherever it is noticed, so
   * the sockets opened with it close. Returns the unsubscribe.
   */
  onEnded(listener: (userId: string, sessionId: string) => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }

  private expiresAt(createdMs: number, usedMs: number): string {
    return new Date(
      Math.min(usedMs + this.lifetime.idleMs, createdMs + this.lifetime.absoluteMs),
    ).toISOString();
  }

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
        expires_at: this.expiresAt(now.getTime(), now.getTime()),
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
        'sessions.created_at',
        'sessions.expires_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.id', '=', id)
      // [A7] A deactivated person's sessions end, whatever a cookie still says.
      .where('users.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    const created = Date.parse(row.created_at);
    if (
      row.expires_at <= now.toISOString() ||
      now.getTime() >= created + this.lifetime.absoluteMs
    ) {
      await this.end(row.id, id);
      return null;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('sessions')
        .set({
          last_seen_at: now.toISOString(),
          expires_at: this.expiresAt(created, now.getTime()),
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

  /**
   * Ends every session past its idle or absolute expiry and tells the listeners, so that open
   * sockets close even when nobody makes a request with the cookie again. Run periodically; with
   * several processes each sweeps, and whoever deletes a session first announces it.
   */
  async sweep(): Promise<number> {
    const now = this.now();
    const bornBefore = new Date(now.getTime() - this.lifetime.absoluteMs).toISOString();
    const expired = await this.db
      .selectFrom('sessions')
      .select(['id', 'user_id'])
      .where((eb) =>
        eb.or([eb('expires_at', '<=', now.toISOString()), eb('created_at', '<=', bornBefore)]),
      )
      .limit(SWEEP_BATCH)
      .execute();
    let ended = 0;
    for (const session of expired) {
      if (await this.end(session.user_id, session.id)) ended += 1;
    }
    return ended;
  }

  /** Deletes one session; true (and the listeners told) only where this call deleted it. */
  private async end(userId: string, sessionId: string): Promise<boolean> {
    const deleted = await this.db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    for (const listener of this.ended) listener(userId, sessionId);
    return true;
  }
}
