import type { MemberRole } from '@unitroom/shared';
import { hashPassword, type App } from '@unitroom/server';
import { signIn } from './session.js';

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

/**
 * A consultant of another unit (Southside Unit 2, created here), signed in: the account the
 * access tests expect to be refused everything of the demo unit. Returns their session cookie.
 */
export async function signedInOutsider(server: { app: App; url: string }): Promise<string> {
  await server.app.persistence.db
    .insertInto('units')
    .values({ id: 'otherunit', name: 'Southside Unit 2', created_at: new Date().toISOString() })
    .execute();
  await addAccount(server.app, {
    id: 'outsider',
    email: 'outsider@demo.test',
    password: 'outsider-pass',
    unitId: 'otherunit',
    role: 'consultant_social_worker',
  });
  return signIn(server.url, 'outsider@demo.test', 'outsider-pass');
}
