import type { FamilyOpenItems } from '@unitroom/shared';
import { useEffect, useState } from 'react';
import { fetchFamilyOpenItems } from '../../api/meetings';

export type OpenItemsState =
  { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; items: FamilyOpenItems };

/** The family's open items (before `beforeMeetingId` when given); `unavailable` for guests too. */
export function useOpenItems(familyId: string, beforeMeetingId?: string): OpenItemsState {
  const key = `${familyId}:${beforeMeetingId ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; value: OpenItemsState } | null>(null);
  useEffect(() => {
    let live = true;
    fetchFamilyOpenItems(familyId, beforeMeetingId).then(
      (items) => live && setLoaded({ key, value: { state: 'ready', items } }),
      () => live && setLoaded({ key, value: { state: 'unavailable' } }),
    );
    return () => {
      live = false;
    };
  }, [familyId, beforeMeetingId, key]);
  return loaded?.key === key ? loaded.value : { state: 'loading' };
}
