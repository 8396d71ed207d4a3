import * as encoding from 'lib0/encoding';

/**
 * Message types on a collaboration socket. 0-3 are the standard y-websocket protocol, so the
 * stock `WebsocketProvider` works unchanged. `SAVED` is Unitroom's opt-in extension: a client that
 * sends `[SAVED, seq]` after its updates is answered `[SAVED, seq]` once every message it sent
 * before that query is durable in the store. A stock client never sends it and so never sees one.
 */
export const MESSAGE_TYPE = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  SAVED: 100,
} as const;

/** `[SAVED, seq]`: the client's question and, unchanged, the server's answer. */
export function savedMessage(seq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SAVED);
  encoding.writeVarUint(encoder, seq);
  return encoding.toUint8Array(encoder);
}

/** Path prefix of the sync endpoint: `/collab/<docName>`. */
export const COLLAB_PATH = '/collab';

/** Query parameter a client uses to say which document schema it was built for. */
export const SCHEMA_VERSION_PARAM = 'schema';
