import type { Redis } from 'ioredis';
import type { RaisedHand } from '@unitroom/shared';
import { MEETING_STATE_TTL_MS } from './timerStore.js';

/** A meeting's raised hands in the order they went up, and how many changes made them. */
export interface HandState {
  hands: RaisedHand[];
  version: number;
}

/**
 * Where each meeting's raised hands live: in this process for one process, in Redis when several
 * serve the same unit. Each hand is its own entry, so two hands raised at once on two processes
 * both stay up.
 */
export interface HandStore {
  get(meetingId: string): Promise<HandState>;
  /** Puts the hand up, or back up at the end of the queue; resolves with the new state. */
  raise(meetingId: string, hand: RaisedHand): Promise<HandState>;
  /** Takes `userId`'s hand down; resolves with the new state, or null when it was not up. */
  lower(meetingId: string, userId: string): Promise<HandState | null>;
  /** Forgets the meeting's hands (it closed). */
  clear(meetingId: string): Promise<void>;
}

export class MemoryHandStore implements HandStore {
  private readonly byMeeting = new Map<
    string,
    { hands: Map<string, RaisedHand>; version: number }
  >();

  async get(meetingId: string): Promise<HandState> {
    return stateOf(this.byMeeting.get(meetingId));
  }

  async raise(meetingId: string, hand: RaisedHand): Promise<HandState> {
    const meeting = this.byMeeting.get(meetingId) ?? { hands: new Map(), version: 0 };
    this.byMeeting.set(meetingId, meeting);
    meeting.hands.delete(hand.userId);
    meeting.hands.set(hand.userId, hand);
    meeting.version += 1;
    return stateOf(meeting);
  }

  async lower(meetingId: string, userId: string): Promise<HandState | null> {
    const meeting = this.byMeeting.get(meetingId);
    if (!meeting?.hands.delete(userId)) return null;
    meeting.version += 1;
    return stateOf(meeting);
  }

  async clear(meetingId: string): Promise<void> {
    this.byMeeting.delete(meetingId);
  }
}

function stateOf(
  meeting: { hands: Map<string, RaisedHand>; version: number } | undefined,
): HandState {
  return meeting
    ? { hands: Array.from(meeting.hands.values()), version: meeting.version }
    : { hands: [], version: 0 };
}

/** Not a user id: ids never contain ':' (ID_PATTERN). */
const VERSION_FIELD = ':version';

/**
 * One hash per meeting, `<prefix>hands:<meetingId>`: each raised hand as JSON under its owner's
 * id, and `:version`. Every change is one MULTI that also bumps the version, pushes the expiry
 * out (MEETING_STATE_TTL_MS) and reads the whole hash, so the state it resolves with is the one
 * that change made.
 */
export class RedisHandStore implements HandStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  private key(meetingId: string): string {
    return `${this.keyPrefix}hands:${meetingId}`;
  }

  async get(meetingId: string): Promise<HandState> {
    return parseHands(await this.redis.hgetall(this.key(meetingId)));
  }

  async raise(meetingId: string, hand: RaisedHand): Promise<HandState> {
    const key = this.key(meetingId);
    const results = await this.redis
      .multi()
      .hset(key, hand.userId, JSON.stringify(hand))
      .hincrby(key, VERSION_FIELD, 1)
      .pexpire(key, MEETING_STATE_TTL_MS)
      .hgetall(key)
      .exec();
    return parseHands(lastReply(results, 'raising a hand'));
  }

  async lower(meetingId: string, userId: string): Promise<HandState | null> {
    const key = this.key(meetingId);
    // The version grows even when the hand was not up: harmless, clients only compare.
    const results = await this.redis
      .multi()
      .hdel(key, userId)
      .hincrby(key, VERSION_FIELD, 1)
      .pexpire(key, MEETING_STATE_TTL_MS)
      .hgetall(key)
      .exec();
    const hands = parseHands(lastReply(results, 'lowering a hand'));
    return results?.[0]?.[1] === 1 ? hands : null;
  }

  async clear(meetingId: string): Promise<void> {
    await this.redis.del(this.key(meetingId));
  }
}

type ExecResults = [error: Error | null, result: unknown][] | null;

function lastReply(results: ExecResults, what: string): Record<string, string> {
  if (!results) throw new Error(`${what} was aborted`);
  for (const [error] of results) if (error) throw error;
  return (results.at(-1)?.[1] ?? {}) as Record<string, string>;
}

function parseHands(hash: Record<string, string>): HandState {
  const hands: RaisedHand[] = [];
  for (const [field, json] of Object.entries(hash)) {
    // Written only by `raise` above, from a validated request and the session's user.
    if (field !== VERSION_FIELD) hands.push(JSON.parse(json) as RaisedHand);
  }
  // In the order they went up; the same order on every process for hands raised in the same ms.
  hands.sort((a, b) => a.raisedAt - b.raisedAt || a.userId.localeCompare(b.userId));
  return { hands, version: Number(hash[VERSION_FIELD] ?? 0) };
}
