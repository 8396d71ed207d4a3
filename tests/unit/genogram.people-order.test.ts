import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  compareNames,
  genogramCommands,
  partnershipsOf,
  readGenogram,
  sortedByName,
  userOrigin,
  type PersonId,
} from '@unitroom/shared';

describe('genogram: the order people and partnerships are offered in', () => {
  it('[G24] names sort as a British reader looks for them, accents and case aside, numbers as numbers, unnamed last', () => {
    const names = ['zoë', 'Ama', '', 'Baby 10', 'Łucja', 'Baby 2', 'adam'];
    expect(sortedByName(names, (name) => name)).toEqual([
      'adam',
      'Ama',
      'Baby 2',
      'Baby 10',
      'Łucja',
      'zoë',
      '',
    ]);
    expect(compareNames('Osei', 'osei')).toBe(0);
  });

  it('[G25] a mother separated from her first partner and living with a new one: the new partnership comes first', () => {
    const doc = new Y.Doc();
    const commands = genogramCommands(doc, userOrigin('sw'));
    const mum = commands.addPerson({ name: 'Grace Osei', gender: 'female' });
    const { union: first } = commands.addPartner(mum, {
      partner: { name: 'Kwame Mensah', gender: 'male' },
      kind: 'marriage',
    });
    commands.addUnionEvent(first, 'separated', '2019');
    const { union: now } = commands.addPartner(mum, {
      partner: { name: 'Daniel Reid', gender: 'male' },
      kind: 'cohabitation',
    });
    const order = partnershipsOf(readGenogram(doc), mum as PersonId).map((union) => union.id);
    expect(order).toEqual([now, first]);
  });
});
