import { describe, expect, it } from 'vitest';
import type { ChairView } from '@unitroom/shared';
import { startTestServer } from '../helpers/testServer.js';
import { channelMember as member, ok } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

const personView: ChairView = {
  pane: 'genogram',
  personId: 'person-1',
  hypothesisId: null,
  section: null,
};
const minutesView: ChairView = {
  pane: 'minutes',
  personId: 'person-1',
  hypothesisId: 'hypothesis-2',
  section: { kind: 'decisions' },
};

describe("[W10] the chair's view (pane, person or hypothesis, minutes section) on the unit channel", () => {
  it('the chair shares a view on the family in focus; followers and late joiners get it', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const [first, second] = [familyIds[0] ?? '', familyIds[1] ?? ''];
    const chair = await member(server, 'csw@demo.test');
    const follower = await member(server, 'sw@demo.test');
    ok(await chair.socket.emitWithAck('meeting:enter', meetingId));
    ok(await follower.socket.emitWithAck('meeting:enter', meetingId));
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: first }));

    for (const view of [personView, minutesView]) {
      const focus = ok(
        await chair.socket.emitWithAck('meeting:set-view', { meetingId, familyId: first, view }),
      );
      expect(focus).toMatchObject({ familyId: first, view });
      await eventually(() => expect(follower.focus.at(-1)?.view).toEqual(view));
    }
    const late = await member(server, 'clinician@demo.test');
    const lateFocus = ok(await late.socket.emitWithAck('meeting:enter', meetingId));
    expect(lateFocus).toMatchObject({ familyId: first, view: minutesView });

    // A view for a family the chair is not on would name someone else's people: refused.
    const stale = await chair.socket.emitWithAck('meeting:set-view', {
      meetingId,
      familyId: second,
      view: personView,
    });
    expect(stale).toEqual({ ok: false, error: 'that family is not in focus' });
    // Moving to another family starts with no view: the last one named the other family's people.
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: second }));
    await eventually(() => expect(follower.focus.at(-1)?.familyId).toBe(second));
    expect(follower.focus.at(-1)?.view ?? null).toBeNull();
  });

  it("a non-chair's view and malformed views are refused and change nothing", async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const first = familyIds[0] ?? '';
    const chair = await member(server, 'csw@demo.test');
    const worker = await member(server, 'sw@demo.test');
    const coordinator = await member(server, 'coordinator@demo.test');
    for (const someone of [chair, worker, coordinator])
      ok(await someone.socket.emitWithAck('meeting:enter', meetingId));
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: first }));
    ok(
      await chair.socket.emitWithAck('meeting:set-view', {
        meetingId,
        familyId: first,
        view: personView,
      }),
    );
    await eventually(() => expect(worker.focus.at(-1)?.view).toEqual(personView));
    const before = worker.focus.length;

    // A member in the room who is not the chair (the meeting's coordinator included) cannot steer it.
    for (const someone of [worker, coordinator]) {
      const refused = await someone.socket.emitWithAck('meeting:set-view', {
        meetingId,
        familyId: first,
        view: minutesView,
      });
      expect(refused).toEqual({ ok: false, error: 'only the chair can do this' });
    }

    const malformed: unknown[] = [
      null,
      'minutes',
      { meetingId, familyId: first },
      { meetingId, familyId: first, view: { ...personView, pane: 'history' } },
      { meetingId, familyId: first, view: { ...personView, personId: 'p'.repeat(65) } },
      { meetingId, familyId: first, view: { ...personView, personId: 'has a space' } },
      { meetingId, familyId: first, view: { ...personView, hypothesisId: 42 } },
      { meetingId, familyId: first, view: { ...personView, section: { kind: 'gossip' } } },
      // Ids only: a name or any other field is not carried.
      { meetingId, familyId: first, view: { ...personView, personName: 'A. Person' } },
      { meetingId: 'x'.repeat(65), familyId: first, view: personView },
      { meetingId, familyId: first, view: personView, extra: true },
    ];
    for (const payload of malformed) {
      const refused = await chair.socket.emitWithAck(
        'meeting:set-view',
        // Deliberately outside the typed contract: what a hostile client could send.
        payload as Parameters<typeof chair.socket.emitWithAck<'meeting:set-view'>>[1],
      );
      expect(refused).toEqual({ ok: false, error: 'malformed request' });
    }

    // Nothing stored: a late joiner gets the chair's last good view.
    const late = await member(server, 'clinician@demo.test');
    expect(ok(await late.socket.emitWithAck('meeting:enter', meetingId)).view).toEqual(personView);
    // Nothing sent: the next message the room gets is the chair's next view, right after the last.
    ok(
      await chair.socket.emitWithAck('meeting:set-view', {
        meetingId,
        familyId: first,
        view: minutesView,
      }),
    );
    await eventually(() => expect(worker.focus.length).toBe(before + 1));
    expect(worker.focus.at(-1)?.view).toEqual(minutesView);
  });
});
