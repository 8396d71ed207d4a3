import type { MeetingId } from '../../ids.js';
import type { Board } from './board.js';
import type { Conversation } from './conversation.js';

/**
 * The planned conversations a meeting should ask about when the family comes back ([B19]): those
 * planned outside this meeting (at an earlier one, or between meetings) and not yet reviewed, in
 * the board's order of their hypotheses, then in id order. Pure, so every laptop shows the same
 * list.
 */
export function conversationsToReview(board: Board, meeting: MeetingId): Conversation[] {
  const place = new Map(board.hypotheses.map((h, index) => [h.id as string, index]));
  return board.conversations
    .filter((c) => c.reviewedInMeeting === null && c.plannedInMeeting !== meeting)
    .sort(
      (a, b) =>
        (place.get(a.hypothesisId) ?? 0) - (place.get(b.hypothesisId) ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Whether a conversation was reviewed in `meeting` (shown as done in that meeting's review). */
export const reviewedIn = (conversation: Conversation, meeting: MeetingId): boolean =>
  conversation.reviewedInMeeting === meeting;
