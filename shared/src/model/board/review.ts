import type { MeetingId } from '../../ids.js';
import type { Board } from './board.js';
import type { Conversation } from './conversation.js';

/**
 * The planned conversations a meeting should ask about when the family comes back ([B19]): those
 * planned at an earlier meeting or between meetings and not yet reviewed (an old meeting opened
 * again does not ask about plans made after it), in
 * the board's order of their hypotheses, then in id order. Pure, so every laptop shows the same
 * list.
 */
export function conversationsToReview(
  board: Board,
  meeting: MeetingId,
  /** Whether a meeting came before this one; without it every other meeting counts as earlier. */
  isEarlier: (other: MeetingId) => boolean = () => true,
): Conversation[] {
  const place = new Map(board.hypotheses.map((h, index) => [h.id as string, index]));
  return board.conversations
    .filter(
      (c) =>
        c.reviewedInMeeting === null &&
        c.plannedInMeeting !== meeting &&
        (c.plannedInMeeting === null || isEarlier(c.plannedInMeeting)),
    )
    .sort(
      (a, b) =>
        (place.get(a.hypothesisId) ?? 0) - (place.get(b.hypothesisId) ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Whether a conversation was reviewed in `meeting` (shown as done in that meeting's review). */
export const reviewedIn = (conversation: Conversation, meeting: MeetingId): boolean =>
  conversation.reviewedInMeeting === meeting;
