import type { Redis } from 'ioredis';
import type { FamilyTimer } from '@unitroom/shared';

/** A meeting's family timers as stored, and how many changes made them. */
export interface TimerState {
  timers: FamilyTimer[];
  version: number;
}

/**
 * Where each meeting's per-family timers live: in this process for one process, in Redis when
 * several serve the same unit, so the chair's clock on one process is the clock on every other.
 * At most one timer of a meeting runs at a time. Times are server clock milliseconds, passed in.
 */
export interface TimerStore {
  get(meetingId: string): Promise<TimerState>;
  /**
   * Runs the family's timer from `now`, on from where it stopped, adding the time of whichever
   * ran to its total; resolves with the new state, or null when that family's timer already ran.
   */
  run(meetingId: string, familyId: string, now: number): Promise<TimerState | null>;
  /** Stops whichever timer runs; resolves with the new state, or null when none ran. */
  stop(meetingId: string, now: number): Promise<TimerState | null>;
  /** Forgets the meeting's timers (it closed). */
  clear(meetingId: string): Promise<void>;
}

interface MemoryTimers {
  elapsedMsByFamily: Map<string, number>;
  running: { familyId: string; since: number } | null;
  version: number;
}

export class MemoryTimerStore implements TimerStore {
  private readonly byMeeting = new Map<string, MemoryTimers>();

  async get(meetingId: string): Promise<TimerState> {
    return stateOf(this.byMeeting.get(meetingId));
  }

  async run(meetingId: string, familyId: string, now: number): Promise<TimerState | null> {
    const meeting = this.byMeeting.get(meetingId) ?? {
      elapsedMsByFamily: new Map<string, number>(),
      running: null,
      version: 0,
    };
    this.byMeeting.set(meetingId, meeting);
    if (meeting.running?.familyId === familyId) return null;
    stopRunning(meeting, now);
    if (!meeting.elapsedMsByFamily.has(familyId)) meeting.elapsedMsByFamily.set(familyId, 0);
    meeting.running = { familyId, since: now };
    meeting.version += 1;
    return stateOf(meeting);
  }

  async stop(meetingId: string, now: number): Promise<TimerState | null> {
    const meeting = this.byMeeting.get(meetingId);
    if (!meeting?.running) return null;
    stopRunning(meeting, now);
    meeting.version += 1;
    return stateOf(meeting);
  }

  async clear(meetingId: string): Promise<void> {
    this.byMeeting.delete(meetingId);
  }
}

function stopRunning(meeting: MemoryTimers, now: number): void {
  if (!meeting.running) return;
  const { familyId, since } = meeting.running;
  const before = meeting.elapsedMsByFamily.get(familyId) ?? 0;
  meeting.elapsedMsByFamily.set(familyId, before + Math.max(0, now - since));
  meeting.running = null;
}

function stateOf(meeting: MemoryTimers | undefined): TimerState {
  if (!meeting) return { timers: [], version: 0 };
  const timers = Array.from(meeting.elapsedMsByFamily, ([familyId, elapsedMs]) => ({
    familyId,
    elapsedMs,
    runningSince: meeting.running?.familyId === familyId ? meeting.running.since : null,
  }));
  return { timers, version: meeting.version };
}

/**
 * Hash fields besides the families' totals. Ids never contain ':' (ID_PATTERN), so these cannot
 * clash with a family id.
 */
const RUNNING_FIELD = ':running';
const VERSION_FIELD = ':version';

/**
 * A meeting's live keys are deleted when it closes; a meeting nobody closes (a process that died
 * at the wrong moment, a unit that just left) must not keep them for ever. Every change pushes
 * the expiry out again, so only a meeting untouched this long loses its clock.
 */
export const MEETING_STATE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Stops the running timer (KEYS[1] the meeting's hash) and, unless ARGV[1] is empty, runs family
 * ARGV[1] from ARGV[2] (ms). Returns the hash, or nil when nothing changed. One script, so two
 * processes changing the same meeting's clock at once apply one after the other.
 */
const SWITCH_TIMER_SCRIPT = `
local key, familyId, now, ttl = KEYS[1], ARGV[1], tonumber(ARGV[2]), ARGV[3]
local running = redis.call('HGET', key, '${RUNNING_FIELD}')
if running then
  local space = string.find(running, ' ', 1, true)
  local runningFamily = string.sub(running, 1, space - 1)
  if runningFamily == familyId then return nil end
  local since = tonumber(string.sub(running, space + 1))
  redis.call('HINCRBY', key, runningFamily, string.format('%d', math.max(0, now - since)))
  redis.call('HDEL', key, '${RUNNING_FIELD}')
elseif familyId == '' then
  return nil
end
if familyId ~= '' then
  redis.call('HINCRBY', key, familyId, 0)
  redis.call('HSET', key, '${RUNNING_FIELD}', familyId .. ' ' .. string.format('%d', now))
end
redis.call('HINCRBY', key, '${VERSION_FIELD}', 1)
redis.call('PEXPIRE', key, ttl)
return redis.call('HGETALL', key)
`;

/**
 * One hash per meeting, `<prefix>timers:<meetingId>`: each family's stopped total in ms under its
 * id, `:running` = "<familyId> <since ms>" for the one that runs, and `:version`; it expires
 * MEETING_STATE_TTL_MS after its last change.
 */
export class RedisTimerStore implements TimerStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  private key(meetingId: string): string {
    return `${this.keyPrefix}timers:${meetingId}`;
  }

  async get(meetingId: string): Promise<TimerState> {
    return parseTimers(await this.redis.hgetall(this.key(meetingId)));
  }

  run(meetingId: string, familyId: string, now: number): Promise<TimerState | null> {
    return this.switchTo(meetingId, familyId, now);
  }

  stop(meetingId: string, now: number): Promise<TimerState | null> {
    return this.switchTo(meetingId, '', now);
  }

  async clear(meetingId: string): Promise<void> {
    await this.redis.del(this.key(meetingId));
  }

  private async switchTo(
    meetingId: string,
    familyId: string,
    now: number,
  ): Promise<TimerState | null> {
    const reply = await this.redis.eval(
      SWITCH_TIMER_SCRIPT,
      1,
      this.key(meetingId),
      familyId,
      Math.round(now),
      MEETING_STATE_TTL_MS,
    );
    return Array.isArray(reply) ? parseTimers(pairsToRecord(reply)) : null;
  }
}

/** HGETALL as a script returns it: a flat list of fields and values. */
function pairsToRecord(flat: unknown[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = String(flat[i + 1]);
  return record;
}

function parseTimers(hash: Record<string, string>): TimerState {
  // Written only by the script above.
  const running = hash[RUNNING_FIELD]?.split(' ');
  const timers: FamilyTimer[] = [];
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith(':')) continue;
    timers.push({
      familyId: field,
      elapsedMs: Number(value),
      runningSince: running?.[0] === field ? Number(running[1]) : null,
    });
  }
  timers.sort((a, b) => a.familyId.localeCompare(b.familyId));
  return { timers, version: Number(hash[VERSION_FIELD] ?? 0) };
}
