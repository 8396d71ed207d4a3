import {
  CHAIR_VIEW_PANES,
  sectionKindSchema,
  type ChairView,
  type ChairViewPane,
  type HypothesisId,
  type PersonId,
} from '@unitroom/shared';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { OpenedItems } from '../board';
import type { RoomLayout } from './roomLayout';

type Section = ChairView['section'];

const sectionKey = (section: Section) =>
  section ? `${section.kind}:${section.childId ?? ''}` : '';

/** The minutes section holding `node`, read from the section's own markup (its kind, its child). */
function sectionOf(node: Node | null): Section {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  const section = element?.closest<HTMLElement>('.minutes-section');
  const kind = sectionKindSchema.safeParse(section?.dataset['kind']);
  if (!section || !kind.success) return null;
  const childId = section.dataset['childId'];
  return childId ? { kind: kind.data, childId } : { kind: kind.data };
}

function paneOf(node: Node | null): ChairViewPane | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return CHAIR_VIEW_PANES.find((pane) => element?.closest(`#room-pane-${pane}`)) ?? null;
}

function sectionElement(room: HTMLElement, section: NonNullable<Section>): HTMLElement | null {
  const candidates = room.querySelectorAll<HTMLElement>(
    `#room-pane-minutes .minutes-section[data-kind="${section.kind}"]`,
  );
  return (
    [...candidates].find((candidate) => candidate.dataset['childId'] === section.childId) ?? null
  );
}

interface ChairViewOptions {
  room: RefObject<HTMLElement | null>;
  /** This user chairs and is on the family in focus: what they open is shared. */
  sharing: boolean;
  /** This user follows the chair and sees the family in focus: the chair's view is applied. */
  following: boolean;
  /** The chair's view of the family in view, when there is one. */
  chairView: ChairView | null;
  share(view: ChairView): void;
  stopFollowing(): void;
  layout: RoomLayout;
  update(change: Partial<RoomLayout>): void;
  /** Panes side by side; false: tabs, one pane at a time. */
  wide: boolean;
}

/**
 * Follow the chair's view ([W10]). The chair's pane, opened person and hypothesis and minutes
 * section are read as they change and shared; a follower gets them applied, and stops following
 * the moment they open another person or hypothesis, put the cursor in another section or pick
 * another tab themselves.
 */
export function useChairView({
  room,
  sharing,
  following,
  chairView,
  share,
  stopFollowing,
  layout,
  update,
  wide,
}: ChairViewOptions) {
  const [opened, setOpened] = useState<OpenedItems>({ personId: null, hypothesisId: null });
  const [section, setSection] = useState<Section>(null);
  const [workedIn, setWorkedIn] = useState<ChairViewPane>('genogram');
  const applying = following && chairView !== null;
  // Read by the listeners below, which are attached once.
  const latest = useRef({ applying, chairView, stopFollowing });
  useLayoutEffect(() => {
    latest.current = { applying, chairView, stopFollowing };
  });

  // Where the cursor is in the minutes, and which pane was last worked in.
  useEffect(() => {
    const element = room.current;
    if (!element) return;
    // The editor also moves its selection when others' words arrive; only a click or a key of
    // this person's own in the minutes counts as them moving.
    let ownMove = false;
    const onInput = (event: Event) => {
      ownMove = paneOf(event.target as Node | null) === 'minutes';
    };
    const onSelection = () => {
      const anchor = document.getSelection()?.anchorNode ?? null;
      if (!anchor || !element.contains(anchor) || paneOf(anchor) !== 'minutes') return;
      const next = sectionOf(anchor);
      if (!next) return;
      setSection((current) => (sectionKey(current) === sectionKey(next) ? current : next));
      const { applying: now, chairView: chair } = latest.current;
      // Writing in another section than the chair's is going one's own way.
      if (ownMove && now && chair && sectionKey(chair.section) !== sectionKey(next))
        latest.current.stopFollowing();
    };
    const onFocusIn = (event: FocusEvent) => {
      const pane = paneOf(event.target as Node | null);
      if (pane) setWorkedIn(pane);
    };
    document.addEventListener('selectionchange', onSelection);
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('pointerdown', onInput);
    element.addEventListener('keydown', onInput);
    return () => {
      document.removeEventListener('selectionchange', onSelection);
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('pointerdown', onInput);
      element.removeEventListener('keydown', onInput);
    };
  }, [room]);

  const onOpened = useCallback((next: OpenedItems) => {
    setOpened(next);
    const { applying: now, chairView: chair } = latest.current;
    if (!now || !chair) return;
    const ownPerson = next.personId !== null && next.personId !== chair.personId;
    const ownHypothesis = next.hypothesisId !== null && next.hypothesisId !== chair.hypothesisId;
    if (ownPerson || ownHypothesis) latest.current.stopFollowing();
  }, []);

  // The chair shares each change; the server keeps only the newest.
  const pane: ChairViewPane = wide ? workedIn : layout.tab;
  const view: ChairView = {
    pane,
    personId: opened.personId,
    hypothesisId: opened.hypothesisId,
    section,
  };
  const viewKey = JSON.stringify(view);
  const shareRef = useRef(share);
  useLayoutEffect(() => {
    shareRef.current = share;
  });
  useEffect(() => {
    if (sharing) shareRef.current(JSON.parse(viewKey) as ChairView);
  }, [sharing, viewKey]);

  // A follower on tabs sees the chair's pane; picking another tab oneself stops following.
  const chairPane = applying ? chairView.pane : null;
  useEffect(() => {
    if (chairPane && !wide) update({ tab: chairPane });
  }, [chairPane, wide, update]);
  const tab = useRef(layout.tab);
  useEffect(() => {
    if (tab.current === layout.tab) return;
    tab.current = layout.tab;
    const { applying: now, chairView: chair } = latest.current;
    if (now && chair && !wide && layout.tab !== chair.pane) latest.current.stopFollowing();
  }, [layout.tab, wide]);

  // The chair's pane (side by side) and section are marked by a style sheet, never by touching
  // the elements: the minutes' are the editor's own, and a changed attribute there is read by it
  // as an edit. The section is scrolled to. Ids are of ID_PATTERN, so safe inside the selector.
  const chairSection = applying ? chairView.section : null;
  const chairSectionKey = sectionKey(chairSection);
  useEffect(() => {
    const rules: string[] = [];
    if (chairPane && wide)
      rules.push(
        `#room-pane-${chairPane} > .room-pane__bar { box-shadow: inset 0 -3px 0 var(--brand); }`,
      );
    const [kind, childId] = chairSectionKey.split(':');
    const parsed = sectionKindSchema.safeParse(kind);
    if (parsed.success) {
      const selector = `#room-pane-minutes .minutes-section[data-kind="${parsed.data}"]${
        childId ? `[data-child-id="${childId}"]` : ''
      }`;
      rules.push(`${selector} { outline: 3px solid var(--brand); outline-offset: 2px; }`);
      const target = room.current
        ? sectionElement(room.current, { kind: parsed.data, ...(childId ? { childId } : {}) })
        : null;
      target?.scrollIntoView({ block: 'start' });
    }
    if (rules.length === 0) return;
    const sheet = document.createElement('style');
    sheet.dataset['chairView'] = chairSectionKey;
    sheet.textContent = rules.join('\n');
    document.head.append(sheet);
    return () => sheet.remove();
  }, [room, chairPane, wide, chairSectionKey]);

  const shown: OpenedItems | undefined = applying
    ? {
        personId: chairView.personId as PersonId | null,
        hypothesisId: chairView.hypothesisId as HypothesisId | null,
      }
    : undefined;
  return { shown, onOpened, chairPane };
}
