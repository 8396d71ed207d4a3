import fs from 'node:fs';
import { onTestFinished } from 'vitest';
import type { MeResponse } from '@unitroom/shared';
import { startChildServer, type ChildServer } from './childServer.js';
import { dropPostgresSchema, postgresTestSchema } from './postgres.js';
import { deleteRedisKeys, redisTestPrefix } from './redis.js';
import { makeDataDir } from './testServer.js';

export interface Cluster {
  servers: ChildServer[];
  schema: string;
  keyPrefix: string;
  /** Starts one more process on the same PostgreSQL schema and Redis prefix. */
  start(): Promise<ChildServer>;
}

/**
 * `count` server processes on one PostgreSQL schema and one Redis key prefix (from DATABASE_URL
 * and REDIS_URL), all torn down when the test finishes.
 */
export async function startCluster(label: string, count: number): Promise<Cluster> {
  const databaseUrl = process.env.DATABASE_URL ?? '';
  const redisUrl = process.env.REDIS_URL ?? '';
  const schema = postgresTestSchema(label);
  const keyPrefix = redisTestPrefix(label);
  const dataDir = makeDataDir();
  const servers: ChildServer[] = [];
  onTestFinished(async () => {
    for (const server of servers) {
      if (server.process.exitCode === null && server.process.signalCode === null) {
        server.process.kill('SIGKILL');
        await server.exited;
      }
    }
    await dropPostgresSchema(databaseUrl, schema);
    await deleteRedisKeys(redisUrl, keyPrefix);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async () => {
    const server = await startChildServer(dataDir, {
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
    });
    servers.push(server);
    return server;
  };
  // One after the other: the first migrates and seeds, the others find it done.
  for (let i = 0; i < count; i += 1) await start();
  return { servers, schema, keyPrefix, start };
}

/** The seeded demo unit's first meeting as `cookie`'s person sees it through `server`'s REST API. */
export async function demoMeeting(server: ChildServer, cookie: string) {
  const response = await fetch(`${server.url}/api/me`, { headers: { cookie } });
  const me = (await response.json()) as MeResponse;
  const unit = me.units[0];
  const meeting = unit?.meetings[0];
  const familyIds = meeting?.agenda.map((item) => item.familyId) ?? [];
  if (!unit || !meeting || familyIds.length < 2)
    throw new Error('the demo unit has no meeting with two families on its agenda');
  return { userId: me.user.id, unitId: unit.id, meetingId: meeting.id, familyIds };
}
