import { expect, it } from 'vitest';
import {
  DEFAULT_QUESTION_BANK,
  newTemplate,
  unitQuestionBankSchema,
  withTemplate,
  withoutTemplate,
  type QuestionBank,
  type UnitQuestionBank,
} from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { originOf, signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

function client(server: TestServer, cookie: string) {
  const url = `${server.url}/api/units/${server.demo.unitId}/question-bank`;
  const headers = { cookie, origin: originOf(server.url), 'content-type': 'application/json' };
  return {
    async get() {
      const response = await fetch(url, { headers });
      return { status: response.status, body: (await response.json()) as UnitQuestionBank };
    },
    async save(bank: QuestionBank, version: number) {
      const response = await fetch(url, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ bank, version }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async restore() {
      const response = await fetch(url, { method: 'DELETE', headers });
      return { status: response.status, body: (await response.json()) as UnitQuestionBank };
    },
  };
}

const custom = (bank: QuestionBank, text: string) => {
  const made = newTemplate({ kind: 'circular', addressedTo: 'parent', text }, bank);
  if ('error' in made) throw new Error(made.error);
  return made.template;
};

describeEachStore('a unit’s own question bank over REST', (store) => {
  it('[Q1] [Q2] [Q3] a unit starts on the default bank, saves its own, and a save from an old version is refused', async () => {
    const server = await startTestServer(store);
    const clinician = client(server, await signIn(server.url, 'clinician@demo.test'));
    const worker = client(server, await signIn(server.url, 'sw@demo.test'));

    const start = await clinician.get();
    expect(start.status).toBe(200);
    expect(unitQuestionBankSchema.parse(start.body)).toEqual({
      bank: DEFAULT_QUESTION_BANK,
      version: 0,
      custom: false,
    });

    const dropped = DEFAULT_QUESTION_BANK[0]!.id;
    const edited = withTemplate(
      withoutTemplate(start.body.bank, dropped),
      custom(start.body.bank, 'What does {parent} hope {child} will remember about this year?'),
    );
    const saved = await clinician.save(edited, 0);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, custom: true });

    // The worker edited from the default too: refused, nothing written.
    const stale = await worker.save(withoutTemplate(start.body.bank, 'circ-worry-most'), 0);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'conflict' } });
    const now = await worker.get();
    expect(now.body.version).toBe(1);
    expect(now.body.bank.map((t) => t.id)).toEqual(edited.map((t) => t.id));
    expect(now.body.bank.at(-1)).toMatchObject({ id: 'unit-1', requires: ['parent', 'child'] });

    // Reloaded, the worker's change goes through on top of the clinician's.
    const second = await worker.save(
      withTemplate(now.body.bank, custom(now.body.bank, 'Who helps {parent} most?')),
      1,
    );
    expect(second.body).toMatchObject({ version: 2 });
    expect((await clinician.get()).body.bank.at(-1)).toMatchObject({ id: 'unit-2' });

    const audit = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['action', 'target'])
      .where('action', 'like', 'question-bank.%')
      .execute();
    expect(audit).toEqual([
      { action: 'question-bank.saved', target: server.demo.unitId },
      { action: 'question-bank.saved', target: server.demo.unitId },
    ]);

    const restored = await clinician.restore();
    expect(restored.body).toEqual({ bank: DEFAULT_QUESTION_BANK, version: 0, custom: false });
  });

  it('[Q1] [Q3] a read-only member reads but cannot save; a bad bank is refused; a stranger gets 404', async () => {
    const server = await startTestServer(store);
    const manager = client(server, await signIn(server.url, 'manager@demo.test'));
    expect((await manager.get()).status).toBe(200);
    expect((await manager.save([...DEFAULT_QUESTION_BANK], 0)).status).toBe(403);
    expect((await manager.restore()).status).toBe(403);

    const worker = client(server, await signIn(server.url, 'sw@demo.test'));
    const twice = [...DEFAULT_QUESTION_BANK, DEFAULT_QUESTION_BANK[0]!];
    expect((await worker.save(twice, 0)).status).toBe(400);
    expect((await worker.get()).body.custom).toBe(false);

    const cookie = await signIn(server.url, 'sw@demo.test');
    const response = await fetch(`${server.url}/api/units/nounitwiththisid/question-bank`, {
      headers: { cookie },
    });
    expect(response.status).toBe(404);
  });
});
