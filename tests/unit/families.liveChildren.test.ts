import { describe, expect, it } from 'vitest';
import {
  defaultPerson,
  isFutureDate,
  liveChildren,
  markedChildren,
  type PersonId,
} from '@unitroom/shared';

const person = (id: string, patch: Partial<ReturnType<typeof defaultPerson>> = {}) => ({
  ...defaultPerson(id as PersonId, id),
  ...patch,
});

describe('families: the children as the genogram marks them', () => {
  it('[F1] only people marked, alive, born or expected are children the unit works for', () => {
    const people = [
      person('mia', { childOfConcern: true, birthDate: '2014', councilPersonId: ' LCS-1 ' }),
      person('baby', { childOfConcern: true, pregnancy: 'pregnancy', name: '' }),
      person('lost', { childOfConcern: true, pregnancy: 'miscarriage' }),
      person('gran', { childOfConcern: true, deceased: true }),
      person('mum'),
    ];
    expect(markedChildren(people)).toEqual([
      { personId: 'mia', name: 'mia', birthDate: '2014', unborn: false, caseRecordId: 'LCS-1' },
      { personId: 'baby', name: 'Unborn baby', birthDate: null, unborn: true, caseRecordId: null },
    ]);
  });

  it('[F2][F3] a client sees a child marked a moment ago, live names, and no unmarked child', () => {
    const records = [
      { id: 'c1', name: 'Mia H', birthYear: 2014, personId: 'mia' },
      { id: 'c2', name: 'Leo', birthYear: 2019, personId: 'leo' },
      { id: 'old', name: 'Zofia', birthYear: 2010, personId: null },
    ];
    const people = [
      person('mia', { childOfConcern: true, name: 'Mia Harper' }),
      person('leo'),
      person('finn', { childOfConcern: true, name: 'Finn', birthDate: '2026-11-20' }),
    ];
    expect(liveChildren(records, people)).toEqual([
      { id: 'c1', name: 'Mia Harper', birthYear: 2014, personId: 'mia' },
      { id: 'old', name: 'Zofia', birthYear: 2010, personId: null },
      { id: 'finn', name: 'Finn', birthYear: 2026, personId: 'finn' },
    ]);
    expect(liveChildren(records, null)).toEqual(records);
  });

  it('[F11] a date is in the future only when all of it is', () => {
    const today = new Date('2026-12-07T10:00:00Z');
    expect(isFutureDate('2026-12-08', today)).toBe(true);
    expect(isFutureDate('2026-12-07', today)).toBe(false);
    expect(isFutureDate('2026-12', today)).toBe(false);
    expect(isFutureDate('2027', today)).toBe(true);
    expect(isFutureDate('2026', today)).toBe(false);
  });
});
