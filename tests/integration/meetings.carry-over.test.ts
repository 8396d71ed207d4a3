import { expect, it } from 'vitest';
import type { CloseMeetingResponse, MeetingPlan, MeResponse } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { channelMember, ok } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

async function scheduleSeries(server: TestServer, cookie: string, weeks: number) {
  const created = await api<{ seriesId: string; meetingIds: string[] }>(
    server.url,
    cookie,
    'POST',
    `/units/${server.demo.unitId}/meeting-series`,
    { title: 'Tuesday unit meeting', firstDate: '2026-03-03', startTime: '09:30', weeks },
  );
  expect(created.status).toBe(201);
  return created.body.meetingIds;
}

const plan = async (server: TestServer, cookie: string, meetingId: string) => {
  const answer = await api<MeetingPlan>(server.url, cookie, 'GET', `/meetings/${meetingId}/plan`);
  expect(answer.status).toBe(200);
  return answer.body;
};

describeEachStore('meetings: scheduling, agenda and carry-over on closing', (store) => {
  it('[M1][M2][M3] schedules a weekly series, suggests the families due, and orders the agenda with time boxes', async () => {
    const server = await startTestServer(store);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const [harper, kowalski, osei] = server.demo.familyIds as [string, string, string];
    const meetingIds = await scheduleSeries(server, coordinator, 3);
    expect(meetingIds).toHaveLength(3);

    const me = await api<MeResponse>(server.url, coordinator, 'GET', '/me');
    const dates = me.body.units[0]?.meetings
      .filter((meeting) => meetingIds.includes(meeting.id))
      .map((meeting) => [meeting.date, meeting.startTime]);
    expect(dates?.sort()).toEqual([
      ['2026-03-03', '09:30'],
      ['2026-03-10', '09:30'],
      ['2026-03-17', '09:30'],
    ]);

    const first = meetingIds[0] ?? '';
    const empty = await plan(server, coordinator, first);
    // Never discussed: every family is due, in name order.
    expect(empty.suggestions.map((s) => [s.familyName, s.due])).toEqual([
      ['Harper family', true],
      ['Kowalski-Reid family', true],
      ['Osei family', true],
    ]);

    const set = await api<MeetingPlan>(
      server.url,
      coordinator,
      'PUT',
      `/meetings/${first}/agenda`,
      {
        items: [
          { familyId: osei, timeboxMinutes: 60 },
          { familyId: harper, timeboxMinutes: 30 },
        ],
      },
    );
    expect(set.status).toBe(200);
    expect(
      set.body.agenda.map((item) => [item.familyId, item.position, item.timeboxMinutes]),
    ).toEqual([
      [osei, 0, 60],
      [harper, 1, 30],
    ]);
    expect(set.body.suggestions.map((s) => s.familyId)).toEqual([kowalski]);

    // A family twice, a family of another unit, a silly time box: refused with a reason.
    for (const items of [
      [
        { familyId: osei, timeboxMinutes: 30 },
        { familyId: osei, timeboxMinutes: 30 },
      ],
      [{ familyId: 'someotherfamily', timeboxMinutes: 30 }],
      [{ familyId: osei, timeboxMinutes: 0 }],
    ]) {
      const refused = await api<{ error: { code: string; message: string } }>(
        server.url,
        coordinator,
        'PUT',
        `/meetings/${first}/agenda`,
        { items },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('[M4][M5] on closing, the families the chair did not reach go to the top of the next meeting, once', async () => {
    const server = await startTestServer(store);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const [harper, kowalski, osei] = server.demo.familyIds as [string, string, string];
    const [first, second] = (await scheduleSeries(server, coordinator, 2)) as [string, string];
    await api(server.url, coordinator, 'PUT', `/meetings/${first}/agenda`, {
      items: [
        { familyId: harper, timeboxMinutes: 40 },
        { familyId: kowalski, timeboxMinutes: 50 },
        { familyId: osei, timeboxMinutes: 20 },
      ],
    });
    await api(server.url, coordinator, 'PUT', `/meetings/${second}/agenda`, {
      items: [
        { familyId: harper, timeboxMinutes: 30 },
        { familyId: osei, timeboxMinutes: 45 },
      ],
    });

    // The chair reaches Harper in the room; the meeting runs out of time after it.
    const chair = await channelMember(server, 'csw@demo.test');
    ok(await chair.socket.emitWithAck('meeting:enter', first));
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId: first, familyId: harper }));
    await eventually(async () => {
      const reached = (await plan(server, coordinator, first)).agenda.filter((i) => i.reached);
      expect(reached.map((item) => item.familyId)).toEqual([harper]);
    });

    const closed = await api<CloseMeetingResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${first}/close`,
      {},
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ nextMeetingId: second, carried: [kowalski] });
    await eventually(() =>
      expect(chair.closed).toEqual([{ meetingId: first, nextMeetingId: second }]),
    );

    const next = await plan(server, coordinator, second);
    // Kowalski-Reid first, with its time box and where it came from; Osei was already planned.
    expect(
      next.agenda.map((item) => [
        item.familyId,
        item.position,
        item.timeboxMinutes,
        item.carriedFrom?.meetingId ?? null,
      ]),
    ).toEqual([
      [kowalski, 0, 50, first],
      [harper, 1, 30, null],
      [osei, 2, 45, null],
    ]);
    const after = await plan(server, coordinator, first);
    expect(after.meeting.status).toBe('closed');

    // Closed is final: no second close, no change of its agenda, the chair cannot focus it.
    const again = await api(server.url, coordinator, 'POST', `/meetings/${first}/close`, {});
    expect(again.status).toBe(409);
    const edit = await api(server.url, coordinator, 'PUT', `/meetings/${first}/agenda`, {
      items: [],
    });
    expect(edit.status).toBe(409);
    const focus = await chair.socket.emitWithAck('meeting:set-focus', {
      meetingId: first,
      familyId: osei,
    });
    expect(focus.ok).toBe(false);

    // The carry-over is in the store: a restarted server shows the same next agenda.
    const restarted = await server.restart();
    const cookie = await signIn(restarted.url, 'coordinator@demo.test');
    expect((await plan(restarted, cookie, second)).agenda.map((item) => item.familyId)).toEqual([
      kowalski,
      harper,
      osei,
    ]);
  });

  it('[M5][M2] closing the last meeting of a series makes the next one a week later; closing can say who was reached', async () => {
    const server = await startTestServer(store);
    const consultant = await signIn(server.url, 'csw@demo.test');
    const [harper, kowalski, osei] = server.demo.familyIds as [string, string, string];
    const [only] = (await scheduleSeries(server, consultant, 1)) as [string];
    await api(server.url, consultant, 'PUT', `/meetings/${only}/agenda`, {
      items: [
        { familyId: harper, timeboxMinutes: 40 },
        { familyId: kowalski, timeboxMinutes: 50 },
        { familyId: osei, timeboxMinutes: 20 },
      ],
    });
    const closed = await api<CloseMeetingResponse>(
      server.url,
      consultant,
      'POST',
      `/meetings/${only}/close`,
      { reached: [kowalski] },
    );
    expect(closed.body.carried).toEqual([harper, osei]);
    const next = await plan(server, consultant, closed.body.nextMeetingId);
    expect(next.meeting).toMatchObject({
      date: '2026-03-10',
      startTime: '09:30',
      title: 'Tuesday unit meeting',
      status: 'planned',
    });
    expect(next.agenda.map((item) => item.familyId)).toEqual([harper, osei]);

    // Kowalski-Reid was discussed on 3 March: due again a fortnight on, or a week if very active.
    const notYet = next.suggestions.find((s) => s.familyId === kowalski);
    expect(notYet).toMatchObject({ lastDiscussed: '2026-03-03', dueOn: '2026-03-17', due: false });
    const activity = await api(server.url, consultant, 'PUT', `/families/${kowalski}/activity`, {
      veryActive: true,
    });
    expect(activity.status).toBe(204);
    const weekly = (await plan(server, consultant, closed.body.nextMeetingId)).suggestions.find(
      (s) => s.familyId === kowalski,
    );
    expect(weekly).toMatchObject({ dueOn: '2026-03-10', due: true, veryActive: true });
  });

  it('only the coordinator and the consultant plan and close; other members read', async () => {
    const server = await startTestServer(store);
    const { meetingId, familyIds } = server.demo;
    for (const email of ['sw@demo.test', 'manager@demo.test']) {
      const cookie = await signIn(server.url, email);
      const read = await plan(server, cookie, meetingId);
      expect(read.canManage).toBe(false);
      expect(read.guests).toEqual([]);
      for (const [method, path, body] of [
        ['PUT', `/meetings/${meetingId}/agenda`, { items: [] }],
        ['POST', `/meetings/${meetingId}/close`, {}],
        ['POST', `/meetings/${meetingId}/guests`, { name: 'A Guest', email: 'a@health.test' }],
        ['PUT', `/families/${familyIds[0]}/activity`, { veryActive: true }],
        [
          'POST',
          `/units/${server.demo.unitId}/meeting-series`,
          { title: 'x', firstDate: '2026-03-03', startTime: '09:30' },
        ],
      ] as const) {
        const refused = await api<{ error: { code: string } }>(
          server.url,
          cookie,
          method,
          path,
          body,
        );
        expect(refused.status, `${email} ${method} ${path}`).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
    }
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const foreign = await fetch(`${server.url}/api/meetings/${meetingId}/close`, {
      method: 'POST',
      headers: {
        cookie: coordinator,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect((await plan(server, coordinator, meetingId)).meeting.status).toBe('planned');
  });
});
