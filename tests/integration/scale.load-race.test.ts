import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DocumentStore } from '@unitroom/server';
import { dropPostgresSchema, postgresTestSchema } from '../helpers/postgres.js';
import { SCALE_OUT_SKIP_REASON, deleteRedisKeys, redisTestPrefix } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';

/**
 * Holds every load after it has read the store, until released: the widest possible gap between
 * what a process loaded and what others write meanwhile.
 */
function loadHeldAfterReading(
  store: DocumentStore,
  held: { release: Promise<void>; reads: number },
) {
  const wrapped: DocumentStore = {
    soleWriter: store.soleWriter,
    load: async (name) => {
      const stored = await store.load(name);
      held.reads += 1;
      await held.release;
      return stored;
    },
    append: (name, updates) => store.append(name, updates),
    compact: (name, throughId, snapshotOf) => store.compact(name, throughId, snapshotOf),
    remove: (name) => store.remove(name),
  };
  return wrapped;
}

describe.skipIf(!databaseUrl || !redisUrl)(
  `scale-out: a process that loads a document while another edits it${!databaseUrl || !redisUrl ? ` (${SCALE_OUT_SKIP_REASON})` : ''}`,
  () => {
    it('misses nothing written between its read of the store and the end of its load', async () => {
      const schema = postgresTestSchema('race');
      const keyPrefix = redisTestPrefix('race');
      const shared = {
        database: { url: databaseUrl, schema },
        redis: { url: redisUrl, keyPrefix },
      };
      const stops: Array<() => Promise<void>> = [];
      onTestFinished(async () => {
        for (const stop of stops.reverse()) await stop();
        await dropPostgresSchema(databaseUrl, schema);
        await deleteRedisKeys(redisUrl, keyPrefix);
      });
      const register = (stop: () => Promise<void>) => void stops.push(stop);
      const editing = await startTestServer({ config: shared, register });
      let release = () => undefined as void;
      const held = { release: new Promise<void>((resolve) => (release = resolve)), reads: 0 };
      const joining = await startTestServer({
        demo: editing.demo,
        config: { ...shared, wrapDocumentStore: (store) => loadHeldAfterReading(store, held) },
        register,
      });
      const docName = `meeting:${editing.demo.meetingId}`;
      const writer = connectYClient(editing.url, docName, {
        cookie: await signIn(editing.url, 'csw@demo.test'),
      });
      onTestFinished(() => writer.destroy());
      await writer.synced;
      const entries = writer.doc.getArray<string>('entries');
      entries.push(['before-1', 'before-2']);

      const reader = connectYClient(joining.url, docName, {
        cookie: await signIn(joining.url, 'sw@demo.test'),
      });
      onTestFinished(() => reader.destroy());
      // The joining process has read the store and holds its load; now write.
      await eventually(() => expect(held.reads).toBe(1));
      for (let i = 0; i < 50; i += 1) entries.push([`during-${i}`]);
      // Every one of them is durable, so published, before the held load returns.
      await serverSaved(writer);
      expect(reader.doc.getArray('entries').length).toBe(0);
      release();
      await reader.synced;
      await eventually(() =>
        expect(reader.doc.getArray<string>('entries').toArray()).toEqual(entries.toArray()),
      );
      expect(entries.length).toBe(52);
    });

    it('catches up from the store after its Redis subscription was cut', async () => {
      const schema = postgresTestSchema('relay');
      const keyPrefix = redisTestPrefix('relay');
      const shared = {
        database: { url: databaseUrl, schema },
        redis: { url: redisUrl, keyPrefix },
      };
      const stops: Array<() => Promise<void>> = [];
      onTestFinished(async () => {
        for (const stop of stops.reverse()) await stop();
        await dropPostgresSchema(databaseUrl, schema);
        await deleteRedisKeys(redisUrl, keyPrefix);
      });
      const register = (stop: () => Promise<void>) => void stops.push(stop);
      const logged: string[] = [];
      const editing = await startTestServer({ config: shared, register });
      const reading = await startTestServer({
        demo: editing.demo,
        config: {
          ...shared,
          logger: { info: (message) => logged.push(message), error: () => undefined },
        },
        register,
      });
      const docName = `meeting:${editing.demo.meetingId}`;
      const writer = connectYClient(editing.url, docName, {
        cookie: await signIn(editing.url, 'csw@demo.test'),
      });
      const reader = connectYClient(reading.url, docName, {
        cookie: await signIn(reading.url, 'sw@demo.test'),
      });
      onTestFinished(() => [writer, reader].forEach((client) => client.destroy()));
      await Promise.all([writer.synced, reader.synced]);
      const entries = writer.doc.getArray<string>('entries');
      entries.push(['relayed']);
      await eventually(() => expect(reader.doc.getArray('entries').toArray()).toEqual(['relayed']));

      // Cut both processes' relay subscriptions (found by name; nobody else's) and write at once:
      // what is published before ioredis resubscribes never arrives.
      const admin = new Redis(redisUrl);
      onTestFinished(() => void admin.disconnect());
      const list = (await admin.client('LIST')) as string;
      const ids = list
        .split('\n')
        .filter((line) => line.includes(`name=${keyPrefix}relay-subscriber `))
        .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1]);
      expect(ids).toHaveLength(2);
      for (const id of ids) await admin.client('KILL', 'ID', id ?? '');
      for (let i = 0; i < 20; i += 1) entries.push([`during-${i}`]);
      await serverSaved(writer);

      await eventually(() => expect(logged.some((line) => line.includes('catch up'))).toBe(true));
      await eventually(() =>
        expect(reader.doc.getArray<string>('entries').toArray()).toEqual(entries.toArray()),
      );
    });
  },
);
