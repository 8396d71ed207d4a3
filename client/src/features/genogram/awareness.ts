import { ID_PATTERN, LAYOUT_UNITS, type AwarenessUser } from '@unitroom/shared';
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useAwarenessSnapshot } from '../../sync/useAwarenessSnapshot';
import { readUser } from '../presence';
import type { DragOffset } from './useGenogram';

/**
 * What the canvas publishes in Yjs awareness, beside `user`:
 *
 * - `genogramSelection: { personId: string | null }`: the person this client has selected, drawn
 *   on everyone else's canvas as a ring in the user's colour with their name.
 * - `genogramDrag: { personId, dx, dy } | null`: while a person is being dragged, the nudge that
 *   would be stored if they were dropped now (the person's whole offset from their automatic
 *   place, as `setNudge` takes it). Others draw the person there live; only the drop is written
 *   to the document, once.
 *
 * Awareness comes from other people's browsers, so both are checked before they are drawn.
 */
export const SELECTION_FIELD = 'genogramSelection';
export const DRAG_FIELD = 'genogramDrag';

export interface PeerSelection {
  clientId: number;
  user: AwarenessUser;
  personId: string;
}

export interface PeerState {
  selections: PeerSelection[];
  drags: DragOffset[];
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value);
const isOffset = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LAYOUT_UNITS.maxNudge;

function readSelection(state: Record<string, unknown>): string | null {
  const field = state[SELECTION_FIELD];
  if (typeof field !== 'object' || field === null) return null;
  const { personId } = field as Record<string, unknown>;
  return isId(personId) ? personId : null;
}

function readDrag(state: Record<string, unknown>): DragOffset | null {
  const field = state[DRAG_FIELD];
  if (typeof field !== 'object' || field === null) return null;
  const { personId, dx, dy } = field as Record<string, unknown>;
  return isId(personId) && isOffset(dx) && isOffset(dy) ? { personId, dx, dy } : null;
}

const NO_PEERS: PeerState = { selections: [], drags: [] };

function readPeers(awareness: Awareness): PeerState {
  const selections: PeerSelection[] = [];
  const drags: DragOffset[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    // Our own selection and drag are drawn from local state, without a round trip.
    if (clientId === awareness.clientID) continue;
    const user = readUser(state);
    if (!user) continue;
    const personId = readSelection(state);
    if (personId) selections.push({ clientId, user, personId });
    const drag = readDrag(state);
    if (drag) drags.push(drag);
  }
  // Stable order, so rings stack the same way on every render.
  selections.sort((a, b) => a.clientId - b.clientId);
  // The same empty state every time, so the layout is not recomputed for nothing.
  if (selections.length === 0 && drags.length === 0) return NO_PEERS;
  return {
    selections: selections.length === 0 ? NO_PEERS.selections : selections,
    drags: drags.length === 0 ? NO_PEERS.drags : drags,
  };
}

/** Other people's genogram selections and drags in progress, kept current. */
export function usePeerState(awareness: Awareness): PeerState {
  return useAwarenessSnapshot(awareness, readPeers);
}

/** Publishes the selected person while mounted; clears it on unmount so no ring is left behind. */
export function usePublishSelection(awareness: Awareness, personId: string | null): void {
  useEffect(() => {
    awareness.setLocalStateField(SELECTION_FIELD, { personId });
  }, [awareness, personId]);
  useEffect(() => () => awareness.setLocalStateField(SELECTION_FIELD, null), [awareness]);
}

export function publishDrag(awareness: Awareness, drag: DragOffset | null): void {
  awareness.setLocalStateField(DRAG_FIELD, drag);
}
