import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const SCALE_OUT_SKIP_REASON =
  'skipped: scale-out needs both DATABASE_URL (one PostgreSQL) and REDIS_URL (.ci/run sets them)';

/** A key prefix of its own per test, so runs share one Redis without seeing each other. */
export const redisTestPrefix = (name: string): string =>
  `test:${name}:${randomBytes(6).toString('hex')}:`;

/** Deletes every key under `prefix` (channels keep nothing once nobody listens). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
