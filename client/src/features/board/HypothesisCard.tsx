import { ROLE_SHORT, type Hypothesis } from '@unitroom/shared';
import type { KeyboardEvent, Ref } from 'react';
import { STATUS_LABELS, aboutLabel, useBoardEnv } from './boardContext';

/**
 * One hypothesis on the board. The card's button opens its details and carries the keyboard
 * moves (see BoardKeyboardHelp); a suggestion shows its author and, for those who plan, Accept
 * and Decline, and looks unlike anything already on the plan until it is accepted.
 */
export function HypothesisCard({
  hypothesis,
  chosen,
  conversations,
  buttonRef,
  onOpen,
  onKeyDown,
}: {
  hypothesis: Hypothesis;
  chosen: boolean;
  /** How many conversations are planned for it. */
  conversations: number;
  buttonRef?: Ref<HTMLButtonElement>;
  onOpen(): void;
  onKeyDown?(event: KeyboardEvent<HTMLButtonElement>): void;
}) {
  const env = useBoardEnv();
  const suggested = hypothesis.suggestion === 'suggested';
  const role = hypothesis.offeredRole ? ` (${ROLE_SHORT[hypothesis.offeredRole]})` : '';
  const evidence = hypothesis.evidenceFor.length + hypothesis.evidenceAgainst.length;

  return (
    <article
      className={`board-card${suggested ? ' board-card--suggested' : ''}${chosen ? ' board-card--chosen' : ''}`}
      data-testid="board-card"
      data-suggestion={hypothesis.suggestion}
      aria-label={`${suggested ? 'Suggestion: ' : ''}${hypothesis.text}`}
    >
      {suggested && (
        <p className="board-card__suggested">
          <span className="tag tag--suggestion">Suggestion</span> by {hypothesis.suggestedBy}
        </p>
      )}
      <button
        ref={buttonRef}
        type="button"
        className="board-card__open"
        aria-expanded={chosen}
        onClick={onOpen}
        onKeyDown={onKeyDown}
      >
        {hypothesis.text}
      </button>
      <p className="board-card__meta">
        {suggested ? null : (
          <>
            {hypothesis.offeredBy}
            {role} ·{' '}
          </>
        )}
        {aboutLabel(hypothesis, env.genogram)}
      </p>
      {!suggested && (
        <p className="board-card__meta">
          {evidence > 0 &&
            `Evidence: ${hypothesis.evidenceFor.length} for, ${hypothesis.evidenceAgainst.length} against. `}
          {conversations > 0 &&
            `${conversations} planned conversation${conversations === 1 ? '' : 's'}.`}
          {hypothesis.status !== 'open' && hypothesis.statusReason && (
            <>
              {' '}
              {STATUS_LABELS[hypothesis.status]} because: {hypothesis.statusReason}
            </>
          )}
        </p>
      )}
      {suggested && env.abilities.plan && (
        <div className="button-group board-card__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              env.act((c) => c.acceptHypothesis(hypothesis.id), 'Accepted the suggestion')
            }
          >
            Accept<span className="visually-hidden"> the suggested hypothesis</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() =>
              env.act((c) => c.declineHypothesis(hypothesis.id), 'Declined the suggestion')
            }
          >
            Decline<span className="visually-hidden"> the suggested hypothesis</span>
          </button>
        </div>
      )}
    </article>
  );
}
