import type { Redis } from 'ioredis';
import type { MeetingFocus } from '@unitroom/shared';

/**
 * Where the chair's focus per meeting lives: in this process for one process, in a Redis hash
 * when several processes serve the same unit, so a chair on one process moves the focus for
 * participants on every other.
 */
export interface FocusStore {
  get(meetingId: string): Promise<MeetingFocus | undefined>;
  /** Sets the focus of its meeting; resolves with the one it replaced, read atomically. */
  swap(focus: MeetingFocus): Promise<MeetingFocus | undefined>;
  /** Forgets the meeting's focus (it closed); resolves with the one it had. */
  clear(meetingId: string): Promise<MeetingFocus | undefined>;
}

export class MemoryFocusStore implements FocusStore {
  private readonly focusByMeeting = new Map<string, MeetingFocus>();

  async get(meetingId: string): Promise<MeetingFocus | undefined> {
    return this.focusByMeeting.get(meetingId);
  }

  async swap(focus: MeetingFocus): Promise<MeetingFocus | undefined> {
    const previous = this.focusByMeeting.get(focus.meetingId);
    this.focusByMeeting.set(focus.meetingId, focus);
    return previous;
  }

  async clear(meetingId: string): Promise<MeetingFocus | undefined> {
    const previous = this.focusByMeeting.get(meetingId);
    this.focusByMeeting.delete(meetingId);
    return previous;
  }
}

/** One hash, `<prefix>focus`, meeting id to the focus as JSON written by this class. */
export class RedisFocusStore implements FocusStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.key = `${keyPrefix}focus`;
  }

  async get(meetingId: string): Promise<MeetingFocus | undefined> {
    return parseFocus(await this.redis.hget(this.key, meetingId));
  }

  async swap(focus: MeetingFocus): Promise<MeetingFocus | undefined> {
    const results = await this.redis
      .multi()
      .hget(this.key, focus.meetingId)
      .hset(this.key, focus.meetingId, JSON.stringify(focus))
      .exec();
    if (!results) throw new Error('focus update was aborted');
    for (const [error] of results) if (error) throw error;
    const previous = results[0]?.[1];
    return parseFocus(typeof previous === 'string' ? previous : null);
  }

  async clear(meetingId: string): Promise<MeetingFocus | undefined> {
    const results = await this.redis
      .multi()
      .hget(this.key, meetingId)
      .hdel(this.key, meetingId)
      .exec();
    if (!results) throw new Error('focus removal was aborted');
    for (const [error] of results) if (error) throw error;
    const previous = results[0]?.[1];
    return parseFocus(typeof previous === 'string' ? previous : null);
  }
}

function parseFocus(json: string | null): MeetingFocus | undefined {
  // Written only by `swap` above, from a validated request.
  return json === null ? undefined : (JSON.parse(json) as MeetingFocus);
}
