import { describe, expect, it } from 'vitest';
import { addDays, carryOver, suggestAgenda, type FamilyCadence } from '@unitroom/shared';

const family = (
  familyId: string,
  lastDiscussed: string | null,
  veryActive = false,
): FamilyCadence => ({ familyId, familyName: `${familyId} family`, veryActive, lastDiscussed });

describe('meeting planning rules (shared/src/model/meeting.ts)', () => {
  it('[M1] calendar days add across month, year and clock-change boundaries', () => {
    expect(addDays('2026-03-24', 7)).toBe('2026-03-31');
    expect(addDays('2026-03-29', 7)).toBe('2026-04-05');
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04');
  });

  it('[M2] never-discussed and overdue families come first; very active ones are due weekly', () => {
    const suggestions = suggestAgenda(
      '2026-03-17',
      [
        family('recent', '2026-03-10'),
        family('active', '2026-03-10', true),
        family('new', null),
        family('overdue', '2026-02-24'),
        family('onAgenda', null),
        family('fortnight', '2026-03-03'),
      ],
      new Set(['onAgenda']),
    );
    expect(suggestions.map((s) => [s.familyId, s.due, s.dueOn])).toEqual([
      ['new', true, null],
      ['overdue', true, '2026-03-10'],
      // Same due date: by name.
      ['active', true, '2026-03-17'],
      ['fortnight', true, '2026-03-17'],
      ['recent', false, '2026-03-24'],
    ]);
    expect(suggestions.find((s) => s.familyId === 'recent')?.reason).toBe(
      'Last discussed 7 days before this meeting; due fortnightly',
    );
  });

  it('[M5] carried families go first in their order; one already planned keeps its place', () => {
    const { agenda, carried } = carryOver(
      [{ familyId: 'b' }, { familyId: 'c' }, { familyId: 'x' }],
      [{ familyId: 'x' }, { familyId: 'y' }],
    );
    expect(carried.map((item) => item.familyId)).toEqual(['b', 'c']);
    expect(agenda.map((item) => item.familyId)).toEqual(['b', 'c', 'x', 'y']);
  });
});
