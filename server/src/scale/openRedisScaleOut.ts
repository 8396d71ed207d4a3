import type { RedisScaleOut, RedisScaleOutOptions } from './redisScaleOut.js';

/**
 * Opens the Redis scale-out (`./redisScaleOut.ts`), loading ioredis and socket.io's Redis adapter
 * on first use: a process without REDIS_URL (a single-process deployment, most test files) never
 * loads them (docs/performance-log.md, 2026-12-07, what loading the server costs).
 */
export async function openRedisScaleOut(options: RedisScaleOutOptions): Promise<RedisScaleOut> {
  const scaleOut = await import('./redisScaleOut.js');
  return scaleOut.openRedisScaleOut(options);
}
