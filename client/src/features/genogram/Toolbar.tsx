import { useRef, useState, type KeyboardEvent } from 'react';

export interface ToolbarItem {
  id: string;
  label: string;
  /** Shown after the label in `<kbd>`; the key itself is announced from `ariaKeyShortcuts`. */
  hint?: string;
  ariaKeyShortcuts?: string;
  /**
   * Shown as unavailable but still focusable (`aria-disabled`): a button that disables itself
   * while focused, like Undo at the end of its history, would otherwise drop focus to the page.
   */
  unavailable?: boolean;
  variant?: 'warning';
  onActivate(): void;
}

/**
 * A row of buttons that is one tab stop (the WAI-ARIA toolbar pattern): Left and Right move
 * between its buttons, Home and End go to the ends. Keeps the canvas a few Tab presses away
 * however many commands there are.
 */
export function Toolbar({ label, items }: { label: string; items: ToolbarItem[] }) {
  const [active, setActive] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = items.find((item) => item.id === active) ?? items[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.id === current?.id);
    let next: ToolbarItem | undefined;
    if (event.key === 'ArrowRight') next = items[(index + 1) % items.length];
    else if (event.key === 'ArrowLeft') next = items[(index - 1 + items.length) % items.length];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items.at(-1);
    if (!next) return;
    event.preventDefault();
    setActive(next.id);
    buttons.current.get(next.id)?.focus();
  };

  return (
    <div className="genogram-toolbar" role="toolbar" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          ref={(element) => {
            if (element) buttons.current.set(item.id, element);
            else buttons.current.delete(item.id);
          }}
          type="button"
          className={`button button--secondary genogram-toolbar__button${item.variant === 'warning' ? ' genogram-toolbar__button--warning' : ''}`}
          tabIndex={item.id === current?.id ? 0 : -1}
          aria-disabled={item.unavailable ? true : undefined}
          aria-keyshortcuts={item.ariaKeyShortcuts}
          data-command={item.id}
          onFocus={() => setActive(item.id)}
          onClick={item.onActivate}
        >
          {item.label}
          {item.hint && (
            <kbd className="genogram-toolbar__key" aria-hidden="true">
              {item.hint}
            </kbd>
          )}
        </button>
      ))}
    </div>
  );
}
