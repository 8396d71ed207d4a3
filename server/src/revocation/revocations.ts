import { z } from 'zod';
import { ID_PATTERN } from '@unitroom/shared';

/**
 * Someone lost access: every open socket of theirs that the loss covers must close.
 * - `member`: removed from a unit; every socket of theirs to it closes (`ACCESS_REVOKED`).
 * - `guest`: a guest's invitation ended, because the guest was revoked (`userId`) or the meeting
 *   closed (`userId` null: every guest of it). Each of their sockets to the unit is checked again
 *   (they may still be invited to another meeting with the same family) and those no longer
 *   allowed close (`ACCESS_REVOKED`).
 * - `session`: a session ended (signed out, or expired idle or past its absolute lifetime); every
 *   socket opened with it closes (`UNAUTHENTICATED`: the person is not known any more, rather
 *   than refused).
 * - `agenda`: families left a meeting's agenda; every socket to those families' documents and to
 *   their discussions in that meeting is checked again, and those no longer allowed close
 *   (`ACCESS_REVOKED`): a guest invited to the meeting loses the family at once.
 * - `family`: a family was transferred or closed ([F7], [F8]); every socket to its documents is
 *   checked again: those no longer allowed close (`ACCESS_REVOKED`), writers who may now only
 *   read are closed to reconnect read-only (`FAMILY_CLOSED`, which clients retry).
 */
export type Revocation =
  | { kind: 'member'; unitId: string; userId: string }
  | { kind: 'guest'; unitId: string; meetingId: string; userId: string | null }
  | { kind: 'session'; userId: string; sessionId: string }
  | { kind: 'agenda'; unitId: string; meetingId: string; familyIds: string[] }
  | { kind: 'family'; familyId: string };

/**
 * Announces revocations to every server process, this one included. The in-process version
 * below is enough for one process; with several, `RelayedRevocations` (over Redis pub/sub) takes
 * its place and nothing else changes.
 */
export interface AccessRevocations {
  publish(revocation: Revocation): Promise<void>;
  /** Calls `listener` for each revocation published anywhere; returns the unsubscribe. */
  subscribe(listener: (revocation: Revocation) => void): () => void;
}

export class InProcessRevocations implements AccessRevocations {
  private readonly listeners = new Set<(revocation: Revocation) => void>();

  async publish(revocation: Revocation): Promise<void> {
    for (const listener of this.listeners) listener(revocation);
  }

  subscribe(listener: (revocation: Revocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** What relayed revocations need of the Redis relay's broadcasts (scale/redisRelay.ts). */
export interface RevocationBroadcaster {
  subscribeBroadcast(
    topic: string,
    listener: (payload: Uint8Array) => void,
  ): Promise<{ publish(payload: Uint8Array): void }>;
}

const BROADCAST_TOPIC = 'access-revocations';

const idSchema = z.string().regex(ID_PATTERN);
/** Checked on receipt: a revocation closes sockets, so only a well-formed one is acted on. */
const revocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), unitId: idSchema, userId: idSchema }),
  z.object({
    kind: z.literal('guest'),
    unitId: idSchema,
    meetingId: idSchema,
    userId: idSchema.nullable(),
  }),
  // A session's id is the hex SHA-256 of its token, which the pattern admits.
  z.object({ kind: z.literal('session'), userId: idSchema, sessionId: idSchema }),
  z.object({
    kind: z.literal('agenda'),
    unitId: idSchema,
    meetingId: idSchema,
    familyIds: z.array(idSchema).max(1000),
  }),
  z.object({ kind: z.literal('family'), familyId: idSchema }),
]);

/**
 * Revocations for several processes: each one is applied here at once and published on the relay's
 * broadcast channel `<prefix>broadcast:access-revocations` as JSON, and every other process
 * applies what it hears to its own open sockets. Pub/sub keeps nothing: a process that is cut off
 * from Redis at that moment misses it (its sockets are still checked on their next request).
 */
export class RelayedRevocations implements AccessRevocations {
  private readonly local = new InProcessRevocations();
  private broadcast: { publish(payload: Uint8Array): void } | null = null;

  private constructor(private readonly log: (message: string, error?: unknown) => void) {}

  /** Resolves once subscribed, so no revocation published after start-up goes unheard here. */
  static async over(
    broadcaster: RevocationBroadcaster,
    log: (message: string, error?: unknown) => void,
  ): Promise<RelayedRevocations> {
    const revocations = new RelayedRevocations(log);
    revocations.broadcast = await broadcaster.subscribeBroadcast(BROADCAST_TOPIC, (payload) =>
      revocations.hear(payload),
    );
    return revocations;
  }

  async publish(revocation: Revocation): Promise<void> {
    this.broadcast?.publish(new TextEncoder().encode(JSON.stringify(revocation)));
    await this.local.publish(revocation);
  }

  subscribe(listener: (revocation: Revocation) => void): () => void {
    return this.local.subscribe(listener);
  }

  private hear(payload: Uint8Array): void {
    let revocation: Revocation;
    try {
      revocation = revocationSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
    } catch (error) {
      this.log('ignoring a malformed revocation broadcast', error);
      return;
    }
    void this.local.publish(revocation);
  }
}
