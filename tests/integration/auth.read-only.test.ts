import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

describe('auth: a read-only member receives everything and changes nothing', () => {
  it("drops the manager's writes on the server: they never reach the store or other clients", async () => {
    const server = await startTestServer();
    const docName = `meeting:${server.demo.meetingId}`;
    const manager = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'manager@demo.test'),
    });
    const consultant = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'csw@demo.test'),
    });
    await Promise.all([manager.synced, consultant.synced]);

    // The manager's client writes anyway, as a tampered UI could.
    manager.doc.getText('scratch').insert(0, 'MANAGER WAS HERE');
    consultant.doc.getText('scratch').insert(0, 'Decision: family group conference. ');

    // The manager receives the consultant's words...
    await eventually(() =>
      expect(manager.doc.getText('scratch').toString()).toContain('family group conference'),
    );
    // ...and can still be seen in awareness (presence is not a write).
    manager.provider.awareness.setLocalStateField('user', { name: 'Grace Adeyemi' });
    await eventually(() => {
      const names = Array.from(consultant.provider.awareness.getStates().values()).map(
        (s) => s.user?.name,
      );
      expect(names).toContain('Grace Adeyemi');
    });
    // Both sockets' messages have been handled once the server answers these.
    await Promise.all([serverSaved(manager), serverSaved(consultant)]);
    const fresh = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    await fresh.synced;
    expect(fresh.doc.getText('scratch').toString()).not.toContain('MANAGER');
    expect(consultant.doc.getText('scratch').toString()).not.toContain('MANAGER');
    const stored = await loadStoredDoc(server, docName);
    expect(stored.getText('scratch').toString()).not.toContain('MANAGER');

    for (const client of [manager, consultant, fresh]) client.destroy();
  });
});
