import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { channelMember as member, ok } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

describe("unit channel (socket.io): presence, live meeting and the chair's focus", () => {
  /**
   * One server for the two tests whose requests are all refused: they change no focus, timer or
   * hand that another test reads. The others start from a meeting nobody has run, each on a
   * server of its own.
   */
  let refusing: TestServer;
  let stopRefusing = async () => {};
  beforeAll(async () => {
    refusing = await startTestServer({ register: (stop) => (stopRefusing = stop) });
  });
  afterAll(() => stopRefusing());

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
    const [first, second] = [familyIds[0] ?? '', familyIds[1] ?? ''];
    const chair = await member(server, 'csw@demo.test');
    const followers = [
      await member(server, 'coordinator@demo.test'),
      await member(server, 'sw@demo.test'),
    ];
    for (const follower of followers) {
      const initial = ok(await follower.socket.emitWithAck('meeting:enter', meetingId));
      expect(initial.familyId).toBeNull();
    }
    ok(await chair.socket.emitWithAck('meeting:enter', meetingId));

    for (const familyId of [second, first]) {
      const focus = ok(
        await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId }),
      );
      expect(focus.by?.name).toBe('Amara Okafor');
      await eventually(() => {
        for (const follower of followers) expect(follower.focus.at(-1)?.familyId).toBe(familyId);
      });
    }
    // Each follower saw the chair's moves in order, and nothing else.
    for (const follower of followers)
      expect(follower.focus.map((focus) => focus.familyId)).toEqual([second, first]);

    const late = await member(server, 'clinician@demo.test');
    const lateFocus = ok(await late.socket.emitWithAck('meeting:enter', meetingId));
    expect(lateFocus.familyId).toBe(first);
    // A follower who leaves and comes back (a dropped connection) is brought up to date too.
    followers[1]?.socket.emit('meeting:leave', meetingId);
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: second }));
    const back = ok(await followers[1]!.socket.emitWithAck('meeting:enter', meetingId));
    expect(back.familyId).toBe(second);
  });

  it("[M7] each family's timer runs while the chair is on it, and a late joiner gets the clock", async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const [first, second] = [familyIds[0] ?? '', familyIds[1] ?? ''];
    const chair = await member(server, 'csw@demo.test');
    const follower = await member(server, 'sw@demo.test');
    ok(await chair.socket.emitWithAck('meeting:enter', meetingId));
    ok(await follower.socket.emitWithAck('meeting:enter', meetingId));
    await eventually(() => expect(follower.timers.at(-1)?.timers).toEqual([]));

    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: first }));
    await eventually(() => {
      const timers = follower.timers.at(-1)?.timers ?? [];
      expect(timers).toHaveLength(1);
      expect(timers[0]).toMatchObject({ familyId: first, elapsedMs: 0 });
      expect(timers[0]?.runningSince).not.toBeNull();
    });
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: second }));
    await eventually(() => {
      const timers = follower.timers.at(-1)?.timers ?? [];
      const firstTimer = timers.find((timer) => timer.familyId === first);
      const secondTimer = timers.find((timer) => timer.familyId === second);
      // Moving on stops the first family's clock and starts the second's.
      expect(firstTimer?.runningSince).toBeNull();
      expect(secondTimer?.runningSince).not.toBeNull();
    });

    const late = await member(server, 'clinician@demo.test');
    ok(await late.socket.emitWithAck('meeting:enter', meetingId));
    await eventually(() => {
      const clock = late.timers.at(-1);
      expect(clock?.timers.map((timer) => timer.familyId).sort()).toEqual([first, second].sort());
      expect(clock?.serverNow).toBeGreaterThan(0);
    });
  });

  it('[M8] anyone in the room raises a hand, everyone sees it in order, and the chair can lower it', async () => {
    const server = await startTestServer();
    const { meetingId } = server.demo;
    const chair = await member(server, 'csw@demo.test');
    const worker = await member(server, 'sw@demo.test');
    const clinician = await member(server, 'clinician@demo.test');
    const outsider = await member(server, 'cp@demo.test');
    for (const m of [chair, worker, clinician])
      ok(await m.socket.emitWithAck('meeting:enter', meetingId));

    ok(await clinician.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
    ok(await worker.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
    await eventually(() =>
      expect(chair.hands.at(-1)?.hands.map((hand) => hand.name)).toEqual([
        'Dr Jonah Bell',
        'Tom Whitfield',
      ]),
    );
    // Not in the room: cannot raise a hand there.
    const notIn = await outsider.socket.emitWithAck('meeting:raise-hand', {
      meetingId,
      raised: true,
    });
    expect(notIn.ok).toBe(false);
    // Only the chair lowers someone else's hand.
    const userIds = Object.fromEntries(
      (chair.hands.at(-1)?.hands ?? []).map((hand) => [hand.name, hand.userId]),
    );
    const refused = await worker.socket.emitWithAck('meeting:lower-hand', {
      meetingId,
      userId: userIds['Dr Jonah Bell'] ?? '',
    });
    expect(refused.ok).toBe(false);
    ok(
      await chair.socket.emitWithAck('meeting:lower-hand', {
        meetingId,
        userId: userIds['Dr Jonah Bell'] ?? '',
      }),
    );
    ok(await worker.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: false }));
    await eventually(() => expect(clinician.hands.at(-1)?.hands).toEqual([]));

    // A hand goes down when its owner leaves; a late joiner sees the hands already up.
    ok(await worker.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
    const late = await member(server, 'coordinator@demo.test');
    ok(await late.socket.emitWithAck('meeting:enter', meetingId));
    await eventually(() =>
      expect(late.hands.at(-1)?.hands.map((hand) => hand.name)).toEqual(['Tom Whitfield']),
    );
    worker.socket.disconnect();
    await eventually(() => expect(late.hands.at(-1)?.hands).toEqual([]));
  });

  it('only the chair may move the focus, only to a family on the agenda', async () => {
    const server = refusing;
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
    const server = refusing;
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
