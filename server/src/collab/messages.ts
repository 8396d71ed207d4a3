import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_TYPE } from '@unitroom/shared';
import { encodeIntegratedState } from './documentState.js';

/** Encoders for the y-websocket wire format, kept apart so room and connection read as logic. */

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, remoteStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, encodeIntegratedState(doc, remoteStateVector));
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

export function allAwarenessMessage(awareness: awarenessProtocol.Awareness): Uint8Array | null {
  const clients = Array.from(awareness.getStates().keys());
  if (clients.length === 0) return null;
  return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** One decoded client message. Anything else on the wire is a protocol error. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  /** `syncStep2`: sent as the answer to the server's sync step 1 (with a backlog, if any). */
  | { type: 'update'; update: Uint8Array; syncStep2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' }
  | { type: 'saved-query'; seq: number };

/** Throws on truncated or unknown input; the caller closes the socket. */
export function decodeClientMessage(message: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  let decoded: ClientMessage;
  switch (type) {
    case MESSAGE_TYPE.SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1)
        decoded = { type: 'sync-step-1', stateVector: payload };
      else if (syncType === syncProtocol.messageYjsSyncStep2)
        decoded = { type: 'update', update: payload, syncStep2: true };
      else if (syncType === syncProtocol.messageYjsUpdate)
        decoded = { type: 'update', update: payload, syncStep2: false };
      else throw new Error(`unknown sync message ${syncType}`);
      break;
    }
    case MESSAGE_TYPE.AWARENESS:
      decoded = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      break;
    case MESSAGE_TYPE.QUERY_AWARENESS:
      decoded = { type: 'query-awareness' };
      break;
    case MESSAGE_TYPE.AUTH:
      decoded = { type: 'auth' };
      break;
    case MESSAGE_TYPE.SAVED:
      decoded = { type: 'saved-query', seq: decoding.readVarUint(decoder) };
      break;
    default:
      throw new Error(`unknown message type ${type}`);
  }
  return decoded;
}

/** The encoding of an update that changes nothing: no structs, empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
