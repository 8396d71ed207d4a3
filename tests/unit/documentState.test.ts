import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeIntegratedState, mainThreadWork } from '@unitroom/server';

/** An update that builds on an insertion never sent: Yjs keeps it pending. */
function orphanAndItsDependency(): { orphan: Uint8Array; dependency: Uint8Array } {
  const writer = new Y.Doc();
  writer.getText('notes').insert(0, 'first ');
  const dependency = Y.encodeStateAsUpdate(writer);
  let orphan: Uint8Array = new Uint8Array();
  writer.once('update', (update: Uint8Array) => (orphan = update));
  writer.getText('notes').insert(6, 'second');
  return { orphan, dependency };
}

describe('encodeIntegratedState (issue 20)', () => {
  it('is encodeStateAsUpdate for a document with nothing pending', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'hello');
    const vector = Y.encodeStateVector(new Y.Doc());
    expect(encodeIntegratedState(doc)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(encodeIntegratedState(doc, vector)).toEqual(Y.encodeStateAsUpdate(doc, vector));
  });

  it('leaves pending data out, keeps it pending in the document, and counts the encoding', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'kept ');
    const { orphan, dependency } = orphanAndItsDependency();
    Y.applyUpdate(doc, orphan);
    expect(doc.store.pendingStructs).not.toBeNull();
    mainThreadWork.reset();

    const encoded = encodeIntegratedState(doc);
    expect(mainThreadWork.read()).toMatchObject({ documentEncodings: 1, pendingLeftOut: 1 });
    // What a client is sent holds nothing it would have to keep pending...
    const client = new Y.Doc();
    Y.applyUpdate(client, encoded);
    expect(client.store.pendingStructs).toBeNull();
    expect(client.getText('notes').toString()).toBe('kept ');
    // ...while the server's document still does, and integrates it once its dependency arrives.
    expect(doc.store.pendingStructs).not.toBeNull();
    Y.applyUpdate(doc, dependency);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.getText('notes').toString()).toContain('first second');
  });
});
