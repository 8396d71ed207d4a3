import { expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  genogramCommands,
  readGenogram,
  userOrigin,
} from '@unitroom/shared';
import { replicaOf, sendUpdate, updateOf } from '../helpers/hostileWriter.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

/**
 * Issue 16: an update too large for the event loop is cut into pieces on the worker thread. The
 * referee used to see the pieces one at a time as they were applied, so the pieces before a
 * refused one stayed in the document. Now the worker referees every piece before any is applied:
 * a refused update changes nothing, and an accepted one is applied whole ([U3]).
 */

/**
 * The production referee: no scratch roots. The processing budget is raised far over what 1,500
 * people cost to integrate, so that how fast this machine is today never decides the verdict:
 * this test is about refereeing a large update whole ([U3]), not about its cost ([T1] has its own).
 */
const STRICT = {
  collabAuthority: { allowUnknownRoots: false },
  collabLimits: {
    ...DEFAULT_COLLAB_LIMITS,
    processingBudgetMs: { perSecond: 10_000, burst: 10_000 },
  },
};

/** `count` people with long names, in one update over the size that is applied at once. */
function manyPeople(base: Y.Doc, count: number, tail?: (doc: Y.Doc) => void): Uint8Array {
  const doc = replicaOf(base);
  const update = updateOf(doc, () => {
    const genogram = genogramCommands(doc, userOrigin('x'));
    for (let i = 0; i < count; i += 1)
      genogram.addPerson({ name: `Person ${i} ${'of a long family name '.repeat(6)}` });
    tail?.(doc);
  });
  doc.destroy();
  return update;
}

describeEachStore('a large update is refereed whole, before any of it is applied', (store) => {
  it('[U3] a refused write at the end of a large update leaves nothing of the update before it, and the same update without it is applied whole', async () => {
    const server = await startTestServer({ ...store, config: STRICT });
    const docName = `family:${server.demo.familyIds[0]}`;
    const bystander = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'csw@demo.test'),
    });
    await bystander.synced;
    const before = readGenogram(bystander.doc).people.length;

    // 1,500 valid people, then a write to a root no family document has: the last piece.
    const hostile = manyPeople(bystander.doc, 1_500, (doc) => doc.getMap('evil').set('k', 'v'));
    expect(hostile.byteLength).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.maxUpdateBytes);
    const writer = await signIn(server.url, 'sw@demo.test');
    expect(await sendUpdate(server.url, docName, writer, hostile)).toEqual({
      accepted: false,
      code: CLOSE_CODES.UPDATE_SHAPE_INVALID,
    });

    // Nothing of it is anywhere: not in the room, not in the store.
    const honestMark = genogramCommands(bystander.doc, userOrigin('csw')).addPerson({
      name: 'Typed after the attack',
    });
    await serverSaved(bystander);
    const stored = await loadStoredDoc(server, docName);
    expect(readGenogram(stored).people.length).toBe(before + 1);
    expect(readGenogram(stored).people.map((p) => p.id)).toContain(honestMark);
    expect(stored.share.has('evil')).toBe(false);
    expect(readGenogram(bystander.doc).people.length).toBe(before + 1);

    // The same people without the bad tail: applied whole, and everyone sees them.
    const honest = manyPeople(bystander.doc, 1_500);
    expect(honest.byteLength).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.maxUpdateBytes);
    expect(await sendUpdate(server.url, docName, writer, honest)).toEqual({ accepted: true });
    await eventually(() =>
      expect(readGenogram(bystander.doc).people.length).toBe(before + 1 + 1_500),
    );
    expect(bystander.provider.wsconnected).toBe(true);
    bystander.destroy();
  }, 120_000);
});
