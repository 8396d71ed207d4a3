/**
 * Limits shared by server and client. A whole meeting's minutes with years of history stay far
 * below the message limit; anything larger is an attack or a bug, and is refused with 1009.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Sign-in attempts per e-mail address and client address in one window. */
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** How long a session cookie lives without being used. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** How long a session lives at most, however busy: a working day, then sign in again. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Per-connection limits of the sync endpoint; each is enforced with its own close code. The
 * defaults leave a wide margin over a real meeting: a fast typist sends 10-15 updates a second
 * (key repeat about 30), a drag on a 144 Hz screen sends 144 awareness messages a second for a
 * few seconds, a pasted long paragraph is a few kilobytes, and a laptop back from an hour
 * offline sends its backlog as one sync message of some tens of kilobytes (after days offline,
 * or with a long report pasted, it can be megabytes). Fifty people in one room do not change any
 * per-connection figure.
 *
 * The update size and byte rate also bound how long the event loop is blocked: integrating an
 * update costs up to about 0.25 ms per kilobyte when it is made of tiny structs (2.2 MB of
 * one-character insertions took 415 ms on the development machine), so 256 KiB stays near 60 ms.
 * Larger updates are measured off the event loop first and applied in pieces.
 */
export interface CollabLimits {
  /**
   * One document update (live or a sync answer) applied at once, as it comes, in bytes. A larger
   * one is vetted on a worker thread (it must integrate, cut into pieces, within
   * `processingBudgetMs.burst` in all) and then applied piece by piece; refused with
   * UPDATE_TOO_LARGE if it does not.
   */
  maxUpdateBytes: number;
  /** One document update at all, vetted or not, in bytes: UPDATE_TOO_LARGE. */
  maxLargeUpdateBytes: number;
  /** One awareness message, in bytes: AWARENESS_TOO_LARGE. */
  maxAwarenessBytes: number;
  /** Document updates, counted: UPDATE_RATE_EXCEEDED. */
  updateRate: RateLimit;
  /**
   * Document updates, in bytes: UPDATE_RATE_EXCEEDED. Not charged for a connection's answer to
   * the server's sync step 1, its one sync step 2: that carries the backlog of a client back from
   * offline, which may be far over any burst, and is bounded by the size limits instead.
   */
  updateBytesRate: RateLimit;
  /** Awareness messages: AWARENESS_RATE_EXCEEDED. */
  awarenessRate: RateLimit;
  /**
   * Everything else (saved queries, sync requests, awareness queries), where a sync request or
   * awareness query costs `EXPENSIVE_MESSAGE_COST` because its answer encodes the whole
   * document: MESSAGE_RATE_EXCEEDED.
   */
  messageRate: RateLimit;
  /**
   * Milliseconds of event-loop time a connection's updates may take to apply:
   * PROCESSING_BUDGET_EXCEEDED. Yjs integrates some valid updates in time far
   * beyond their size (thousands of concurrent insertions at one place make every later
   * insertion there scan them all), so size and rate alone cannot bound the cost. A vetted large
   * update is charged what it took on the worker, before it is applied: it must fit in what is
   * left (else PROCESSING_BUDGET_EXCEEDED, or UPDATE_TOO_LARGE when it needs more than the burst).
   */
  processingBudgetMs: RateLimit;
  /** Open collaboration sockets per user and server process: TOO_MANY_SOCKETS. */
  maxSocketsPerUser: number;
  /**
   * Bytes of the server's answers to a connection's sync requests: each encodes what the client
   * lacks of the document, so a whole-document resync costs what the document weighs, not one
   * message ([U2]): MESSAGE_RATE_EXCEEDED. The default holds a first sync of the largest document.
   */
  syncAnswerBytesRate?: RateLimit;
  /**
   * How many connections' worth of every budget one document has in all, whoever sends ([U2]):
   * many accounts together, or one user's sockets, bound a document's work by this.
   */
  documentBudgetFactor?: number;
}

export const EXPENSIVE_MESSAGE_COST = 50;

export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxUpdateBytes: 256 * 1024,
  maxLargeUpdateBytes: MAX_MESSAGE_BYTES,
  maxAwarenessBytes: 16 * 1024,
  updateRate: { perSecond: 60, burst: 300 },
  updateBytesRate: { perSecond: 256 * 1024, burst: 1024 * 1024 },
  awarenessRate: { perSecond: 150, burst: 600 },
  messageRate: { perSecond: 100, burst: 500 },
  processingBudgetMs: { perSecond: 100, burst: 300 },
  maxSocketsPerUser: 24,
  syncAnswerBytesRate: { perSecond: 4 * 1024 * 1024, burst: 2 * MAX_MESSAGE_BYTES },
  documentBudgetFactor: 8,
};
