import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ACCOUNT_LINK_TTL_MS,
  API_ERROR_CODES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@unitroom/shared';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';
import { AdminError } from './errors.js';

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

export type LinkPurpose = 'setup' | 'reset';

/**
 * Local accounts' passwords ([A8], [A9]): one-time links to choose one, and changing one's own.
 * A link's token is shown once, to whoever issued it, and stored only as its SHA-256.
 */
export class AccountLinks {
  constructor(
    private readonly options: {
      db: Kysely<Database>;
      audit: AuditLog;
      revocations: AccessRevocations;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * A new link for `userId`; any earlier unused link of theirs stops working. Runs inside the
   * caller's transaction when given one, so a person and their set-up link are made together.
   */
  async issue(
    userId: string,
    purpose: LinkPurpose,
    issuedBy: string | null,
    db: Kysely<Database> = this.options.db,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ACCOUNT_LINK_TTL_MS).toISOString();
    await db
      .deleteFrom('account_links')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    await db
      .insertInto('account_links')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        purpose,
        created_at: now.toISOString(),
        created_by: issuedBy,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    return { token, expiresAt };
  }

  /**
   * Sets the password of the link's person and spends the link ([A8]): once only, before it
   * expires, for an active person. Every session they had ends (a reset is often "someone may
   * know my password"). Refusals change nothing.
   */
  async use(
    token: string,
    password: string,
    ip: string | null,
    /**
     * The password's hash, when the server already made it: the demo's people share one
     * password, and hashing it once keeps the demo's start quick. Never from a request.
     */
    knownHash?: Promise<string>,
  ): Promise<{ userId: string }> {
    checkNewPassword(password);
    const tokenHash = sha256(token);
    const link = await this.options.db
      .selectFrom('account_links')
      .innerJoin('users', 'users.id', 'account_links.user_id')
      .select([
        'account_links.user_id',
        'account_links.expires_at',
        'account_links.used_at',
        'account_links.purpose',
        'users.deactivated_at',
      ])
      .where('account_links.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!link) {
      throw new AdminError(
        API_ERROR_CODES.LINK_INVALID,
        'This link does not work. It may have been replaced by a newer one: ask your administrator for a new link.',
      );
    }
    if (link.used_at !== null) {
      throw new AdminError(
        API_ERROR_CODES.LINK_USED,
        'This link has already been used. Sign in with your password, or ask your administrator for a new link.',
      );
    }
    const now = this.now().toISOString();
    if (link.expires_at <= now) {
      throw new AdminError(
        API_ERROR_CODES.LINK_EXPIRED,
        'This link has expired. Ask your administrator for a new link.',
      );
    }
    if (link.deactivated_at !== null) {
      throw new AdminError(
        API_ERROR_CODES.PERSON_DEACTIVATED,
        'This account is deactivated. Ask your administrator.',
      );
    }
    const hash = await (knownHash ?? hashPassword(password));
    const spent = await this.options.db.transaction().execute(async (tx) => {
      // Spent only if nobody spent it meanwhile: two tabs racing get one success.
      const result = await tx
        .updateTable('account_links')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('id', '=', link.user_id)
        .execute();
      return true;
    });
    if (!spent) {
      throw new AdminError(API_ERROR_CODES.LINK_USED, 'This link has already been used.');
    }
    await endSessions(this.options.db, this.options.revocations, link.user_id);
    await this.options.audit.record({
      action: 'account.password-set',
      actorUserId: link.user_id,
      target: link.user_id,
      detail: { purpose: link.purpose },
      ip,
    });
    return { userId: link.user_id };
  }

  /** [A9] Changes one's own password, given the current one; other sessions end, this one stays. */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    keepSessionId: string | null,
    ip: string | null,
  ): Promise<void> {
    const user = await this.options.db
      .selectFrom('users')
      .select(['password_hash'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AdminError(API_ERROR_CODES.WRONG_PASSWORD, 'Your current password is not right.');
    }
    checkNewPassword(newPassword);
    await this.options.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(newPassword) })
      .where('id', '=', userId)
      .execute();
    await endSessions(this.options.db, this.options.revocations, userId, keepSessionId);
    await this.options.audit.record({
      action: 'account.password-changed',
      actorUserId: userId,
      target: userId,
      ip,
    });
  }
}

function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new AdminError(
      API_ERROR_CODES.PASSWORD_INVALID,
      `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
  }
}

/**
 * Ends every session of `userId` but `keepSessionId`, and closes the sockets opened with them in
 * every process.
 */
export async function endSessions(
  db: Kysely<Database>,
  revocations: AccessRevocations,
  userId: string,
  keepSessionId: string | null = null,
): Promise<void> {
  const sessions = await db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .execute();
  const ending = sessions.filter((session) => session.id !== keepSessionId);
  if (ending.length === 0) return;
  await db
    .deleteFrom('sessions')
    .where(
      'id',
      'in',
      ending.map((session) => session.id),
    )
    .execute();
  for (const session of ending) {
    await revocations.publish({ kind: 'session', userId, sessionId: session.id });
  }
}
