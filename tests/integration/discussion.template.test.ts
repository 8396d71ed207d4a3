import { expect, it } from 'vitest';
import { readDiscussion } from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient } from '../helpers/yClient.js';

describeEachStore('discussion: the server writes the template once, durably', ({ postgres }) => {
  it('[D9] the first opening seeds the template with the family’s children, eldest first; two laptops at once see one template, and a restart adds none', async () => {
    const server = await startTestServer(postgres ? { postgres } : {});
    const familyId = server.demo.familyIds[0] ?? '';
    const docName = `discussion:${server.demo.meetingId}:${familyId}`;
    const children = await server.app.persistence.db
      .selectFrom('children')
      .select(['id', 'name'])
      .where('family_id', '=', familyId)
      .orderBy('birth_year')
      .execute();
    expect(children.map((c) => c.name)).toEqual(['Mia Harper', 'Leo Harper']);

    const [coordinator, consultant] = await Promise.all([
      signIn(server.url, 'coordinator@demo.test'),
      signIn(server.url, 'csw@demo.test'),
    ]);
    const a = connectYClient(server.url, docName, { cookie: coordinator });
    const b = connectYClient(server.url, docName, { cookie: consultant });
    await Promise.all([a.synced, b.synced]);
    const kinds = (doc: Parameters<typeof readDiscussion>[0]) =>
      readDiscussion(doc).sections.map((s) => s.childId ?? s.kind);
    const expected = [
      'context',
      'obstacles',
      'hypotheses',
      ...children.map((c) => c.id),
      'conversations',
      'decisions',
      'actions',
    ];
    expect(kinds(a.doc)).toEqual(expected);
    expect(kinds(b.doc)).toEqual(expected);
    // Durable before anyone synced: the store holds it without any client having written.
    expect(kinds(await loadStoredDoc(server, docName))).toEqual(expected);
    a.destroy();
    b.destroy();

    const restarted = await server.restart();
    const c = connectYClient(restarted.url, docName, {
      cookie: await signIn(restarted.url, 'sw@demo.test'),
    });
    await c.synced;
    expect(kinds(c.doc)).toEqual(expected);
    c.destroy();
  });
});
