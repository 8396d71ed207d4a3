/** A member lost access to a unit: every open socket of theirs to it must close. */
export interface Revocation {
  unitId: string;
  userId: string;
}

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
