import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { genogramCommands, readGenogram } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { unitSocket } from '../helpers/unitSocket.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

async function snapshotNames(
  server: TestServer,
  cookie: string,
  familyId: string,
  meetingId: string,
) {
  const response = await fetch(`${server.url}/api/families/${familyId}/genograms/${meetingId}`, {
    headers: { cookie },
  });
  if (response.status !== 200) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
  return readGenogram(doc)
    .people.map((person) => person.name)
    .sort();
}

describe('genogram history: the family page shows the genogram as it stood at each meeting', () => {
  it('keeps the picture when the chair moves on, and later edits do not change it', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const [harper = '', kowalski = ''] = familyIds;
    const chairCookie = await signIn(server.url, 'csw@demo.test');
    const workerCookie = await signIn(server.url, 'sw@demo.test');
    const chair = unitSocket(server, chairCookie);
    expect((await chair.emitWithAck('meeting:enter', meetingId)).ok).toBe(true);
    expect((await chair.emitWithAck('meeting:set-focus', { meetingId, familyId: harper })).ok).toBe(
      true,
    );

    const family = connectYClient(server.url, `family:${harper}`, { cookie: workerCookie });
    await family.synced;
    const commands = genogramCommands(family.doc, { kind: 'user', userId: 'sw' });
    commands.addPerson({ name: 'Mia Harper', gender: 'female' });
    commands.addPerson({ name: 'Leo Harper', gender: 'male' });
    await serverSaved(family);

    // Nothing kept yet: the discussion is still going on.
    expect(await snapshotNames(server, workerCookie, harper, meetingId)).toBeNull();

    expect(
      (await chair.emitWithAck('meeting:set-focus', { meetingId, familyId: kowalski })).ok,
    ).toBe(true);
    await eventually(async () =>
      expect(await snapshotNames(server, workerCookie, harper, meetingId)).toEqual([
        'Leo Harper',
        'Mia Harper',
      ]),
    );

    // The live genogram moves on; the kept one does not.
    commands.addPerson({ name: 'Grandma Harper', gender: 'female' });
    await serverSaved(family);
    expect(await snapshotNames(server, workerCookie, harper, meetingId)).toEqual([
      'Leo Harper',
      'Mia Harper',
    ]);

    const list = await fetch(`${server.url}/api/families/${harper}/genograms`, {
      headers: { cookie: workerCookie },
    });
    expect((await list.json()).snapshots).toEqual([
      expect.objectContaining({ meetingId, meetingTitle: 'Weekly unit meeting' }),
    ]);
    family.destroy();
  });

  it('keeps the focused family when the last person leaves the meeting room', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const osei = familyIds[2] ?? '';
    const cookie = await signIn(server.url, 'csw@demo.test');
    const chair = unitSocket(server, cookie);
    await chair.emitWithAck('meeting:enter', meetingId);
    await chair.emitWithAck('meeting:set-focus', { meetingId, familyId: osei });
    chair.emit('meeting:leave', meetingId);
    await eventually(async () =>
      expect(await snapshotNames(server, cookie, osei, meetingId)).toEqual([]),
    );
  });

  it('shows history only to members of the family’s unit', async () => {
    const server = await startTestServer();
    const response = await fetch(
      `${server.url}/api/families/${server.demo.familyIds[0]}/genograms`,
    );
    expect(response.status).toBe(401);
    const cookie = await signIn(server.url, 'csw@demo.test');
    const other = await fetch(`${server.url}/api/families/notafamily/genograms`, {
      headers: { cookie },
    });
    expect(other.status).toBe(404);
  });
});
