import type { Board } from './board.js';
import type { Hypothesis, HypothesisStatus } from './hypothesis.js';

/** The words for a hypothesis's status, the same on the board and in every export. */
export const HYPOTHESIS_STATUS_LABELS: Record<HypothesisStatus, string> = {
  open: 'Open',
  exploring: 'Exploring',
  supported: 'Supported',
  set_aside: 'Set aside',
};

/**
 * Where a hypothesis stands ([W8]): as stored, except that an open one with a conversation
 * planned is being explored ("Exploring: conversations are planned or under way"), unless
 * someone put it back to open by hand, with a reason. The board and the exports both read it so.
 */
export function hypothesisStatus(
  hypothesis: Hypothesis,
  board: Pick<Board, 'conversations'>,
): HypothesisStatus {
  if (hypothesis.status !== 'open' || hypothesis.statusReason.trim() !== '') {
    return hypothesis.status;
  }
  return board.conversations.some((c) => c.hypothesisId === hypothesis.id) ? 'exploring' : 'open';
}
