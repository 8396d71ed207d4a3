import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_ROOT,
  BOARD_ORDER_ROOT,
  BOARD_ROOTS,
  CONTRIBUTORS_ROOT,
  DISCUSSION_MAP,
  DOCUMENT_SHAPES,
  GENOGRAM_ROOTS,
  MINUTES_FRAGMENT,
  writeRights,
} from '@unitroom/shared';

describe('the referee’s rules per document kind and role', () => {
  it('[V4] each kind knows its roots, as maps or sequences, and nothing else', () => {
    expect(DOCUMENT_SHAPES.family.rootUse(GENOGRAM_ROOTS.people)).toBe('map');
    expect(DOCUMENT_SHAPES.family.rootUse(BOARD_ORDER_ROOT)).toBe('sequence');
    expect(DOCUMENT_SHAPES.family.rootUse(MINUTES_FRAGMENT)).toBeNull();
    expect(DOCUMENT_SHAPES.discussion.rootUse(MINUTES_FRAGMENT)).toBe('sequence');
    expect(DOCUMENT_SHAPES.discussion.rootUse(GENOGRAM_ROOTS.people)).toBeNull();
    expect(DOCUMENT_SHAPES.meeting.rootUse('minutes:abc')).toBe('sequence');
    expect(DOCUMENT_SHAPES.meeting.rootUse('scratch')).toBeNull();
  });

  it('[V7] a clinician keeps to their own board entries and evidence; a guest writes only the minutes and what their laptop records', () => {
    const clinician = writeRights('family', 'clinician');
    expect(clinician.roots).toBeNull();
    expect(clinician.ownEntitiesOnly.has(BOARD_ROOTS.hypotheses)).toBe(true);
    expect(clinician.ownEntitiesOnly.has(GENOGRAM_ROOTS.people)).toBe(false);
    expect([...(clinician.appendOnlyFields[BOARD_ROOTS.hypotheses] ?? [])].sort()).toEqual([
      'evidenceAgainst',
      'evidenceFor',
    ]);
    expect(writeRights('family', 'social_worker').ownEntitiesOnly.size).toBe(0);
    expect(writeRights('family', 'guest').roots?.size).toBe(0);
    expect(writeRights('family', 'manager').roots?.size).toBe(0);
    const guest = writeRights('discussion', 'guest');
    expect(guest.roots?.has(MINUTES_FRAGMENT)).toBe(true);
    expect(guest.roots?.has(ATTENDANCE_ROOT)).toBe(true);
    expect(guest.roots?.has(DISCUSSION_MAP)).toBe(false);
    expect(writeRights('discussion', 'unit_coordinator').ownKeyRoots.has(CONTRIBUTORS_ROOT)).toBe(
      true,
    );
  });
});
