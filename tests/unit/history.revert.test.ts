import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { genogramCommands, readGenogram, userOrigin, type PersonId } from '@unitroom/shared';
import { keptAfterPruning, revertUpdate, type HistoryRecord } from '@unitroom/server';

/** A document and the history its updates would leave, with times given by the test. */
function recorded() {
  const doc = new Y.Doc();
  const records: HistoryRecord[] = [];
  let at = 1000;
  let userId = 'user-a';
  doc.on('update', (update: Uint8Array) =>
    records.push({ kind: 'update', at, userId, via: 'c', originKind: 'remote', data: update }),
  );
  return {
    doc,
    records,
    as(user: string, time: number) {
      userId = user;
      at = time;
      return genogramCommands(doc, userOrigin(user));
    },
    checkpoint(time: number) {
      records.push({
        kind: 'checkpoint',
        at: time,
        userId: null,
        via: null,
        originKind: 'checkpoint',
        data: Y.encodeStateAsUpdate(doc),
      });
    },
  };
}

const names = (doc: Y.Doc) =>
  readGenogram(doc)
    .people.map((person) => person.name)
    .sort();

describe('revertUpdate rebuilds an earlier state from the history, as new changes', () => {
  it('[Y3] restores the state at a time', () => {
    const h = recorded();
    h.checkpoint(900);
    const a = h.as('user-a', 1000);
    a.addPerson({ name: 'Ann' });
    a.addPerson({ name: 'Bob' });
    const b = h.as('user-b', 2000);
    for (const person of readGenogram(h.doc).people) b.deletePerson(person.id as PersonId);
    b.addPerson({ name: 'Eve' });
    expect(names(h.doc)).toEqual(['Eve']);
    const update = revertUpdate(h.records, { kind: 'time', at: 1500 }, h.doc);
    Y.applyUpdate(h.doc, update);
    expect(names(h.doc)).toEqual(['Ann', 'Bob']);
  });

  it("[Y3] takes back one person's changes and keeps the others'", () => {
    const h = recorded();
    h.checkpoint(900);
    h.as('user-a', 1000).addPerson({ name: 'Ann' });
    const b = h.as('user-b', 2000);
    for (const person of readGenogram(h.doc).people) b.deletePerson(person.id as PersonId);
    b.addPerson({ name: 'Eve' });
    h.as('user-a', 3000).addPerson({ name: 'Cat' });
    const update = revertUpdate(
      h.records,
      { kind: 'person', userId: 'user-b', since: 1500 },
      h.doc,
    );
    Y.applyUpdate(h.doc, update);
    expect(names(h.doc)).toEqual(['Ann', 'Cat']);
  });

  it('[Y2] pruning keeps the last checkpoint at or before the cutoff, and all after it', () => {
    const record = (kind: 'update' | 'checkpoint', at: number): HistoryRecord => ({
      kind,
      at,
      userId: null,
      via: null,
      originKind: kind,
      data: new Uint8Array(),
    });
    const records = [
      record('checkpoint', 1),
      record('update', 2),
      record('checkpoint', 3),
      record('update', 4),
      record('checkpoint', 6),
      record('update', 7),
    ];
    expect(keptAfterPruning(records, 5).map((r) => r.at)).toEqual([3, 4, 6, 7]);
    expect(keptAfterPruning(records, 0).map((r) => r.at)).toEqual([1, 2, 3, 4, 6, 7]);
  });
});
