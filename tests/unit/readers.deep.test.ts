import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_ORDER_ROOT,
  BOARD_ROOTS,
  GENOGRAM_ROOTS,
  MINUTES_FRAGMENT,
  readBoard,
  readDiscussion,
  readGenogram,
} from '@unitroom/shared';

/** `depth` maps, each the only field of the one before, as the entry `key` of `root`. */
function nestMaps(doc: Y.Doc, root: string, key: string, depth: number): void {
  doc.transact(() => {
    let map = doc.getMap(root).set(key, new Y.Map<unknown>());
    for (let level = 1; level < depth; level += 1) map = map.set('x', new Y.Map<unknown>());
  });
}

describe('readers never throw on a document the server accepted, however deep', () => {
  it('[V6] the genogram and board readers read 6,000 nested maps (a 72 KB update) as nothing', () => {
    const doc = new Y.Doc();
    nestMaps(doc, GENOGRAM_ROOTS.people, 'deep0000000000000001', 6_000);
    nestMaps(doc, BOARD_ROOTS.hypotheses, 'deep0000000000000002', 6_000);
    doc.transact(() => {
      let array = doc.getArray<unknown>(BOARD_ORDER_ROOT);
      for (let level = 0; level < 6_000; level += 1) {
        const inner = new Y.Array<unknown>();
        array.insert(0, [inner]);
        array = inner;
      }
    });
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(60_000);
    expect(readGenogram(doc).people).toEqual([]);
    expect(readBoard(doc).hypotheses).toEqual([]);
  });

  it('[V6] the minutes reader reads 6,000 nested elements without overflowing', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(MINUTES_FRAGMENT);
      for (let level = 0; level < 6_000; level += 1) {
        const element = new Y.XmlElement('paragraph');
        parent.insert(0, [element]);
        parent = element;
      }
      parent.insert(0, [new Y.XmlText('deep down')]);
    });
    expect(() => readDiscussion(doc)).not.toThrow();
  });
});
