import { roleSchema, type AwarenessUser } from '@unitroom/shared';
import { useCallback } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useAwarenessSnapshot } from '../../sync/useAwarenessSnapshot';
import { isHexColour } from '../../ui/colour';

export interface PresentUser extends AwarenessUser {
  isSelf: boolean;
}

/** Awareness comes from other people's browsers, so it is checked before it reaches the DOM. */
export function readUser(state: Record<string, unknown>): AwarenessUser | null {
  const user: unknown = state['user'];
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, role, color } = user as Record<string, unknown>;
  const parsedRole = roleSchema.safeParse(role);
  if (typeof id !== 'string' || typeof name !== 'string' || !parsedRole.success) return null;
  if (typeof color !== 'string' || !isHexColour(color)) return null;
  return { id, name, role: parsedRole.data, color };
}

function presentUsers(awareness: Awareness, selfId: string): PresentUser[] {
  // One entry per person however many tabs or laptops they have open.
  const byId = new Map<string, PresentUser>();
  for (const state of awareness.getStates().values()) {
    const user = readUser(state);
    if (user && !byId.has(user.id)) byId.set(user.id, { ...user, isSelf: user.id === selfId });
  }
  return [...byId.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'en-GB'),
  );
}

/** Everyone with this meeting open, you first, kept current as people come and go. */
export function usePresentUsers(awareness: Awareness, selfId: string): PresentUser[] {
  const read = useCallback((states: Awareness) => presentUsers(states, selfId), [selfId]);
  return useAwarenessSnapshot(awareness, read);
}
