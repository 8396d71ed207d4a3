import { useCallback, useEffect, useState } from 'react';

/** The three panes of the room: the focused family's genogram, its board and its minutes. */
export type PaneId = 'genogram' | 'board' | 'minutes';
export const PANES: readonly PaneId[] = ['genogram', 'board', 'minutes'];
export const PANE_NAMES: Record<PaneId, string> = {
  genogram: 'Genogram',
  board: 'Board',
  minutes: 'Minutes',
};

/**
 * How one person arranges the room on their own screen ([W1]-[W4]): the width of the family's
 * column (genogram above board), the genogram's share of that column's height, which panes are
 * folded away, whether the minutes sit on the left, the tab shown on a narrow screen, and
 * presentation mode for the shared screen.
 */
export interface RoomLayout {
  /** Percent of the room's width given to the genogram and board column. */
  columnPercent: number;
  /** Percent of that column's height given to the genogram. */
  genogramPercent: number;
  collapsed: Record<PaneId, boolean>;
  /** The minutes on the left, the family on the right. */
  swapped: boolean;
  /** The pane shown when the screen is too narrow (or zoomed) for panes side by side. */
  tab: PaneId;
  presenting: boolean;
}

export const DEFAULT_LAYOUT: RoomLayout = {
  columnPercent: 50,
  // The genogram needs height for three generations at a readable size; the board reads as a
  // list and scrolls comfortably in less.
  genogramPercent: 55,
  collapsed: { genogram: false, board: false, minutes: false },
  swapped: false,
  tab: 'minutes',
  presenting: false,
};

/** No pane is dragged smaller than this share: a pane too thin to read is folded instead. */
export const MIN_PERCENT = 20;
export const MAX_PERCENT = 80;

export const clampPercent = (value: number) =>
  Math.round(Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, value)));

const storageKey = (userId: string) => `unitroom:room-layout:${userId}`;

/** Reads what this person left; anything missing or malformed falls back to the default. */
export function parseLayout(raw: string | null): RoomLayout {
  if (!raw) return DEFAULT_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_LAYOUT;
  const stored = value as Partial<Record<keyof RoomLayout, unknown>>;
  const percent = (candidate: unknown, fallback: number) =>
    typeof candidate === 'number' && Number.isFinite(candidate)
      ? clampPercent(candidate)
      : fallback;
  const collapsedValue =
    typeof stored.collapsed === 'object' && stored.collapsed !== null
      ? (stored.collapsed as Partial<Record<PaneId, unknown>>)
      : {};
  return {
    columnPercent: percent(stored.columnPercent, DEFAULT_LAYOUT.columnPercent),
    genogramPercent: percent(stored.genogramPercent, DEFAULT_LAYOUT.genogramPercent),
    collapsed: {
      genogram: collapsedValue.genogram === true,
      board: collapsedValue.board === true,
      minutes: collapsedValue.minutes === true,
    },
    swapped: stored.swapped === true,
    tab: PANES.includes(stored.tab as PaneId) ? (stored.tab as PaneId) : DEFAULT_LAYOUT.tab,
    presenting: stored.presenting === true,
  };
}

function load(userId: string): RoomLayout {
  try {
    return parseLayout(window.localStorage.getItem(storageKey(userId)));
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/** The person's room layout, kept in this browser for them alone (not a case record). */
export function useRoomLayout(userId: string) {
  const [layout, setLayout] = useState<RoomLayout>(() => load(userId));
  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey(userId), JSON.stringify(layout));
    } catch {
      // Storage full or blocked: the layout lasts for this visit only.
    }
  }, [userId, layout]);
  const update = useCallback(
    (change: Partial<RoomLayout>) => setLayout((current) => ({ ...current, ...change })),
    [],
  );
  const toggle = useCallback(
    (pane: PaneId) =>
      setLayout((current) => ({
        ...current,
        collapsed: { ...current.collapsed, [pane]: !current.collapsed[pane] },
      })),
    [],
  );
  return { layout, update, toggle };
}

/**
 * Panes side by side need a laptop-sized window: at least 62em wide (992 px at 100%, so a
 * 1024 px screen) and 36em high. Below that (a small window, or a laptop zoomed to 200%) the
 * room shows one pane at a time as tabs and the page scrolls as usual.
 */
const WIDE_QUERY = '(min-width: 62em) and (min-height: 36em)';

export function useWideRoom(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE_QUERY);
    const onChange = () => setWide(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return wide;
}
