import { describe, expect, it } from 'vitest';
import type { ChildServer } from '../helpers/childServer.js';
import { demoMeeting, startCluster } from '../helpers/cluster.js';
import { SCALE_OUT_SKIP_REASON } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { channelMember, newest, ok, type ChannelMember } from '../helpers/unitSocket.js';
import { eventually } from '../helpers/yClient.js';

/**
 * The meeting's live state (the family timers and raised hands) is the same seen from any process
 * of a deployment: it lives in Redis, and each change is told once to the room on every process.
 * Without Redis behind them, each process would keep its own clock and its own hands.
 */

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
const scaleOut = Boolean(databaseUrl && redisUrl);
/** Messages cross processes through Redis; a busy two-core box needs more than the default. */
const CROSS_PROCESS_TIMEOUT_MS = 10_000;
/** Two or three server processes start one after another. */
const CLUSTER_TEST_TIMEOUT_MS = 120_000;

const handNames = (member: ChannelMember) =>
  newest(member.hands)?.hands.map((hand) => hand.name) ?? [];

/** The demo meeting with its chair (the consultant) in it on the first process. */
async function meetingWithChair(count: number) {
  const cluster = await startCluster('live', count);
  const servers = cluster.servers as [ChildServer, ChildServer, ChildServer];
  const chairCookie = await signIn(servers[0].url, 'csw@demo.test');
  const meeting = await demoMeeting(servers[0], chairCookie);
  const chair = await channelMember(servers[0], { cookie: chairCookie });
  ok(await chair.socket.emitWithAck('meeting:enter', meeting.meetingId));
  const enter = async (server: ChildServer, email: string) => {
    const member = await channelMember(server, email);
    ok(await member.socket.emitWithAck('meeting:enter', meeting.meetingId));
    return member;
  };
  return { servers, meeting, chair, enter };
}

describe.skipIf(!scaleOut)(
  `scale-out: timers and hands across processes${scaleOut ? '' : ` (${SCALE_OUT_SKIP_REASON})`}`,
  () => {
    it(
      "[M7] the chair's timer on one process is the clock on another and for a late joiner on a third; it stops when the last person leaves, wherever",
      async () => {
        const { servers, meeting, chair, enter } = await meetingWithChair(3);
        const { meetingId, familyIds } = meeting;
        const [first, second] = familyIds as [string, string];
        const participant = await enter(servers[1], 'sw@demo.test');

        const focused = ok(
          await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: first }),
        );
        await eventually(() => {
          expect(newest(participant.timers)?.timers).toEqual([
            { familyId: first, elapsedMs: 0, runningSince: focused.at },
          ]);
        }, CROSS_PROCESS_TIMEOUT_MS);
        const moved = ok(
          await chair.socket.emitWithAck('meeting:set-focus', { meetingId, familyId: second }),
        );
        await eventually(() => {
          const timers = newest(participant.timers)?.timers ?? [];
          expect(timers.find((timer) => timer.familyId === first)).toEqual({
            familyId: first,
            elapsedMs: moved.at - focused.at,
            runningSince: null,
          });
          expect(timers.find((timer) => timer.familyId === second)?.runningSince).toBe(moved.at);
        }, CROSS_PROCESS_TIMEOUT_MS);
        const seenOnSecond = newest(participant.timers)?.timers;

        // A late joiner on the third process is told the same clock, read from Redis there.
        const late = await enter(servers[2], 'clinician@demo.test');
        expect(newest(late.timers)?.timers).toEqual(seenOnSecond);

        // Everyone leaves, the last on the third process: the clock stops for the next to come.
        chair.socket.disconnect();
        participant.socket.disconnect();
        const witness = await enter(servers[1], 'coordinator@demo.test');
        expect(newest(witness.timers)?.timers).toEqual(seenOnSecond);
        witness.socket.disconnect();
        late.socket.disconnect();
        await eventually(async () => {
          const after = await enter(servers[1], 'coordinator@demo.test');
          const timers = newest(after.timers)?.timers ?? [];
          after.socket.disconnect();
          expect(timers).toHaveLength(2);
          expect(timers.every((timer) => timer.runningSince === null)).toBe(true);
        }, CROSS_PROCESS_TIMEOUT_MS);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );

    it(
      '[M8] a hand raised on one process is seen by the chair on another, who lowers it there; it goes down with its owner’s last socket, wherever that was',
      async () => {
        const { servers, meeting, chair, enter } = await meetingWithChair(3);
        const { meetingId } = meeting;
        const worker = await enter(servers[1], 'sw@demo.test');

        ok(await worker.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
        await eventually(
          () => expect(handNames(chair)).toEqual(['Tom Whitfield']),
          CROSS_PROCESS_TIMEOUT_MS,
        );
        const workerId = newest(chair.hands)?.hands[0]?.userId ?? '';
        ok(await chair.socket.emitWithAck('meeting:lower-hand', { meetingId, userId: workerId }));
        await eventually(() => expect(handNames(worker)).toEqual([]), CROSS_PROCESS_TIMEOUT_MS);

        // Up again, with a second tab on the third process: closing one tab leaves it up.
        const secondTab = await enter(servers[2], 'sw@demo.test');
        ok(await worker.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true }));
        await eventually(
          () => expect(handNames(chair)).toEqual(['Tom Whitfield']),
          CROSS_PROCESS_TIMEOUT_MS,
        );
        worker.socket.disconnect();
        const witness = await enter(servers[1], 'coordinator@demo.test');
        expect(handNames(witness)).toEqual(['Tom Whitfield']);
        secondTab.socket.disconnect();
        await eventually(() => expect(handNames(chair)).toEqual([]), CROSS_PROCESS_TIMEOUT_MS);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );

    it(
      '[M8] two hands raised at the same moment on two processes both stay up, in the same order for everyone',
      async () => {
        const { servers, meeting, chair, enter } = await meetingWithChair(3);
        const { meetingId } = meeting;
        const worker = await enter(servers[1], 'sw@demo.test');
        const clinician = await enter(servers[2], 'clinician@demo.test');

        await Promise.all(
          [worker, clinician].map(async (member) =>
            ok(await member.socket.emitWithAck('meeting:raise-hand', { meetingId, raised: true })),
          ),
        );
        const both = ['Dr Jonah Bell', 'Tom Whitfield'];
        await eventually(() => {
          for (const member of [chair, worker, clinician])
            expect([...handNames(member)].sort()).toEqual(both);
        }, CROSS_PROCESS_TIMEOUT_MS);
        const order = handNames(chair);
        expect(handNames(worker)).toEqual(order);
        expect(handNames(clinician)).toEqual(order);
        const late = await enter(servers[0], 'coordinator@demo.test');
        expect(handNames(late)).toEqual(order);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );
  },
);
