import { useEffect, useState } from 'react';
import { COUNCIL_SIGN_IN_PATH, type SignInOptions } from '@unitroom/shared';
import { fetchSignInOptions } from '../../api/session';

/** What the deployment offers; the password form alone if the question cannot be answered. */
export function useSignInOptions(): SignInOptions | null {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  useEffect(() => {
    let live = true;
    fetchSignInOptions().then(
      (answer) => live && setOptions(answer),
      () => live && setOptions({ password: true, council: false }),
    );
    return () => {
      live = false;
    };
  }, []);
  return options;
}

/** What the person is told when council sign-in did not let them in, and what to do. */
const REFUSALS: Record<string, { title: string; text: string }> = {
  'not-known': {
    title: 'You cannot use Unitroom yet',
    text: 'Your council account is fine, but nobody has added you to Unitroom. Ask your Unitroom administrator to add you, then sign in again.',
  },
  'not-verified': {
    title: 'Your council did not confirm your email address',
    text: 'Unitroom needs your council to confirm your email address before it can let you in. Ask your Unitroom administrator for help.',
  },
  failed: {
    title: 'Signing in with your council account did not finish',
    text: 'It may have taken too long, or the council’s sign-in could not be reached. Try again.',
  },
};

/**
 * "Sign in with your council account": a plain link, so the browser goes to the council's sign-in
 * page and comes back to where the person was going.
 */
export function CouncilSignIn({
  returnTo,
  refusal,
  passwordToo,
}: {
  returnTo: string;
  refusal: string | null;
  passwordToo: boolean;
}) {
  const refused = refusal ? REFUSALS[refusal] : undefined;
  return (
    <div className="council-sign-in">
      {refused && (
        <div className="error-summary" role="alert" aria-labelledby="council-refusal-title">
          <h2 id="council-refusal-title" className="error-summary__title">
            {refused.title}
          </h2>
          <p>{refused.text}</p>
        </div>
      )}
      {!passwordToo && <p>Use the account you sign in to your council’s computers with.</p>}
      <a
        className="button council-sign-in__button"
        href={`${COUNCIL_SIGN_IN_PATH}?from=${encodeURIComponent(returnTo)}`}
      >
        Sign in with your council account
      </a>
    </div>
  );
}
