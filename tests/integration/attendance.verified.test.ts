import { expect, it } from 'vitest';
import {
  asFamilyId,
  asMeetingId,
  attendanceRoot,
  discussionDocName,
  readDiscussion,
  userOrigin,
} from '@unitroom/shared';
import { discussionCommands } from '@unitroom/shared/minutes';
import { rebuiltFromStoredStates, step, storedVersion } from '../helpers/finalisation.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * Issue 16, finding 3, the part a writer's own client can still do: the attendance is a map any
 * writer writes, so a stock client can state anyone as present. The finalised record lists only
 * people the server saw connected, under their accounts' names and roles ([U1]).
 */

async function open(server: TestServer, docName: string, email: string): Promise<YClient> {
  const client = connectYClient(server.url, docName, { cookie: await signIn(server.url, email) });
  await client.synced;
  return client;
}

const userId = (server: TestServer, email: string): string => {
  const id = server.demo.userIds[email];
  if (!id) throw new Error(`no demo user ${email}`);
  return id;
};

/** The finalised attendance, after checking that the stored states rebuild the same record. */
async function finalisedAttendance(server: TestServer, meetingId: string, familyId: string) {
  const stored = await storedVersion(server, meetingId, familyId);
  expect(rebuiltFromStoredStates(stored).contentHash).toBe(stored.row.content_hash);
  return stored.record.discussion.attendance;
}

describeEachStore(
  'the finalised attendance is what the server saw, not what a client wrote',
  (store) => {
    it('[U1] a writer’s stock client stating invented, absent and misnamed people present puts none of them in the record', async () => {
      const server = await startTestServer(store);
      const meetingId = server.demo.meetingId;
      const familyId = server.demo.familyIds[0]!;
      const docName = discussionDocName(asMeetingId(meetingId), asFamilyId(familyId));
      // In the room: the consultant (writing the minutes) and the read-only manager.
      const consultantRoom = await open(server, `meeting:${meetingId}`, 'csw@demo.test');
      const managerRoom = await open(server, `meeting:${meetingId}`, 'manager@demo.test');
      const writer = await open(server, docName, 'csw@demo.test');

      const commands = discussionCommands(writer.doc, userOrigin(userId(server, 'csw@demo.test')));
      commands.recordPresence([
        {
          id: userId(server, 'csw@demo.test'),
          name: 'Amara Okafor',
          role: 'consultant_social_worker',
        },
        // Present, but stated under another name and a writer's role.
        { id: userId(server, 'manager@demo.test'), name: 'DI Someone Else', role: 'social_worker' },
        // A member of the unit who never connected.
        { id: userId(server, 'cp@demo.test'), name: 'Priya Nair', role: 'child_practitioner' },
        // Nobody at all.
        { id: 'officer-0001', name: 'PC Invented', role: 'social_worker' },
      ]);
      // A hand-made entry posing as presence, and one added by hand claiming a role of the unit.
      writer.doc.transact(() => {
        attendanceRoot(writer.doc).set('officer-0002', {
          name: 'PC Also Invented',
          role: 'manager',
          description: '',
          source: 'presence',
          removed: false,
        });
        attendanceRoot(writer.doc).set('visitor-0001', {
          name: 'Ana Brook',
          role: 'clinician',
          description: 'health visitor',
          source: 'added',
          removed: false,
        });
      });
      await serverSaved(writer);
      // The live document holds what the client wrote: the record is where the server vouches.
      expect(readDiscussion(writer.doc).attendance.map((a) => a.name)).toContain('PC Invented');

      await step(
        server,
        await signIn(server.url, 'coordinator@demo.test'),
        meetingId,
        familyId,
        'ready',
      );
      await step(server, await signIn(server.url, 'csw@demo.test'), meetingId, familyId, 'approve');

      const attendance = await finalisedAttendance(server, meetingId, familyId);
      expect(attendance.map(({ id, name, role, source }) => ({ id, name, role, source }))).toEqual([
        {
          id: userId(server, 'csw@demo.test'),
          name: 'Amara Okafor',
          role: 'consultant_social_worker',
          source: 'presence',
        },
        { id: 'visitor-0001', name: 'Ana Brook', role: null, source: 'added' },
        {
          id: userId(server, 'manager@demo.test'),
          name: 'Grace Adeyemi',
          role: 'manager',
          source: 'presence',
        },
      ]);
      consultantRoom.destroy();
      managerRoom.destroy();
      writer.destroy();
    });
  },
);
