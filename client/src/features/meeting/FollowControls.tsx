import { useRef } from 'react';
import type { FollowView } from './agenda';

interface FollowControlsProps {
  view: FollowView;
  onFollow(): void;
  onStopFollowing(): void;
}

export function FollowControls({ view, onFollow, onStopFollowing }: FollowControlsProps) {
  const { following, viewed, chair } = view;
  const toggle = useRef<HTMLInputElement>(null);
  // The banner and its button go away on return, so focus needs somewhere to land.
  const returnToChair = () => {
    onFollow();
    toggle.current?.focus();
  };
  // On the chair's family too: what they open and where they are in the minutes is their view ([W10]).
  const awayFromChair = !following && chair !== null;
  const sameFamily = viewed?.family.id === chair?.family.id;

  return (
    <div className="follow">
      <div className="checkbox">
        <input
          ref={toggle}
          id="follow-chair"
          className="checkbox__input"
          type="checkbox"
          checked={following}
          onChange={(event) => (event.target.checked ? onFollow() : onStopFollowing())}
        />
        <label className="checkbox__label" htmlFor="follow-chair">
          Follow the chair
        </label>
      </div>
      {/* Always in the page, so changes are announced: the chair moving, or you moving away. */}
      <div aria-live="polite">
        {awayFromChair && (
          <div className="follow-banner">
            <p className="follow-banner__text">
              {sameFamily ? (
                <>
                  You stopped following the chair on <strong>{chair.family.name}</strong>: what they
                  open is not shown to you.
                </>
              ) : (
                <>
                  You are viewing{' '}
                  <strong>{viewed?.family.name ?? 'a family not on this agenda'}</strong>; the chair
                  is on <strong>{chair.family.name}</strong>.
                </>
              )}
            </p>
            <button type="button" className="button button--secondary" onClick={returnToChair}>
              Return to chair's view
            </button>
          </div>
        )}
        {following && chair && (
          <p className="visually-hidden">Following the chair, who is on {chair.family.name}.</p>
        )}
        {following && !chair && viewed && (
          <p className="hint">
            The chair has not picked a family yet, so you see the first one on the agenda.
          </p>
        )}
      </div>
    </div>
  );
}
