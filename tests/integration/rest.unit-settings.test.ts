import { expect, it } from 'vitest';
import { unitSettingsSchema } from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';

describeEachStore('REST: a unit can switch the systemic-discussion prompts off', ({ postgres }) => {
  it('[C12] prompts are on by default; the consultant switches them off and on; others cannot', async () => {
    const server = await startTestServer(postgres ? { postgres } : {});
    const address = `${server.url}/api/units/${server.demo.unitId}/settings`;
    const put = async (email: string, body: unknown) =>
      fetch(address, {
        method: 'PUT',
        headers: {
          cookie: await signIn(server.url, email),
          origin: server.url,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const socialWorker = await signIn(server.url, 'sw@demo.test');
    const read = async () =>
      unitSettingsSchema.parse(
        await (await fetch(address, { headers: { cookie: socialWorker } })).json(),
      );

    expect(await read()).toEqual({ criteriaPromptsEnabled: true });
    expect((await put('sw@demo.test', { criteriaPromptsEnabled: false })).status).toBe(403);
    expect((await put('manager@demo.test', { criteriaPromptsEnabled: false })).status).toBe(403);
    expect((await put('csw@demo.test', { criteriaPromptsEnabled: 'no' })).status).toBe(400);
    expect(await read()).toEqual({ criteriaPromptsEnabled: true });

    const off = await put('csw@demo.test', { criteriaPromptsEnabled: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ criteriaPromptsEnabled: false });
    expect(await read()).toEqual({ criteriaPromptsEnabled: false });
    expect((await put('csw@demo.test', { criteriaPromptsEnabled: true })).status).toBe(200);
    expect(await read()).toEqual({ criteriaPromptsEnabled: true });

    const changes = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['target', 'detail'])
      .where('action', '=', 'unit.settings-changed')
      .orderBy('id')
      .execute();
    expect(changes.map((c) => JSON.parse(c.detail) as unknown)).toEqual([
      { criteriaPromptsEnabled: false },
      { criteriaPromptsEnabled: true },
    ]);
    expect(changes.every((c) => c.target === server.demo.unitId)).toBe(true);
  });

  it('answers 404 for a unit that is not the member’s, and 401 without a session', async () => {
    const server = await startTestServer(postgres ? { postgres } : {});
    const cookie = await signIn(server.url, 'csw@demo.test');
    const other = await fetch(`${server.url}/api/units/someoneelse/settings`, {
      headers: { cookie },
    });
    expect(other.status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/units/${server.demo.unitId}/settings`);
    expect(anonymous.status).toBe(401);
  });
});
