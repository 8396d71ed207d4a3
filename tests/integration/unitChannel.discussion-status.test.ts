import { describe, expect, it } from 'vitest';
import { step } from '../helpers/finalisation.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { channelMember as member, ok } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

describe('unit channel: where the minutes stand reaches the meeting room at once', () => {
  it('[W11] ready, back to draft and approval are told to the sockets in the meeting, and to nobody outside it', async () => {
    const server = await startTestServer();
    const { meetingId, unitId } = server.demo;
    const familyId = server.demo.familyIds[0] ?? '';
    const consultant = await member(server, 'csw@demo.test');
    ok(await consultant.socket.emitWithAck('meeting:enter', meetingId));
    // A member of the unit who watches it but has not entered the meeting.
    const outside = await member(server, 'clinician@demo.test');
    ok(await outside.socket.emitWithAck('unit:watch', unitId));
    const coordinator = await signIn(server.url, 'coordinator@demo.test');

    await step(server, coordinator, meetingId, familyId, 'ready');
    await eventually(() =>
      expect(consultant.statuses).toEqual([{ meetingId, familyId, state: 'ready' }]),
    );
    await step(server, coordinator, meetingId, familyId, 'reopen');
    await eventually(() =>
      expect(consultant.statuses.map((s) => s.state)).toEqual(['ready', 'draft']),
    );
    await step(server, coordinator, meetingId, familyId, 'ready');
    await step(server, await signIn(server.url, 'csw@demo.test'), meetingId, familyId, 'approve');
    await eventually(() => expect(consultant.finalised).toEqual([{ meetingId, familyId }]));
    expect(consultant.statuses.map((s) => s.state)).toEqual(['ready', 'draft', 'ready']);

    // Events on one socket arrive in order: anything sent to the outsider before this answer
    // would be here by now.
    ok(await outside.socket.emitWithAck('unit:watch', unitId));
    expect(outside.statuses).toEqual([]);
    expect(outside.finalised).toEqual([]);
  });
});
