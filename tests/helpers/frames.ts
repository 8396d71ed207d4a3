import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_TYPE } from '@unitroom/shared';

/** y-websocket frames built by hand, for raw-socket tests that play a client. */

export function frame(...parts: Array<(encoder: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}

/** A sync step 1 as a stock client sends it on open, asking for the whole document. */
export function syncStep1Frame(doc: Y.Doc = new Y.Doc()): Uint8Array {
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_TYPE.SYNC),
    (e) => syncProtocol.writeSyncStep1(e, doc),
  );
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_TYPE.SYNC),
    (e) => syncProtocol.writeUpdate(e, update),
  );
}

/** An update sent as a sync step 2: the answer to the server's sync step 1, with a backlog. */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_TYPE.SYNC),
    (e) => encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2),
    (e) => encoding.writeVarUint8Array(e, update),
  );
}

/** One valid update inserting `text` into the text root `root` of a fresh document. */
export function textUpdate(text: string, root = 'scratch'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(root).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** `count` updates of one client, each inserting one character after the last (a typist). */
export function typingUpdates(count: number, root = 'scratch'): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) doc.getText(root).insert(i, 'a');
  return updates;
}

export function awarenessFrame(state: Record<string, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_TYPE.AWARENESS),
    (e) => encoding.writeVarUint8Array(e, update),
  );
}
