import { useEffect, useRef, useState } from 'react';
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
  // Decided once: later navigations inside the same page (the meeting's agenda) keep focus put.
  const [focusOnMount] = useState(navigationType !== 'POP');

  useEffect(() => {
    document.title = `${children} – ${APP_NAME}`;
  }, [children]);

  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);

  return (
    <h1 ref={ref} tabIndex={-1} className="heading-l">
      {children}
    </h1>
  );
}
