import { expect, it } from 'vitest';
import { minutesFragment } from '@unitroom/shared';
import * as Y from 'yjs';
import { startTestServer } from '../helpers/testServer.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { connectYClient, eventually } from '../helpers/yClient.js';

describeEachStore('sync: stock y-websocket clients converge through the server', ({ postgres }) => {
  it('two members editing one meeting converge on text, minutes and awareness', async () => {
    const server = await startTestServer({ postgres });
    const docName = `meeting:${server.demo.meetingId}`;
    const familyId = server.demo.familyIds[0] ?? '';
    const consultant = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'csw@demo.test'),
    });
    const coordinator = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'coordinator@demo.test'),
    });
    await Promise.all([consultant.synced, coordinator.synced]);

    consultant.doc.getText('scratch').insert(0, 'Mum seems more settled. ');
    coordinator.doc.getText('scratch').insert(0, 'School reports Mia is tired. ');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Leo said he misses his dad.')]);
    minutesFragment(coordinator.doc, familyId).insert(0, [paragraph]);

    consultant.provider.awareness.setLocalStateField('user', {
      name: 'Amara Okafor',
      color: '#1d70b8',
    });

    await eventually(() => {
      expect(consultant.doc.getText('scratch').toString()).toBe(
        coordinator.doc.getText('scratch').toString(),
      );
      expect(consultant.doc.getText('scratch').toString()).toContain('Mum seems more settled.');
      expect(consultant.doc.getText('scratch').toString()).toContain('Mia is tired');
      expect(minutesFragment(consultant.doc, familyId).toString()).toContain(
        'Leo said he misses his dad.',
      );
    });
    await eventually(() => {
      const seen = Array.from(coordinator.provider.awareness.getStates().values()).map(
        (s) => s.user?.name,
      );
      expect(seen).toContain('Amara Okafor');
    });

    // Each opening is in the audit trail, with who and in which role.
    const opened = await server.app.persistence.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target', 'detail'])
      .where('action', '=', 'document.opened')
      .execute();
    expect(opened.map((row) => row.actor_user_id).sort()).toEqual(
      [server.demo.userIds['csw@demo.test'], server.demo.userIds['coordinator@demo.test']].sort(),
    );
    expect(opened.every((row) => row.target === docName)).toBe(true);

    // When a client leaves, the others see its awareness go.
    consultant.destroy();
    await eventually(() => {
      const seen = Array.from(coordinator.provider.awareness.getStates().values()).map(
        (s) => s.user?.name,
      );
      expect(seen).not.toContain('Amara Okafor');
    });
    coordinator.destroy();
  });

  it('a room unloads after the last client leaves, once flushed, and reloads with everything', async () => {
    const server = await startTestServer({ postgres });
    const docName = `meeting:${server.demo.meetingId}`;
    const cookie = await signIn(server.url, 'sw@demo.test');
    const writer = connectYClient(server.url, docName, { cookie });
    await writer.synced;
    writer.doc.getText('scratch').insert(0, 'planned conversation with Dad on Tuesday');
    await eventually(async () => {
      const stored = await server.app.persistence.documents.load(docName);
      expect(stored.entries.length).toBeGreaterThan(0);
    });
    writer.destroy();
    await eventually(() => expect(server.app.sync.hasRoom(docName)).toBe(false));

    const reader = connectYClient(server.url, docName, { cookie });
    await reader.synced;
    expect(reader.doc.getText('scratch').toString()).toBe(
      'planned conversation with Dad on Tuesday',
    );
    reader.destroy();
  });
});
