import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { RelayedRevocations, type AccessRevocations } from '../revocation/revocations.js';
import { RedisFocusStore, type FocusStore } from '../unitChannel/focusStore.js';
import { RedisHandStore, type HandStore } from '../unitChannel/handStore.js';
import { RedisTimerStore, type TimerStore } from '../unitChannel/timerStore.js';
import { RedisRelay } from './redisRelay.js';

export interface RedisScaleOutOptions {
  url: string;
  /** Every key and channel starts with it, so deployments (and tests) can share one Redis. */
  keyPrefix: string;
  log: (message: string, error?: unknown) => void;
}

/**
 * What several processes on one Redis share: the document relay, socket.io, the meeting's live
 * state (the chair's focus, the family timers, raised hands) and access revocations.
 */
export interface RedisScaleOut {
  readonly relay: RedisRelay;
  readonly focusStore: FocusStore;
  readonly timerStore: TimerStore;
  readonly handStore: HandStore;
  readonly revocations: AccessRevocations;
  readonly socketIoAdapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Opens three connections: one for commands and publishing, and one subscriber each for the
 * document relay and for socket.io's adapter (a subscribed connection can issue nothing else).
 * Resolves once Redis has answered, so a wrong REDIS_URL stops the process at start-up.
 */
export async function openRedisScaleOut(options: RedisScaleOutOptions): Promise<RedisScaleOut> {
  const connect = (role: string) => {
    // Named, so an operator (or a test) can tell this deployment's connections apart.
    const client = new Redis(options.url, {
      lazyConnect: true,
      connectionName: `${options.keyPrefix}${role.replaceAll(' ', '-')}`,
    });
    client.on('error', (error: unknown) => options.log(`Redis (${role})`, error));
    return client;
  };
  const commands = connect('commands');
  const relaySubscriber = connect('relay subscriber');
  const adapterSubscriber = connect('socket.io subscriber');
  const clients = [commands, relaySubscriber, adapterSubscriber];
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    for (const client of clients) client.disconnect();
    throw error;
  }
  const relay = new RedisRelay(commands, relaySubscriber, options.keyPrefix, options.log);
  let revocations: AccessRevocations;
  try {
    revocations = await RelayedRevocations.over(relay, options.log);
  } catch (error) {
    await relay.close();
    for (const client of clients) client.disconnect();
    throw error;
  }
  return {
    relay,
    focusStore: new RedisFocusStore(commands, options.keyPrefix),
    timerStore: new RedisTimerStore(commands, options.keyPrefix),
    handStore: new RedisHandStore(commands, options.keyPrefix),
    revocations,
    socketIoAdapter: createAdapter(commands, adapterSubscriber, {
      key: `${options.keyPrefix}socket.io`,
    }),
    async close() {
      await relay.close();
      await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
