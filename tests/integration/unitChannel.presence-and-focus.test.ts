import { describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  LiveMeeting,
  MeetingFocus,
  ServerToClientEvents,
  UnitPresence,
} from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { eventually } from '../helpers/yClient.js';
import { onTestFinished } from 'vitest';

type UnitSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Member {
  socket: UnitSocket;
  presence: UnitPresence[];
  live: LiveMeeting[][];
  focus: MeetingFocus[];
}

async function member(
  server: TestServer,
  email: string | null,
  origin = server.url,
): Promise<Member> {
  const cookie = email ? await signIn(server.url, email) : undefined;
  const socket: UnitSocket = io(server.url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), origin },
    reconnection: false,
  });
  onTestFinished(() => void socket.disconnect());
  const m: Member = { socket, presence: [], live: [], focus: [] };
  socket.on('unit:presence', (p) => m.presence.push(p));
  socket.on('unit:live-meetings', (p) => m.live.push(p.meetings));
  socket.on('meeting:focus', (f) => m.focus.push(f));
  return m;
}

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe("unit channel (socket.io): presence, live meeting and the chair's focus", () => {
  it('shows who is online and which meeting is live, with who is in it', async () => {
    const server = await startTestServer();
    const unitId = server.demo.unitId;
    const consultant = await member(server, 'csw@demo.test');
    const worker = await member(server, 'sw@demo.test');
    ok(await consultant.socket.emitWithAck('unit:watch', unitId));
    ok(await worker.socket.emitWithAck('unit:watch', unitId));
    await eventually(() => {
      const last = consultant.presence.at(-1);
      expect(last?.online.map((m) => m.name).sort()).toEqual(['Amara Okafor', 'Tom Whitfield']);
    });

    ok(await worker.socket.emitWithAck('meeting:enter', server.demo.meetingId));
    await eventually(() => {
      const live = consultant.live.at(-1);
      expect(live).toHaveLength(1);
      expect(live?.[0]?.meetingId).toBe(server.demo.meetingId);
      expect(live?.[0]?.present.map((p) => p.role)).toEqual(['social_worker']);
    });

    worker.socket.disconnect();
    await eventually(() => {
      expect(consultant.presence.at(-1)?.online.map((m) => m.name)).toEqual(['Amara Okafor']);
      expect(consultant.live.at(-1)).toEqual([]);
    });
  });

  it('the chair moves the focus and every follower in the meeting gets it, a late joiner too', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const chair = await member(server, 'csw@demo.test');
    const follower = await member(server, 'coordinator@demo.test');
    const initial = ok(await follower.socket.emitWithAck('meeting:enter', meetingId));
    expect(initial.familyId).toBeNull();
    ok(await chair.socket.emitWithAck('meeting:enter', meetingId));

    const focus = ok(
      await chair.socket.emitWithAck('meeting:set-focus', {
        meetingId,
        familyId: familyIds[1] ?? '',
      }),
    );
    expect(focus.by?.name).toBe('Amara Okafor');
    await eventually(() => expect(follower.focus.at(-1)?.familyId).toBe(familyIds[1]));

    const late = await member(server, 'clinician@demo.test');
    const lateFocus = ok(await late.socket.emitWithAck('meeting:enter', meetingId));
    expect(lateFocus.familyId).toBe(familyIds[1]);
  });

  it('only the chair may move the focus, only to a family on the agenda', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const worker = await member(server, 'sw@demo.test');
    ok(await worker.socket.emitWithAck('meeting:enter', meetingId));
    const refused = await worker.socket.emitWithAck('meeting:set-focus', {
      meetingId,
      familyId: familyIds[0] ?? '',
    });
    expect(refused.ok).toBe(false);

    const chair = await member(server, 'csw@demo.test');
    const offAgenda = await chair.socket.emitWithAck('meeting:set-focus', {
      meetingId,
      familyId: 'notafamily',
    });
    expect(offAgenda.ok).toBe(false);
    const malformed = await chair.socket.emitWithAck('meeting:set-focus', {
      meetingId,
      familyId: { $ne: 1 },
    } as never);
    expect(malformed).toEqual({ ok: false, error: 'malformed request' });
  });

  it('refuses sockets without a session or from another origin, and non-members of a unit', async () => {
    const server = await startTestServer();
    const anonymous = await member(server, null);
    const anonymousError = await new Promise<Error>((resolve) =>
      anonymous.socket.on('connect_error', resolve),
    );
    expect(anonymousError.message).toBe('unauthenticated');

    const foreign = await member(server, 'csw@demo.test', 'http://evil.example');
    await new Promise<Error>((resolve) => foreign.socket.on('connect_error', resolve));
    expect(foreign.socket.connected).toBe(false);

    const consultant = await member(server, 'csw@demo.test');
    const wrongUnit = await consultant.socket.emitWithAck('unit:watch', 'someotherunit');
    expect(wrongUnit.ok).toBe(false);
    const wrongMeeting = await consultant.socket.emitWithAck('meeting:enter', 'someothermeeting');
    expect(wrongMeeting.ok).toBe(false);
  });
});
