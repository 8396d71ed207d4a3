import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LargeUpdateVetter, PIECE_LIMITS, splitUpdate, type PieceLimits } from '@unitroom/server';
import { concurrentInsertionsUpdate, tinyStructsUpdate } from '../helpers/hostileInputs.js';
import { seededRandom } from '../helpers/random.js';

type Random = () => number;

const copy = (doc: Y.Doc) => {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
};

/** Everything a reader sees, with map keys in a fixed order. */
const contentOf = (doc: Y.Doc) =>
  JSON.stringify([
    doc.getXmlFragment('minutes').toString(),
    doc.getText('scratch').toString(),
    Object.entries(doc.getMap('m').toJSON()).sort(),
  ]);

/**
 * A server document and what an offline client (one tab or several sharing edits, each session
 * a new client id) did to it: paragraphs typed with formatting, pastes, deletions of its own and
 * of what was there, map values; meanwhile the server got other edits.
 */
function offlineScenario(random: Random) {
  const server = new Y.Doc();
  const colleague = new Y.Doc();
  colleague.getText('scratch').insert(0, 'What was there before. '.repeat(40));
  const minutes = colleague.getXmlFragment('minutes');
  for (let i = 0; i < 15; i += 1) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`paragraph ${i}`)]);
    minutes.insert(minutes.length, [paragraph]);
  }
  for (let i = 0; i < 20; i += 1)
    colleague.getText('scratch').delete(Math.floor(random() * 800), 3);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(colleague));

  const tabs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => copy(server));
  for (let round = 0; round < 40; round += 1) {
    const doc = tabs[Math.floor(random() * tabs.length)] as Y.Doc;
    const text = doc.getText('scratch');
    const fragment = doc.getXmlFragment('minutes');
    switch (Math.floor(random() * 7)) {
      case 0:
        text.insert(
          Math.floor(random() * (text.length + 1)),
          'Pasted. '.repeat(1 + random() * 2000),
        );
        break;
      case 1:
        if (text.length > 10) {
          const at = Math.floor(random() * (text.length - 5));
          text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 200)));
        }
        break;
      case 2: {
        const paragraph = new Y.XmlElement('paragraph');
        const inner = new Y.XmlText();
        paragraph.insert(0, [inner]);
        fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
        for (let c = 0; c < 200; c += 1)
          inner.insert(inner.length, 'typed '[c % 6] ?? ' ', c % 40 < 5 ? { bold: {} } : undefined);
        break;
      }
      case 3:
        if (fragment.length > 0) fragment.delete(Math.floor(random() * fragment.length), 1);
        break;
      case 4:
        doc.getMap('m').set(`k${Math.floor(random() * 10)}`, { value: random(), list: [1, 2] });
        break;
      case 5:
        // The tabs share their edits (BroadcastChannel).
        for (const a of tabs)
          for (const b of tabs)
            if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
        break;
      default:
        for (let c = 0; c < 150; c += 1) text.insert(Math.floor(random() * (text.length + 1)), 'x');
    }
  }
  colleague.getText('scratch').insert(5, 'meanwhile ');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(colleague));
  const laptop = new Y.Doc();
  for (const tab of tabs) Y.applyUpdate(laptop, Y.encodeStateAsUpdate(tab));
  // Sent against what the server had, or (a fresh replica) against nothing at all.
  const against = random() < 0.5 ? Y.encodeStateVector(server) : Y.encodeStateVector(new Y.Doc());
  return { server, backlog: Y.encodeStateAsUpdate(laptop, against) };
}

