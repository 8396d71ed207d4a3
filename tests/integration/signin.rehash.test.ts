import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const OLD_SETTING = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 };

async function storedHash(server: TestServer, email: string): Promise<string> {
  const row = await server.app.persistence.db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.password_hash ?? '';
}

function signIn(server: TestServer, password: string) {
  return fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: 'sw@demo.test', password }),
  });
}

describe('[I9] password hashes', () => {
  it('are made at the recommended setting, and an older setting is replaced at the next sign-in only', async () => {
    const server = await startTestServer();
    expect(await storedHash(server, 'sw@demo.test')).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/,
    );

    const old = await argon2.hash('unitroom-demo', OLD_SETTING);
    await server.app.persistence.db
      .updateTable('users')
      .set({ password_hash: old })
      .where('email', '=', 'sw@demo.test')
      .execute();

    expect((await signIn(server, 'not-the-password')).status).toBe(401);
    expect(await storedHash(server, 'sw@demo.test')).toBe(old);

    expect((await signIn(server, 'unitroom-demo')).status).toBe(204);
    const replaced = await storedHash(server, 'sw@demo.test');
    expect(replaced).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(replaced, 'unitroom-demo')).toBe(true);
    expect((await signIn(server, 'unitroom-demo')).status).toBe(204);
  });
});
