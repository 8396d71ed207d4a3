/**
 * Why the server closed a collaboration socket. Application codes live in 4000-4999 (RFC 6455);
 * 1009 is the standard "message too big". Clients stop reconnecting on the refusals marked final,
 * because trying again cannot succeed without the user doing something (signing in, say).
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
  /** A message exceeded `MAX_MESSAGE_BYTES`. */
  MESSAGE_TOO_BIG: 1009,
  /** The client sent something that is not the y-websocket protocol. */
  PROTOCOL_ERROR: 4400,
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
]);

export function closeCodeName(code: number): CloseCodeName | undefined {
  return (Object.keys(CLOSE_CODES) as CloseCodeName[]).find((name) => CLOSE_CODES[name] === code);
}
