import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  compareNames,
  generationLabel,
  genogramCommands,
  groupedByGeneration,
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

  it('[G27] [G24] people are grouped by the generation they are drawn in, named from the children of concern, by name within each', () => {
    const doc = new Y.Doc();
    const commands = genogramCommands(doc, userOrigin('sw'));
    const mum = commands.addPerson({ name: 'Grace Osei', gender: 'female' });
    const { union } = commands.addPartner(mum, {
      partner: { name: 'Daniel Reid', gender: 'male' },
      kind: 'cohabitation',
    });
    const { partnerA: nan } = commands.addParents(mum, {
      partnerA: { name: 'Abena Osei', gender: 'female' },
      partnerB: { name: 'Yaw Osei', gender: 'male' },
    });
    commands.addChild({ union }, { person: { name: 'Zara Reid', gender: 'female' } });
    const { person: ama } = commands.addChild(
      { union },
      { person: { name: 'Ama Reid', gender: 'female' } },
    );
    void nan;
    const people = (genogram: ReturnType<typeof readGenogram>) =>
      groupedByGeneration(
        genogram,
        [
          ...genogram.people.map((p) => ({ id: p.id as string, name: p.name })),
          { id: 'gone', name: 'Aaron' },
        ],
        (p) => p.id,
        (p) => p.name,
      ).map((group) => [group.label, group.items.map((p) => p.name)]);

    expect(people(readGenogram(doc))).toEqual([
      ['Generation 1', ['Abena Osei', 'Yaw Osei']],
      ['Generation 2', ['Daniel Reid', 'Grace Osei']],
      ['Generation 3', ['Ama Reid', 'Zara Reid']],
      ['Not on the genogram', ['Aaron']],
    ]);

    commands.updatePerson(ama, { childOfConcern: true });
    expect(people(readGenogram(doc)).map(([label]) => label)).toEqual([
      "Grandparents' generation",
      "Parents' generation",
      "Children's generation",
      'Not on the genogram',
    ]);
    expect(generationLabel(0, 3)).toBe("Great-grandparents' generation");
    expect(generationLabel(5, 3)).toBe("Great-grandchildren's generation");
    expect(generationLabel(4, 3)).toBe("Grandchildren's generation");
  });
});
