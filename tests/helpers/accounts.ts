import type { MemberRole } from '@unitroom/shared';
import { hashPassword, type App } from '@unitroom/server';

/** Adds an account beside the demo unit, optionally as a member of `unitId` with `role`. */
export async function addAccount(
  app: App,
  account: { id: string; email: string; password: string; unitId?: string; role?: MemberRole },
): Promise<void> {
  const now = new Date().toISOString();
  const db = app.persistence.db;
  await db
    .insertInto('users')
    .values({
      id: account.id,
      email: account.email,
      name: `Test ${account.id}`,
      password_hash: await hashPassword(account.password),
      created_at: now,
    })
    .execute();
  if (account.unitId && account.role) {
    await db
      .insertInto('memberships')
      .values({
        unit_id: account.unitId,
        user_id: account.id,
        role: account.role,
        created_at: now,
        removed_at: null,
      })
      .execute();
  }
}
