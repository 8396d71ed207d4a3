import { expect, it } from 'vitest';
import { FAN_OUT_RATE } from '@unitroom/server';
import { describeEachStore } from '../helpers/postgres.js';
import { startTestServer } from '../helpers/testServer.js';
import { channelMember as member, ok } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

/** Hand toggles one member sends as fast as the socket takes them. */
const TOGGLES = 1_000;

describeEachStore('unit channel: fan-out charged to the sender', (store) => {
  it("[T3] a member toggling their hand a thousand times is capped at their fan-out budget; the chair's focus and another hand still reach everyone", async () => {
    const server = await startTestServer(store);
    const { meetingId } = server.demo;
    const chair = await member(server, 'csw@demo.test');
    const flooder = await member(server, 'sw@demo.test');
    const honest = await member(server, 'clinician@demo.test');
    const watchers = [
      await member(server, 'cp@demo.test'),
      await member(server, 'coordinator@demo.test'),
      await member(server, 'manager@demo.test'),
    ];
    const room = [chair, flooder, honest, ...watchers];
    for (const m of room) ok(await m.socket.emitWithAck('meeting:enter', meetingId));
    const before = watchers[0]!.hands.length;

    const answers = await Promise.all(
      Array.from({ length: TOGGLES }, (_, i) =>
        flooder.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: i % 2 === 0 }),
      ),
    );
    const accepted = answers.filter((answer) => answer.ok).length;
    const refused = answers.filter((answer) => !answer.ok && answer.error.startsWith('too fast'));

    // The honest members' events still go out to everyone.
    ok(await honest.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
    const familyId = server.demo.familyIds[1]!;
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId }));
    for (const watcher of watchers)
      await eventually(() => {
        expect(watcher.focus.at(-1)?.familyId).toBe(familyId);
        expect(watcher.hands.at(-1)?.hands.map((hand) => hand.name)).toContain('Dr Jonah Bell');
      });
    const delivered = watchers[0]!.hands.length - before;
    console.log(
      `[T3] ${TOGGLES} toggles: ${accepted} accepted, ${refused.length} refused; one watcher ` +
        `was sent ${delivered} hand events`,
    );
    // The budget in deliveries, shared by everyone in the room, plus what refilled meanwhile.
    expect(refused.length).toBeGreaterThan(TOGGLES / 2);
    expect(accepted).toBeLessThan(TOGGLES / 2);
    expect(accepted * room.length).toBeLessThan(FAN_OUT_RATE.burst * 3);
  }, 120_000);
});
