import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

/**
 * The server reads parts of Yjs that are not its documented API: the structs `decodeUpdate`
 * returns and how each writes itself (server/src/limits/splitUpdate.ts), their origins and parent
 * (updateDependencies.ts), and the store's pending structs and delete set (collab/room.ts). Yjs is
 * pinned to one version for that; this test is what must pass before the pin moves. It fails on
 * an upgrade that renames, reshapes or re-encodes any of them.
 */
const PINNED = '13.6.33';

function editedDoc(): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = 7;
  const text = doc.getText('minutes');
  text.insert(0, 'Ama wondered whether Nan could help');
  text.delete(4, 8);
  doc.getMap('genogram:people').set('p1', new Y.Map([['name', 'Kofi']]));
  doc.getArray('list').insert(0, [1, 2, 3]);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

describe('Yjs internals the server relies on', () => {
  it('is the pinned version', async () => {
    const manifest = (await import('yjs/package.json', { with: { type: 'json' } })) as {
      default: { version: string };
    };
    expect(manifest.default.version).toBe(PINNED);
  });

  it('decodeUpdate gives Items, GCs and Skips with ids, lengths, origins and a parent', () => {
    const { update } = editedDoc();
    const { structs, ds } = Y.decodeUpdate(update);
    expect(structs.length).toBeGreaterThan(0);
    for (const struct of structs) {
      expect(struct instanceof Y.Item || struct instanceof Y.GC || struct instanceof Y.Skip).toBe(
        true,
      );
      expect(struct.id).toBeInstanceOf(Y.ID);
      expect(typeof struct.id.client).toBe('number');
      expect(typeof struct.id.clock).toBe('number');
      expect(typeof struct.length).toBe('number');
      if (struct instanceof Y.Item) {
        expect(struct.origin === null || struct.origin instanceof Y.ID).toBe(true);
        expect(struct.rightOrigin === null || struct.rightOrigin instanceof Y.ID).toBe(true);
        // A decoded item names its parent only when it has no origin to infer it from.
        const { parent } = struct;
        expect(parent === null || typeof parent === 'string' || parent instanceof Y.ID).toBe(true);
        expect(struct.parentSub === null || typeof struct.parentSub === 'string').toBe(true);
      }
    }
    // The delete set: client -> ranges of { clock, len }.
    const ranges = [...ds.clients.values()].flat();
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) {
      expect(typeof range.clock).toBe('number');
      expect(typeof range.len).toBe('number');
    }
  });

  it('each struct writes itself back into a V1 update that rebuilds the same document', () => {
    const { doc, update } = editedDoc();
    const { structs } = Y.decodeUpdate(update);
    // The layout splitUpdate writes: one client, its structs, then an empty delete set.
    const encoder = encoding.createEncoder();
    const updateEncoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(updateEncoder.restEncoder, 1);
    encoding.writeVarUint(updateEncoder.restEncoder, structs.length);
    updateEncoder.writeClient(7);
    encoding.writeVarUint(updateEncoder.restEncoder, 0);
    for (const struct of structs) (struct as Y.Item | Y.GC).write(updateEncoder, 0);
    encoding.writeVarUint(updateEncoder.restEncoder, 0);
    encoding.writeUint8Array(encoder, updateEncoder.toUint8Array());
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, encoding.toUint8Array(encoder));
    // Deleted text was garbage-collected into its own structs, so nothing is pending either.
    expect(rebuilt.store.pendingStructs).toBeNull();
    expect(rebuilt.getMap('genogram:people').get('p1')).toBeInstanceOf(Y.Map);
    expect(rebuilt.getText('minutes').toString()).toBe(doc.getText('minutes').toString());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
  });

  it("a document's store exposes its pending structs and delete set, and getState", () => {
    const { update } = editedDoc();
    const later = new Y.Doc();
    later.clientID = 9;
    const source = new Y.Doc();
    Y.applyUpdate(source, update);
    const before = Y.encodeStateVector(source);
    source.getText('minutes').insert(0, 'x');
    const onlyTheLaterEdit = Y.encodeStateAsUpdate(source, before);
    Y.applyUpdate(later, onlyTheLaterEdit);
    expect(later.store.pendingStructs).not.toBeNull();
    expect(later.store.pendingStructs?.update).toBeInstanceOf(Uint8Array);
    expect(later.store.pendingDs === null || later.store.pendingDs instanceof Uint8Array).toBe(
      true,
    );
    expect(Y.getState(source.store, 7)).toBeGreaterThan(0);
    expect(Y.getState(later.store, 7)).toBe(0);
  });
});
