import type { Redis } from 'ioredis';
import type { ChairView, MeetingFocus } from '@unitroom/shared';

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
  /**
   * Keeps the chair's view with the focus, only while the focus is still on `familyId` (checked
   * and set atomically, so a view never lands on a family the chair has since left); resolves
   * with the focus as stored, or undefined when the focus is elsewhere.
   */
  setView(meetingId: string, familyId: string, view: ChairView): Promise<MeetingFocus | undefined>;
}

const withView = (focus: MeetingFocus, view: ChairView): MeetingFocus => ({ ...focus, view });

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

  async setView(
    meetingId: string,
    familyId: string,
    view: ChairView,
  ): Promise<MeetingFocus | undefined> {
    const current = this.focusByMeeting.get(meetingId);
    if (current?.familyId !== familyId) return undefined;
    const next = withView(current, view);
    this.focusByMeeting.set(meetingId, next);
    return next;
  }
}

/** Sets a hash field only if it still holds what was read: compare-and-set in one round trip. */
const SET_IF_UNCHANGED = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0`;

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

  async setView(
    meetingId: string,
    familyId: string,
    view: ChairView,
  ): Promise<MeetingFocus | undefined> {
    // Another process may move the focus between the read and the write; try again then.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const json = await this.redis.hget(this.key, meetingId);
      const current = parseFocus(json);
      if (json === null || current?.familyId !== familyId) return undefined;
      const next = withView(current, view);
      const written = await this.redis.eval(
        SET_IF_UNCHANGED,
        1,
        this.key,
        meetingId,
        json,
        JSON.stringify(next),
      );
      if (written === 1) return next;
    }
    throw new Error('the focus kept changing; try again');
  }
}

function parseFocus(json: string | null): MeetingFocus | undefined {
  // Written only by `swap` above, from a validated request.
  return json === null ? undefined : (JSON.parse(json) as MeetingFocus);
}