describe('splitting a large update', () => {
  const limits: Array<[string, PieceLimits]> = [
    ['the default pieces', PIECE_LIMITS],
    ['pieces of 20 structs', { maxStructs: 20, maxLength: 500 }],
    ['pieces of one struct', { maxStructs: 1, maxLength: 1 }],
  ];
  it.each(limits)(
    'with %s, the pieces applied in order equal the whole, none leaves anything pending',
    (_name, pieceLimits) => {
      for (let seed = 1; seed <= 25; seed += 1) {
        const { server, backlog } = offlineScenario(seededRandom(seed));
        const expected = copy(server);
        Y.applyUpdate(expected, backlog);
        const split = splitUpdate(copy(server), backlog, pieceLimits);
        if (!split.ok) throw new Error(`seed ${seed}: ${split.missing}`);
        const target = copy(server);
        for (const piece of split.pieces) {
          Y.applyUpdate(target, piece);
          expect(target.store.pendingStructs, `seed ${seed}`).toBeNull();
          expect(target.store.pendingDs, `seed ${seed}`).toBeNull();
        }
        expect(contentOf(target), `seed ${seed}`).toBe(contentOf(expected));
        expect(Y.encodeStateVector(target)).toEqual(Y.encodeStateVector(expected));
        expect(
          Y.equalDeleteSets(
            Y.createDeleteSetFromStructStore(target.store),
            Y.createDeleteSetFromStructStore(expected.store),
          ),
        ).toBe(true);
        let changed = false;
        target.on('update', () => (changed = true));
        Y.applyUpdate(target, backlog);
        expect(changed, `seed ${seed}: the whole update added something`).toBe(false);
      }
    },
  );

  it('text typed and deleted offline is never shown, not even between pieces', () => {
    const server = new Y.Doc();
    const laptop = new Y.Doc();
    const text = laptop.getText('scratch');
    // Each note before the last one: structs that cannot merge, so there are many pieces.
    for (let i = 0; i < 300; i += 1) {
      text.insert(0, `note ${i} `);
      if (i % 50 === 10) {
        text.insert(0, 'WRONG CHILD NAME');
        text.delete(0, 'WRONG CHILD NAME'.length);
      }
    }
    const split = splitUpdate(copy(server), Y.encodeStateAsUpdate(laptop), {
      maxStructs: 3,
      maxLength: 30,
    });
    if (!split.ok) throw new Error(split.missing);
    expect(split.pieces.length).toBeGreaterThan(10);
    const target = copy(server);
    for (const piece of split.pieces) {
      Y.applyUpdate(target, piece);
      expect(target.getText('scratch').toString()).not.toContain('WRONG');
    }
    expect(target.getText('scratch').toString()).toBe(text.toString());
  });

  it('deletions the document already has are not sent again', () => {
    const server = new Y.Doc();
    server.getText('scratch').insert(0, 'abcdefghij'.repeat(100));
    for (let i = 0; i < 50; i += 1) server.getText('scratch').delete(i * 15, 2);
    const laptop = copy(server);
    const serverState = Y.encodeStateVector(server);
    laptop.getText('scratch').insert(0, 'new ');
    // Its sync step 2 carries its whole delete set, all of which the server has.
    const split = splitUpdate(
      copy(server),
      Y.encodeStateAsUpdate(laptop, serverState),
      PIECE_LIMITS,
    );
    if (!split.ok) throw new Error(split.missing);
    expect(split.pieces).toHaveLength(1);
    expect(Y.decodeUpdate(split.pieces[0] as Uint8Array).ds.clients.size).toBe(0);
  });

  it('an update building on changes that are not there cannot be split', () => {
    const source = new Y.Doc();
    source.getText('scratch').insert(0, 'never sent ');
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    source.getText('scratch').insert(3, 'orphan');
    const split = splitUpdate(new Y.Doc(), updates[0] as Uint8Array, PIECE_LIMITS);
    expect(split.ok).toBe(false);
  });
});

describe('vetting large updates on a worker thread', () => {
  const logged: string[] = [];
  const vetter = new LargeUpdateVetter((message) => logged.push(message));
  afterAll(() => vetter.close());
  const empty = Y.encodeStateAsUpdate(new Y.Doc());

  it('passes an honest backlog, in pieces, with what they cost', async () => {
    const { server, backlog } = offlineScenario(seededRandom(4));
    const verdict = await vetter.vet(Y.encodeStateAsUpdate(server), backlog, 300);
    if (!verdict.ok) throw new Error(verdict.reason);
    expect(verdict.costMs).toBeLessThan(300);
    const target = copy(server);
    for (const piece of verdict.pieces) Y.applyUpdate(target, piece);
    const expected = copy(server);
    Y.applyUpdate(expected, backlog);
    expect(contentOf(target)).toBe(contentOf(expected));
  });

  it('refuses what is undecodable, padded, incomplete or too costly', async () => {
    const padded = Uint8Array.from([
      ...Y.encodeStateAsUpdate(new Y.Doc()),
      ...new Uint8Array(1_000),
    ]);
    const garbage = new Uint8Array(1_000).fill(7);
    const orphan = (() => {
      const source = new Y.Doc();
      source.getText('scratch').insert(0, 'never sent');
      let last: Uint8Array = new Uint8Array();
      source.on('update', (update: Uint8Array) => (last = update));
      source.getText('scratch').insert(2, 'orphan');
      return last;
    })();
    const costly = tinyStructsUpdate(seededRandom(9), 150_000, 'bomb');
    const verdicts = await Promise.all(
      [padded, garbage, orphan, costly].map((update) => vetter.vet(empty, update, 20)),
    );
    expect(verdicts.map((verdict) => (verdict.ok ? 'ok' : verdict.code))).toEqual([
      'padded',
      'malformed',
      'missing',
      'costly',
    ]);
  });

  it('stops a job past its deadline, and the next job gets a fresh worker', async () => {
    const impatient = new LargeUpdateVetter((message) => logged.push(message), 300);
    try {
      const stuck = await impatient.vet(empty, concurrentInsertionsUpdate(40_000, 'bomb'), 1e9);
      expect(stuck).toMatchObject({ ok: false, code: 'costly' });
      expect(logged.some((line) => line.includes('restarting its worker'))).toBe(true);
      const next = await impatient.vet(
        empty,
        Y.encodeStateAsUpdate(copy(offlineScenario(seededRandom(5)).server)),
        1e9,
      );
      expect(next.ok).toBe(true);
    } finally {
      await impatient.close();
    }
  });
});
