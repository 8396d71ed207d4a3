import { useEffect, useRef, type FocusEvent, type RefObject } from 'react';

type Focusable = HTMLElement | SVGElement;
type Pending = { person: string } | { panel: true } | { element: Focusable };

/**
 * Where focus goes in the workspace when what it goes to is not there yet (a person just added
 * appears on the next render), and where it goes when what had it disappears (a person deleted by
 * someone else, or by undo): never to the page's body, where keyboard users lose their place.
 */
export function useFocusKeeper({
  personElements,
  panelHeading,
  fallback,
}: {
  personElements: RefObject<Map<string, SVGGElement>>;
  panelHeading: RefObject<HTMLHeadingElement | null>;
  /** Where focus goes when what had it is removed: the canvas's tab stop, say. */
  fallback: () => Focusable | null | undefined;
}) {
  const pending = useRef<Pending | null>(null);
  const lastFocused = useRef<Element | null>(null);

  useEffect(() => {
    const next = pending.current;
    if (next && 'person' in next) {
      const element = personElements.current.get(next.person);
      if (element) {
        pending.current = null;
        element.focus();
      }
    } else if (next && 'panel' in next && panelHeading.current) {
      pending.current = null;
      panelHeading.current.focus();
    } else if (next && 'element' in next) {
      pending.current = null;
      if (next.element.isConnected) next.element.focus();
    }
    const last = lastFocused.current;
    if (last && !last.isConnected && document.activeElement === document.body) {
      lastFocused.current = null;
      fallback()?.focus();
    }
  });

  return {
    focusPerson(personId: string | null) {
      if (personId) pending.current = { person: personId };
    },
    focusPanel() {
      pending.current = { panel: true };
    },
    focusElement(element: Focusable) {
      pending.current = { element };
    },
    /** Put on the workspace's root: remembers the last thing focused inside it. */
    onFocus(event: FocusEvent) {
      lastFocused.current = event.target;
    },
  };
}
