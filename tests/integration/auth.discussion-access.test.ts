import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, readDiscussion, userOrigin } from '@unitroom/shared';
import { discussionCommands } from '@unitroom/shared/minutes';
import { signedInOutsider } from '../helpers/accounts.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

describe('auth: a discussion document is open to who may open its meeting, for families on its agenda', () => {
  it('lets members open and co-edit a discussion of a family on the agenda; the manager only reads', async () => {
    const server = await startTestServer();
    const docName = `discussion:${server.demo.meetingId}:${server.demo.familyIds[0]}`;
    const coordinator = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'coordinator@demo.test'),
    });
    const clinician = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'clinician@demo.test'),
    });
    const manager = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'manager@demo.test'),
    });
    await Promise.all([coordinator.synced, clinician.synced, manager.synced]);

    discussionCommands(coordinator.doc, userOrigin('uc')).addAttendee({
      name: 'Jo Bennett',
      description: 'school nurse',
    });
    discussionCommands(manager.doc, userOrigin('mgr')).addAttendee({ name: 'Not allowed' });
    await eventually(() =>
      expect(readDiscussion(clinician.doc).attendance.map((a) => a.name)).toEqual(['Jo Bennett']),
    );
    await Promise.all([serverSaved(coordinator), serverSaved(manager)]);
    const stored = readDiscussion(await loadStoredDoc(server, docName));
    expect(stored.attendance.map((a) => a.name)).toEqual(['Jo Bennett']);
    expect(readDiscussion(clinician.doc).attendance.map((a) => a.name)).toEqual(['Jo Bennett']);
    for (const client of [coordinator, clinician, manager]) client.destroy();
  });

  it('refuses a family that is not on the meeting’s agenda, another unit’s member, and bad names (FORBIDDEN)', async () => {
    const server = await startTestServer();
    const db = server.app.persistence.db;
    const now = new Date().toISOString();
    const unitId = (
      await db
        .selectFrom('families')
        .select('unit_id')
        .where('id', '=', server.demo.familyIds[0] ?? '')
        .executeTakeFirstOrThrow()
    ).unit_id;
    await db
      .insertInto('families')
      .values({ id: 'offagenda', unit_id: unitId, name: 'Brennan family', created_at: now })
      .execute();
    const member = await signIn(server.url, 'csw@demo.test');
    const outsider = await signedInOutsider(server);
    const meetingId = server.demo.meetingId;
    const onAgenda = `discussion:${meetingId}:${server.demo.familyIds[0]}`;

    for (const [cookie, docName] of [
      [member, `discussion:${meetingId}:offagenda`],
      [member, `discussion:nomeeting:${server.demo.familyIds[0]}`],
      [member, `discussion:${meetingId}`],
      [member, `discussion:${meetingId}:${server.demo.familyIds[0]}:x`],
      [outsider, onAgenda],
    ] as const) {
      const client = connectYClient(server.url, docName, { cookie });
      expect(await client.refused, docName).toBe(CLOSE_CODES.FORBIDDEN);
      client.destroy();
    }
  });
});
