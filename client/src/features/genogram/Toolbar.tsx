import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

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
  /**
   * In a toolbar that fits its width, lower numbers stay on the row longest; the rest move into
   * the "More" menu, most-used commands last. Items without one go first.
   */
  priority?: number;
  /** Always in the menu, never on the row (commands that are rare, like downloads). */
  menuOnly?: boolean;
  onActivate(): void;
}

const MORE = '\u0000more';

/** What the menu button shows; `hidden` completes its name for screen readers only. */
export interface MenuLabel {
  visible: string;
  hidden?: string;
}

/**
 * A row of buttons that is one tab stop (the WAI-ARIA toolbar pattern): Left and Right move
 * between its buttons, Home and End go to the ends. Keeps the canvas a few Tab presses away
 * however many commands there are.
 *
 * With `fit`, the row stays one row in whatever width its container gives it (a meeting room's
 * pane is about half a laptop screen): it measures its buttons and its own width (ResizeObserver,
 * not the window's width) and moves what does not fit, least-used first, into a menu button
 * (the WAI-ARIA menu button pattern). Items marked `menuOnly` are always in that menu.
 */
export function Toolbar({
  label,
  items,
  fit = false,
  menuLabel = { visible: 'More' },
}: {
  label: string;
  items: ToolbarItem[];
  fit?: boolean;
  menuLabel?: MenuLabel;
}) {
  const root = useRef<HTMLDivElement>(null);
  const measurer = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [active, setActive] = useState<string | null>(null);
  // Ids shown on the row; null until measured (then everything is on the row, as before).
  const [onRow, setOnRow] = useState<string | null>(null);

  const rowCandidates = items.filter((item) => !item.menuOnly);
  const candidateKey = rowCandidates.map((item) => item.id).join('\n');
  const shownIds = fit && onRow !== null ? new Set(onRow ? onRow.split('\n') : []) : null;
  const rowItems = shownIds ? rowCandidates.filter((item) => shownIds.has(item.id)) : rowCandidates;
  const menuItems = items.filter((item) => !rowItems.includes(item));
  const stops = [...rowItems.map((item) => item.id), ...(menuItems.length ? [MORE] : [])];
  const current = stops.includes(active ?? '') ? active : stops[0];

  const measure = useCallback(() => {
    const box = root.current;
    const sizes = measurer.current;
    if (!fit || !box || !sizes) return;
    const gap = parseFloat(getComputedStyle(box).columnGap) || 0;
    const widthOf = (id: string) =>
      sizes.querySelector<HTMLElement>(`[data-measure="${CSS.escape(id)}"]`)?.offsetWidth ?? 0;
    const available = box.clientWidth;
    const candidates = candidateKey ? candidateKey.split('\n') : [];
    const total = (ids: string[]) =>
      ids.reduce((sum, id) => sum + widthOf(id), 0) + gap * Math.max(0, ids.length - 1);
    const alwaysMenu = items.some((item) => item.menuOnly);
    if (total(alwaysMenu ? [...candidates, MORE] : candidates) <= available) {
      setOnRow(candidateKey);
      return;
    }
    const byPriority = [...candidates].sort(
      (a, b) =>
        (items.find((i) => i.id === a)?.priority ?? 0) -
        (items.find((i) => i.id === b)?.priority ?? 0),
    );
    const kept: string[] = [];
    for (const id of byPriority) {
      if (total([...kept, id, MORE]) > available) break;
      kept.push(id);
    }
    setOnRow(candidates.filter((id) => kept.includes(id)).join('\n'));
    // `items` changes identity each render; what matters for the widths is in `candidateKey`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit, candidateKey]);

  useLayoutEffect(() => {
    if (!fit || !root.current) return;
    measure();
    // Its own width, and each button's: a web font that arrives late widens the labels.
    const observer = new ResizeObserver(() => measure());
    observer.observe(root.current);
    for (const size of measurer.current?.children ?? []) observer.observe(size);
    return () => observer.disconnect();
  }, [fit, measure]);

  // Measured sizes can be off by what only the real row shows (rounding, late fonts): while the
  // row still overflows its box, the least-used command on it moves into the menu too.
  const rowKey = rowItems.map((item) => item.id).join('\n');
  const trimOverflow = useCallback(() => {
    const box = root.current;
    if (!fit || !box || box.scrollWidth <= box.clientWidth + 1) return;
    const shown = rowKey ? rowKey.split('\n') : [];
    const priorityOf = (id: string) => items.find((i) => i.id === id)?.priority ?? 0;
    const last = [...shown].sort((a, b) => priorityOf(b) - priorityOf(a))[0];
    if (last) setOnRow(shown.filter((id) => id !== last).join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit, rowKey]);
  useLayoutEffect(() => {
    // Measuring the rendered row and correcting it before paint is what a layout effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (onRow !== null) trimOverflow();
  }, [onRow, trimOverflow]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('[role="menu"]')) return;
    const index = stops.findIndex((id) => id === current);
    let next: string | undefined;
    if (event.key === 'ArrowRight') next = stops[(index + 1) % stops.length];
    else if (event.key === 'ArrowLeft') next = stops[(index - 1 + stops.length) % stops.length];
    else if (event.key === 'Home') next = stops[0];
    else if (event.key === 'End') next = stops.at(-1);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    buttons.current.get(next)?.focus();
  };

  return (
    <div
      ref={root}
      className={`genogram-toolbar${fit ? ' genogram-toolbar--fit' : ''}`}
      role="toolbar"
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      {rowItems.map((item) => (
        <button
          key={item.id}
          ref={(element) => {
            if (element) buttons.current.set(item.id, element);
            else buttons.current.delete(item.id);
          }}
          type="button"
          className={buttonClass(item)}
          tabIndex={item.id === current ? 0 : -1}
          aria-disabled={item.unavailable ? true : undefined}
          aria-keyshortcuts={item.ariaKeyShortcuts}
          data-command={item.id}
          data-label={item.label}
          onFocus={() => setActive(item.id)}
          onClick={item.onActivate}
        >
          <ItemContent item={item} />
        </button>
      ))}
      {menuItems.length > 0 && (
        <MenuButton
          buttonRef={(element) => {
            if (element) buttons.current.set(MORE, element);
            else buttons.current.delete(MORE);
          }}
          label={menuLabel}
          items={menuItems}
          tabIndex={current === MORE ? 0 : -1}
          onFocus={() => setActive(MORE)}
        />
      )}
      {fit && (
        // Every button's width at its real size, out of sight and out of the accessibility tree.
        <div ref={measurer} className="genogram-toolbar__measure" aria-hidden="true">
          {[...rowCandidates.map((item) => ({ id: item.id, item })), { id: MORE, item: null }].map(
            ({ id, item }) => (
              <span key={id} data-measure={id} className={buttonClass(item)}>
                {item ? <ItemContent item={item} /> : <MenuButtonContent label={menuLabel} />}
              </span>
            ),
          )}
        </div>
      )}
    </div>
  );
}

function buttonClass(item: ToolbarItem | null): string {
  return `button button--secondary genogram-toolbar__button${item?.variant === 'warning' ? ' genogram-toolbar__button--warning' : ''}`;
}

function ItemContent({ item }: { item: ToolbarItem }) {
  return (
    <>
      {item.label}
      {item.hint && (
        <kbd className="genogram-toolbar__key" aria-hidden="true">
          {item.hint}
        </kbd>
      )}
    </>
  );
}

function MenuButtonContent({ label }: { label: MenuLabel }): ReactNode {
  return (
    <>
      {label.visible}
      {label.hidden && <span className="visually-hidden"> {label.hidden}</span>}
      <span className="genogram-toolbar__caret" aria-hidden="true">
        ▾
      </span>
    </>
  );
}

/**
 * The WAI-ARIA menu button: Enter, Space or Down open the menu on its first item, Up on its
 * last; in the menu Up and Down move (wrapping), Home and End go to the ends, Escape closes it
 * and returns to the button, Tab closes it and moves on. Each item is a button with its label
 * and its key, so a command reads the same here as on the row.
 */
function MenuButton({
  buttonRef,
  label,
  items,
  tabIndex,
  onFocus,
}: {
  buttonRef: (element: HTMLButtonElement | null) => void;
  label: MenuLabel;
  items: ToolbarItem[];
  tabIndex: number;
  onFocus(): void;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const [place, setPlace] = useState({ top: 0, right: 0, maxHeight: 0 });

  const entries = () => [
    ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
  ];

  useLayoutEffect(() => {
    if (!open) return;
    const own = button.current;
    // Placed on the window, below the button with their right edges lined up, so a pane that
    // scrolls on its own (the meeting room's) does not cut the menu off.
    if (own) {
      const box = own.getBoundingClientRect();
      setPlace({
        top: box.bottom + 4,
        right: document.documentElement.clientWidth - box.right,
        maxHeight: window.innerHeight - box.bottom - 12,
      });
    }
    const list = entries();
    (open === 'first' ? list[0] : list.at(-1))?.focus();
    // Focus only when the menu opens; moving within it is the keyboard's job.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open !== null]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(null);
    };
    // The menu stays where it opened; scrolling what is under it or resizing closes it.
    const moved = (event: Event) => {
      if (!(event.target instanceof Node && menu.current?.contains(event.target))) setOpen(null);
    };
    document.addEventListener('pointerdown', outside);
    window.addEventListener('scroll', moved, true);
    window.addEventListener('resize', moved);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('scroll', moved, true);
      window.removeEventListener('resize', moved);
    };
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(null);
    if (returnFocus) button.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = entries();
    const index = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = list[(index + 1) % list.length];
    else if (event.key === 'ArrowUp') next = list[(index - 1 + list.length) % list.length];
    else if (event.key === 'Home') next = list[0];
    else if (event.key === 'End') next = list.at(-1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    } else if (event.key === 'Tab') {
      close(false);
      return;
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      // Not the toolbar's: Left and Right stay inside an open menu.
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();
    next.focus();
  };

  return (
    <>
      <button
        ref={(element) => {
          button.current = element;
          buttonRef(element);
        }}
        id={`${id}-button`}
        type="button"
        className={buttonClass(null)}
        tabIndex={tabIndex}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        data-menu-button=""
        onFocus={onFocus}
        onKeyDown={onButtonKeyDown}
        onClick={() => (open ? close(true) : setOpen('first'))}
      >
        <MenuButtonContent label={label} />
      </button>
      {open && (
        <div
          ref={menu}
          id={`${id}-menu`}
          className="genogram-toolbar__menu"
          role="menu"
          aria-labelledby={`${id}-button`}
          style={place}
          onKeyDown={onMenuKeyDown}
          onBlur={(event) => {
            const to = event.relatedTarget as Node | null;
            if (to && !menu.current?.contains(to) && to !== button.current) setOpen(null);
          }}
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`genogram-toolbar__menu-item${item.variant === 'warning' ? ' genogram-toolbar__menu-item--warning' : ''}`}
              aria-disabled={item.unavailable ? true : undefined}
              aria-keyshortcuts={item.ariaKeyShortcuts}
              data-command={item.id}
              data-label={item.label}
              onClick={() => {
                close(true);
                item.onActivate();
              }}
            >
              <span>{item.label}</span>
              {item.hint && (
                <kbd className="genogram-toolbar__key" aria-hidden="true">
                  {item.hint}
                </kbd>
              )}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
