import { describe, expect, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import type { ChairView, MeetingFocus } from '@unitroom/shared';
import { MemoryFocusStore, RedisFocusStore, type FocusStore } from '@unitroom/server';
import { deleteRedisKeys, redisTestPrefix } from '../helpers/redis.js';

/**
 * The chair's focus and view ([W10]) in process memory and in Redis, one contract. The Redis run
 * needs REDIS_URL (CI sets it); without it the suite says so.
 */
const redisUrl = process.env.REDIS_URL ?? '';
const REDIS_SKIP_REASON = 'skipped: REDIS_URL is not set, so there is no Redis to test against';

function redisStore(): FocusStore {
  const redis = new Redis(redisUrl);
  const prefix = redisTestPrefix('focus-store');
  onTestFinished(async () => {
    redis.disconnect();
    await deleteRedisKeys(redisUrl, prefix);
  });
  return new RedisFocusStore(redis, prefix);
}

const implementations: [string, () => FocusStore, boolean][] = [
  ['memory', () => new MemoryFocusStore(), true],
  [`Redis${redisUrl ? '' : ` (${REDIS_SKIP_REASON})`}`, redisStore, Boolean(redisUrl)],
];

const focusOn = (familyId: string, at: number): MeetingFocus => ({
  meetingId: 'm1',
  familyId,
  by: { userId: 'chair', name: 'Chair Person' },
  at,
});
const view: ChairView = {
  pane: 'minutes',
  personId: 'p1',
  hypothesisId: null,
  section: { kind: 'child', childId: 'c1' },
};

describe.each(implementations)('focus store: %s', (_name, open, available) => {
  it.runIf(available)(
    "[W10] keeps the chair's view with the focus, only on the family in focus",
    async () => {
      const store = open();
      expect(await store.setView('m1', 'famA', view), 'no focus yet').toBeUndefined();
      await store.swap(focusOn('famA', 1_000));
      expect(await store.setView('m1', 'famB', view), 'another family').toBeUndefined();
      expect(await store.get('m1')).toEqual(focusOn('famA', 1_000));
      const stored = await store.setView('m1', 'famA', view);
      expect(stored).toEqual({ ...focusOn('famA', 1_000), view });
      expect(await store.get('m1')).toEqual(stored);
      // Moving on replaces the focus whole: the view named the other family's people.
      await store.swap(focusOn('famB', 2_000));
      expect((await store.get('m1'))?.view).toBeUndefined();
    },
  );
});
