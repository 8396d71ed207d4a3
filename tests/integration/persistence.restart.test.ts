import { expect, it } from 'vitest';
import { CLOSE_CODES } from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';

describeEachStore(
  'persistence: documents survive restarts and bad stores never overwrite good ones',
  ({ postgres }) => {
    it('a document survives a server restart', async () => {
      const first = await startTestServer({ postgres });
      const docName = `family:${first.demo.familyIds[1]}`;
      const writer = connectYClient(first.url, docName, {
        cookie: await signIn(first.url, 'clinician@demo.test'),
      });
      await writer.synced;
      writer.doc.getText('notes').insert(0, 'What would Zofia say if she were here?');
      await serverSaved(writer);
      writer.destroy();

      const second = await first.restart();
      const reader = connectYClient(second.url, docName, {
        cookie: await signIn(second.url, 'sw@demo.test'),
      });
      await reader.synced;
      expect(reader.doc.getText('notes').toString()).toBe('What would Zofia say if she were here?');
      reader.destroy();
    });

    it('answers a SAVED query only once the update before it is in the store', async () => {
      const server = await startTestServer({ postgres });
      const docName = `meeting:${server.demo.meetingId}`;
      const client = connectYClient(server.url, docName, {
        cookie: await signIn(server.url, 'coordinator@demo.test'),
      });
      await client.synced;
      client.doc.getText('scratch').insert(0, 'Action: Tom to visit Thursday');
      await serverSaved(client);
      const stored = await loadStoredDoc(server, docName);
      expect(stored.getText('scratch').toString()).toBe('Action: Tom to visit Thursday');
      client.destroy();
    });

    it('compacts the log on unload into a snapshot that loads to the same document', async () => {
      const server = await startTestServer({ postgres });
      const docName = `meeting:${server.demo.meetingId}`;
      const cookie = await signIn(server.url, 'coordinator@demo.test');
      const client = connectYClient(server.url, docName, { cookie });
      await client.synced;
      for (let i = 0; i < 40; i += 1) client.doc.getText('scratch').insert(i, String(i % 10));
      await serverSaved(client);
      expect((await server.app.persistence.documents.load(docName)).entries.length).toBeGreaterThan(
        10,
      );
      const expected = client.doc.getText('scratch').toString();
      client.destroy();
      await server.restart().then(async (restarted) => {
        // Shutdown flushed and compacted: one snapshot entry remains.
        const stored = await restarted.app.persistence.documents.load(docName);
        expect(stored.entries).toHaveLength(1);
        const reader = connectYClient(restarted.url, docName, {
          cookie: await signIn(restarted.url, 'sw@demo.test'),
        });
        await reader.synced;
        expect(reader.doc.getText('scratch').toString()).toBe(expected);
        reader.destroy();
      });
    });

    it('a failed load refuses the connection (LOAD_FAILED) and leaves the stored bytes untouched', async () => {
      const server = await startTestServer({ postgres });
      const docName = `meeting:${server.demo.meetingId}`;
      // A corrupt entry: applying it throws, so the room cannot load.
      const corrupt = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01, 0x02]);
      await server.app.persistence.documents.append(docName, [corrupt]);
      const before = await server.app.persistence.documents.load(docName);

      const client = connectYClient(server.url, docName, {
        cookie: await signIn(server.url, 'csw@demo.test'),
      });
      const closeCode = await new Promise<number>((resolve) =>
        client.provider.on('connection-close', (event) => resolve(event?.code ?? -1)),
      );
      expect(closeCode).toBe(CLOSE_CODES.LOAD_FAILED);
      expect(client.provider.synced).toBe(false);
      client.doc.getText('scratch').insert(0, 'typed while the store was broken');
      client.destroy();

      const reopened = await server.restart();
      const stored = await reopened.app.persistence.documents.load(docName);
      expect(stored.entries.map((e) => Array.from(e))).toEqual(
        before.entries.map((e) => Array.from(e)),
      );
    });
  },
);
