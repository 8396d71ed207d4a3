import { describe, expect, it } from 'vitest';
import {
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  vetAwareness,
  type AwarenessOwnership,
  type ConnectionContext,
} from '@unitroom/server';

const context: ConnectionContext = {
  user: { id: 'user-grace', name: 'Grace Adeyemi' },
  role: 'manager',
  readOnly: true,
  unitId: 'unit-1',
  sessionId: 'session-1',
};

/** A room where client 1 is someone else's, and client 2 was once seen and has left. */
function room(owners: Map<number, unknown>): AwarenessOwnership {
  return {
    ownerOf: (id) => owners.get(id),
    isKnown: (id) => id === 1 || id === 2,
    isPresent: (id) => id === 1,
  };
}

const entry = (clientId: number, state: unknown, clock = 1) => ({
  clientId,
  clock,
  json: JSON.stringify(state),
});

describe('awareness authority', () => {
  it('[E3] an echo of presence the sender does not hold is dropped and costs nothing', () => {
    const me = {};
    const owners = new Map<number, unknown>([
      [1, {}],
      [7, me],
    ]);
    const update = encodeAwarenessEntries([entry(1, { cursor: 'x' }), entry(2, null)]);
    expect(vetAwareness(update, { owned: new Set([7]), context }, me, room(owners))).toBeNull();
  });

  it('[E1][E2] the first unheld client id is claimed, stamped with the session, other fields dropped', () => {
    const me = {};
    const update = encodeAwarenessEntries([
      entry(9, { user: { name: 'PC Invented' }, cursor: { a: 1 }, attendance: ['x'] }),
      entry(10, { user: { name: 'Second invented' } }),
    ]);
    const vetted = vetAwareness(update, { owned: new Set(), context }, me, room(new Map()));
    expect(vetted?.claimed).toBe(9);
    const applied = decodeAwarenessEntries(vetted?.update ?? new Uint8Array());
    expect(applied.map((e) => e.clientId)).toEqual([9]);
    expect(JSON.parse(applied[0]?.json ?? 'null')).toEqual({
      cursor: { a: 1 },
      user: { id: 'user-grace', name: 'Grace Adeyemi', role: 'manager', color: expect.any(String) },
    });
    // The invented second id is charged, though never applied.
    expect(vetted?.chargedBytes).toBeGreaterThan(
      Buffer.byteLength(applied[0]?.json ?? '') + Buffer.byteLength(entry(10, {}).json),
    );
  });

  it('[E3] the sender pays for what the server re-encodes, not only for what it sent', () => {
    const me = {};
    const json = `{"cursor":[${Array.from({ length: 100 }, () => '1e20').join(',')}]}`;
    const update = encodeAwarenessEntries([{ clientId: 9, clock: 1, json }]);
    const vetted = vetAwareness(update, { owned: new Set(), context }, me, room(new Map()));
    expect(vetted?.chargedBytes).toBeGreaterThan(100 * 21);
  });

  it('[E2] a state that is not an object is refused', () => {
    const update = encodeAwarenessEntries([{ clientId: 9, clock: 1, json: '[1,2]' }]);
    expect(() =>
      vetAwareness(update, { owned: new Set(), context }, {}, room(new Map())),
    ).toThrow();
  });
});
