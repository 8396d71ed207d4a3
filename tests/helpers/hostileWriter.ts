import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { COLLAB_PATH, MESSAGE_TYPE, savedMessage } from '@unitroom/shared';
import { syncStep2Frame, updateFrame } from './frames.js';

/** A writer that sends updates as raw frames, as a hostile client would, one socket each. */

/**
 * A V1 update with no structs and a delete set of the given ranges, byte by byte as Yjs encodes
 * it: about ten bytes for one range of one client.
 */
export function deleteSetUpdate(
  ranges: ReadonlyArray<[client: number, clock: number, len: number]>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  const byClient = new Map<number, Array<[number, number]>>();
  for (const [client, clock, len] of ranges) {
    const list = byClient.get(client) ?? [];
    list.push([clock, len]);
    byClient.set(client, list);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, list.length);
    for (const [clock, len] of list) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

export type Outcome = { accepted: true } | { accepted: false; code: number };

/**
 * Opens a socket to `docName`, sends `update` (as a sync step 2 when `asBacklog`), then asks
 * whether it was saved: resolves accepted on the answer, or with the code the server closed with.
 */
export function sendUpdate(
  baseUrl: string,
  docName: string,
  cookie: string,
  update: Uint8Array,
  options: { asBacklog?: boolean } = {},
): Promise<Outcome> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}/${docName}`, {
    headers: { cookie, origin: new URL(baseUrl).origin },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    ws.on('open', () => {
      ws.send(options.asBacklog ? syncStep2Frame(update) : updateFrame(update));
      ws.send(savedMessage(1));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_TYPE.SAVED || settled) return;
      settled = true;
      resolve({ accepted: true });
      ws.close();
    });
    ws.on('close', (code) => {
      if (settled) return;
      settled = true;
      resolve({ accepted: false, code });
    });
    ws.on('error', reject);
  });
}

/** What one transaction on `doc` (made by `write`) encodes to, as its own client sends it. */
export function updateOf(doc: Y.Doc, write: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  try {
    doc.transact(write);
  } finally {
    doc.off('update', listener);
  }
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/** A replica of `source` under a client id of the caller's choosing. */
export function replicaOf(source: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  if (clientID !== undefined) doc.clientID = clientID;
  return doc;
}

/** `depth` maps, each the only field of the one before, as the entry `key` of `root`. */
export function nestedMapsUpdate(root: string, key: string, depth: number): Uint8Array {
  const doc = new Y.Doc();
  return updateOf(doc, () => {
    let map = doc.getMap(root).set(key, new Y.Map<unknown>());
    for (let level = 1; level < depth; level += 1) map = map.set('x', new Y.Map<unknown>());
  });
}
