import { ROLE_SHORT, type RaisedHand } from '@unitroom/shared';
import { useState } from 'react';

interface RaisedHandsProps {
  hands: RaisedHand[];
  selfId: string;
  raiseHand(raised: boolean): Promise<void>;
  /** Present for the chair only. */
  lowerHand: ((userId: string) => Promise<void>) | undefined;
}

/** Raise a hand to speak; everyone sees the queue in the order hands went up. */
export function RaisedHands({ hands, selfId, raiseHand, lowerHand }: RaisedHandsProps) {
  const [error, setError] = useState<string | null>(null);
  const mine = hands.some((hand) => hand.userId === selfId);
  const run = (work: Promise<void>) => {
    setError(null);
    work.catch((reason: unknown) =>
      setError(reason instanceof Error ? reason.message : 'That did not work. Try again.'),
    );
  };

  return (
    <section className="hands" aria-labelledby="hands-heading">
      <h2 id="hands-heading" className="visually-hidden">
        Raised hands
      </h2>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-pressed={mine}
        onClick={() => run(raiseHand(!mine))}
      >
        {mine ? 'Lower my hand' : 'Raise my hand'}
      </button>
      {/* Announced as hands go up and down, so nobody has to watch the list. */}
      <div aria-live="polite">
        {hands.length > 0 && (
          <ol className="hands__list" aria-label="Hands up, in order">
            {hands.map((hand) => (
              <li key={hand.userId} className="hands__item">
                <span aria-hidden="true">✋ </span>
                {hand.userId === selfId ? `${hand.name} (you)` : hand.name}{' '}
                <span className="hands__role">{ROLE_SHORT[hand.role]}</span>
                {lowerHand && hand.userId !== selfId && (
                  <button
                    type="button"
                    className="button button--secondary button--small hands__lower"
                    aria-label={`Lower hand: ${hand.name}`}
                    onClick={() => run(lowerHand(hand.userId))}
                  >
                    Lower
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
