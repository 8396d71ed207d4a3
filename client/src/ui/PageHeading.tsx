import { useEffect, useRef } from 'react';
import { useNavigationType } from 'react-router';

const APP_NAME = 'Unitroom';

/**
 * The page's h1, which also names the browser tab. After an in-app navigation it takes focus, so
 * screen reader users hear that the page changed; a fresh load (POP) leaves focus where the
 * browser puts it, so the skip link stays first.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();

  useEffect(() => {
    document.title = `${children} – ${APP_NAME}`;
  }, [children]);

  useEffect(() => {
    if (navigationType !== 'POP') ref.current?.focus();
  }, [navigationType]);

  return (
    <h1 ref={ref} tabIndex={-1} className="heading-l">
      {children}
    </h1>
  );
}
