/**
 * Someone lost access: every open socket of theirs that the loss covers must close.
 * - `member`: removed from a unit; every socket of theirs to it closes (`ACCESS_REVOKED`).
 * - `guest`: a guest's invitation ended, because the guest was revoked (`userId`) or the meeting
 *   closed (`userId` null: every guest of it). Each of their sockets to the unit is checked again
 *   (they may still be invited to another meeting with the same family) and those no longer
 *   allowed close (`ACCESS_REVOKED`).
 * - `session`: a session ended (signed out); every socket opened with it closes
 *   (`UNAUTHENTICATED`: the person is not known any more, rather than refused).
 */
export type Revocation =
  | { kind: 'member'; unitId: string; userId: string }
  | { kind: 'guest'; unitId: string; meetingId: string; userId: string | null }
  | { kind: 'session'; userId: string; sessionId: string };

/**
 * Announces revocations to every server process, this one included. The in-process version
 * below is enough for one process; with several, an implementation over Redis pub/sub takes its
 * place (publish to a channel, call the listeners on every message) and nothing else changes.
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
