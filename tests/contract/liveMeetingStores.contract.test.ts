import { describe, expect, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import type { RaisedHand } from '@unitroom/shared';
import {
  MemoryHandStore,
  MemoryTimerStore,
  MEETING_STATE_TTL_MS,
  RedisHandStore,
  RedisTimerStore,
  type HandStore,
  type TimerStore,
} from '@unitroom/server';
import { deleteRedisKeys, redisTestPrefix } from '../helpers/redis.js';

/**
 * One contract for the meeting's live-state stores, in process memory and in Redis. The Redis
 * run needs REDIS_URL (CI sets it), each test under a key prefix of its own; without it the
 * suite says so.
 */
const redisUrl = process.env.REDIS_URL ?? '';
const REDIS_SKIP_REASON = 'skipped: REDIS_URL is not set, so there is no Redis to test against';

type Stores = { timers: TimerStore; hands: HandStore };

function redisStores(): Stores {
  const redis = new Redis(redisUrl);
  const prefix = redisTestPrefix('live-stores');
  onTestFinished(async () => {
    redis.disconnect();
    await deleteRedisKeys(redisUrl, prefix);
  });
  return { timers: new RedisTimerStore(redis, prefix), hands: new RedisHandStore(redis, prefix) };
}

const hand = (userId: string, raisedAt: number): RaisedHand => ({
  userId,
  name: `Person ${userId}`,
  role: 'social_worker',
  raisedAt,
});

const implementations: [string, () => Stores, boolean][] = [
  ['memory', () => ({ timers: new MemoryTimerStore(), hands: new MemoryHandStore() }), true],
  [`Redis${redisUrl ? '' : ` (${REDIS_SKIP_REASON})`}`, redisStores, Boolean(redisUrl)],
];

describe.each(implementations)('live meeting stores: %s', (_name, open, available) => {
  it.runIf(available)(
    '[M7] one family runs at a time; moving on adds the time to the one that stopped',
    async () => {
      const { timers } = open();
      expect(await timers.get('m1')).toEqual({ timers: [], version: 0 });
      const started = await timers.run('m1', 'famA', 1_000);
      expect(started?.timers).toEqual([{ familyId: 'famA', elapsedMs: 0, runningSince: 1_000 }]);
      expect(await timers.run('m1', 'famA', 1_500), 'already running: no change').toBeNull();
      const moved = await timers.run('m1', 'famB', 4_000);
      const byFamily = (state: typeof moved) =>
        Object.fromEntries((state?.timers ?? []).map((timer) => [timer.familyId, timer]));
      expect(byFamily(moved)).toEqual({
        famA: { familyId: 'famA', elapsedMs: 3_000, runningSince: null },
        famB: { familyId: 'famB', elapsedMs: 0, runningSince: 4_000 },
      });
      const back = await timers.run('m1', 'famA', 5_000);
      expect(byFamily(back).famA).toEqual({
        familyId: 'famA',
        elapsedMs: 3_000,
        runningSince: 5_000,
      });
      const stopped = await timers.stop('m1', 6_500);
      expect(byFamily(stopped)).toEqual({
        famA: { familyId: 'famA', elapsedMs: 4_500, runningSince: null },
        famB: { familyId: 'famB', elapsedMs: 1_000, runningSince: null },
      });
      expect(await timers.stop('m1', 7_000), 'nothing running: no change').toBeNull();
      expect(byFamily(await timers.get('m1'))).toEqual(byFamily(stopped));
      // Every change counted, so a client can tell the newer of two.
      expect([started, moved, back, stopped].map((state) => state?.version)).toEqual([1, 2, 3, 4]);
      expect((await timers.get('m2')).timers, 'meetings apart').toEqual([]);
      await timers.clear('m1');
      expect((await timers.get('m1')).timers).toEqual([]);
    },
  );

  it.runIf(available)(
    '[M8] hands stay in the order they went up; lowering one leaves the rest; every change counts',
    async () => {
      const { hands } = open();
      const [first, second] = await Promise.all([
        hands.raise('m1', hand('u1', 10)),
        hands.raise('m1', hand('u2', 20)),
      ]);
      expect(first.version).not.toBe(second.version);
      const both = await hands.get('m1');
      expect(both.hands.map((h) => h.userId)).toEqual(['u1', 'u2']);
      expect(both.version).toBe(Math.max(first.version, second.version));
      const lowered = await hands.lower('m1', 'u1');
      expect(lowered?.hands).toEqual([hand('u2', 20)]);
      expect(lowered?.version).toBeGreaterThan(both.version);
      expect(await hands.lower('m1', 'u1'), 'not up: no change').toBeNull();
      const again = await hands.raise('m1', hand('u1', 30));
      expect(again.hands.map((h) => h.userId)).toEqual(['u2', 'u1']);
      await hands.clear('m1');
      expect((await hands.get('m1')).hands).toEqual([]);
    },
  );
});

describe('live meeting stores in Redis: keys of a meeting nobody closes', () => {
  it.runIf(Boolean(redisUrl))(
    `[M9] timers and hands expire MEETING_STATE_TTL_MS after their last change${redisUrl ? '' : ` (${REDIS_SKIP_REASON})`}`,
    async () => {
      const redis = new Redis(redisUrl);
      const prefix = redisTestPrefix('live-stores-ttl');
      onTestFinished(async () => {
        redis.disconnect();
        await deleteRedisKeys(redisUrl, prefix);
      });
      const timers = new RedisTimerStore(redis, prefix);
      const hands = new RedisHandStore(redis, prefix);
      const ttlOf = (key: string) => redis.pttl(`${prefix}${key}`);

      await timers.run('m1', 'famA', 1_000);
      await hands.raise('m1', hand('u1', 10));
      for (const key of ['timers:m1', 'hands:m1']) {
        const ttl = await ttlOf(key);
        expect(ttl, `${key} has an expiry`).toBeGreaterThan(MEETING_STATE_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(MEETING_STATE_TTL_MS);
      }

      // A change pushes the expiry out again, whatever it was.
      await redis.pexpire(`${prefix}timers:m1`, 5_000);
      await redis.pexpire(`${prefix}hands:m1`, 5_000);
      await timers.stop('m1', 2_000);
      await hands.lower('m1', 'u1');
      expect(await ttlOf('timers:m1')).toBeGreaterThan(MEETING_STATE_TTL_MS - 60_000);
      expect(await ttlOf('hands:m1')).toBeGreaterThan(MEETING_STATE_TTL_MS - 60_000);

      // Closing still deletes them at once.
      await timers.clear('m1');
      await hands.clear('m1');
      expect(await redis.exists(`${prefix}timers:m1`, `${prefix}hands:m1`)).toBe(0);
    },
  );
});
