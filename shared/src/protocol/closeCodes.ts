/**
 * Why the server closed a collaboration socket. Application codes live in 4000-4999 (RFC 6455);
 * 1009 is the standard "message too big". The stock y-websocket provider stops reconnecting on
 * 4400-4499 (trying again cannot succeed without the user doing something: signing in, say) and
 * retries everything else with backoff, so limits that a pause cures (rates, sockets per user)
 * live in 4500-4599 and those that resending cannot cure (sizes, protocol errors) in 4400-4499.
 */
export const CLOSE_CODES = {
  /** No valid session cookie on the upgrade request. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not a member of the unit that owns this document. */
  FORBIDDEN: 4403,
  /** The document name is malformed or names nothing that exists. */
  NOT_FOUND: 4404,
  /** The Origin header is not on the exact allowlist. */
  ORIGIN_NOT_ALLOWED: 4408,
  /** The client was built for a newer document schema than this server knows. */
  CLIENT_TOO_NEW: 4426,
  /**
   * The document is a finalised discussion: it is frozen, and this connection tried to change it.
   * The change was dropped and stored nowhere. Reconnecting to read is fine; the client must
   * discard its unsaved local changes (corrections are addenda) or it is closed again.
   */
  DISCUSSION_FINALISED: 4423,
  /** The document could not be loaded from the store; nothing was sent. Retry later. */
  LOAD_FAILED: 4500,
  /** Saving failed after retries; nothing unsaved was shown to anyone. Reconnect and resync. */
  STORE_FAILED: 4502,
  /** The server is shutting down after flushing; reconnect to another process. */
  SERVER_SHUTTING_DOWN: 4503,
  /**
   * The family was closed ([F8]) while this connection could write: it is read-only now. In the
   * retried range on purpose, so the stock client comes straight back, read-only, and keeps
   * reading live; Unitroom's client says why it can no longer change anything.
   */
  FAMILY_CLOSED: 4510,
  /** A message exceeded `MAX_MESSAGE_BYTES`. */
  MESSAGE_TOO_BIG: 1009,
  /** A malformed WebSocket frame (sent by the `ws` library on its own). */
  INVALID_FRAME: 1002,
  /** A text frame that is not valid UTF-8 (sent by the `ws` library on its own). */
  INVALID_FRAME_DATA: 1007,
  /** The client sent something that is not the y-websocket protocol. */
  PROTOCOL_ERROR: 4400,
  /** The user was removed from the unit, or their session ended, while the socket was open. */
  ACCESS_REVOKED: 4410,
  /** One document update exceeded the update size limit; resending it cannot succeed. */
  UPDATE_TOO_LARGE: 4413,
  /** One awareness (presence) message exceeded the awareness size limit. */
  AWARENESS_TOO_LARGE: 4414,
  /** This user already has as many collaboration sockets open as allowed; close a tab. */
  TOO_MANY_SOCKETS: 4509,
  /**
   * An update builds on changes the server never received (it would sit in the document as
   * pending data forever). A fresh sync sends a self-contained update, so reconnecting heals an
   * honest client.
   */
  UPDATE_MISSING_DEPENDENCIES: 4522,
  /**
   * An update wrote with a Yjs client id that belongs to another person in this document
   * (shared/SPEC.md [V1]). Dropped; the honest client of that person is not affected.
   */
  UPDATE_FOREIGN_CLIENT_ID: 4441,
  /**
   * An update removed more of other people's work at once than any single command of the product
   * does ([V3]), such as every person of a genogram. Dropped, stored nowhere.
   */
  UPDATE_REMOVES_TOO_MUCH: 4442,
  /** An update wrote outside the shape of this kind of document ([V4], [V5]). Dropped. */
  UPDATE_SHAPE_INVALID: 4443,
  /** An update changed what this member's role may not change ([V7]). Dropped. */
  UPDATE_NOT_PERMITTED: 4444,
  /**
   * An update wrote with a client id this process has seen in the document but cannot yet tell
   * the owner of (another process's write it has not read back). Reconnecting heals it.
   */
  CLIENT_ID_UNVERIFIED: 4541,
  /** Document updates arrived faster than the update rate limit allows. */
  UPDATE_RATE_EXCEEDED: 4529,
  /** Awareness (presence, cursors, drags) arrived faster than its rate limit allows. */
  AWARENESS_RATE_EXCEEDED: 4530,
  /** Other messages (sync requests, awareness queries, saved queries) arrived too fast. */
  MESSAGE_RATE_EXCEEDED: 4531,
  /** This connection's messages took more event-loop time than its processing budget. */
  PROCESSING_BUDGET_EXCEEDED: 4532,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];

/** Refusals after which reconnecting without a change on the user's side is pointless. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.UNAUTHENTICATED,
  CLOSE_CODES.FORBIDDEN,
  CLOSE_CODES.NOT_FOUND,
  CLOSE_CODES.ORIGIN_NOT_ALLOWED,
  CLOSE_CODES.CLIENT_TOO_NEW,
  CLOSE_CODES.PROTOCOL_ERROR,
  CLOSE_CODES.ACCESS_REVOKED,
  CLOSE_CODES.UPDATE_TOO_LARGE,
  CLOSE_CODES.AWARENESS_TOO_LARGE,
  CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
  CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
  CLOSE_CODES.UPDATE_SHAPE_INVALID,
  CLOSE_CODES.UPDATE_NOT_PERMITTED,
]);

export function closeCodeName(code: number): CloseCodeName | undefined {
  return (Object.keys(CLOSE_CODES) as CloseCodeName[]).find((name) => CLOSE_CODES[name] === code);
}
