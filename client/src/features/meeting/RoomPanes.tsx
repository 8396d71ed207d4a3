import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { PANES, PANE_NAMES, type PaneId, type RoomLayout } from './roomLayout';
import { Splitter } from './Splitter';

interface RoomPanesProps {
  layout: RoomLayout;
  update(change: Partial<RoomLayout>): void;
  toggle(pane: PaneId): void;
  /** Panes side by side; false shows them as tabs, one at a time. */
  wide: boolean;
  content: Record<PaneId, ReactNode>;
}

const paneId = (pane: PaneId) => `room-pane-${pane}`;
const bodyId = (pane: PaneId) => `room-pane-${pane}-body`;
const tabId = (pane: PaneId) => `room-tab-${pane}`;

/**
 * Keeps `--room-pane-height` on a pane's body at the height of its content box, in pixels, for
 * what fills the pane (the genogram's canvas, a person's details over it). Not `100cqh`: a style
 * that reads its container's size is computed again each time the browser lays the panes out, at
 * every size it tries on the way there (the flexbox's measuring pass among them), and the
 * genogram's whole SVG is laid out again with it. That was two or three layouts of the drawing
 * for every keystroke anywhere in the room, on every laptop: about a quarter of what a laptop spent
 * while someone typed the minutes. This changes only when the pane's settled size does.
 */
function followHeight(body: HTMLDivElement): () => void {
  const observer = new ResizeObserver(([entry]) => {
    if (entry)
      body.style.setProperty('--room-pane-height', `${Math.round(entry.contentRect.height)}px`);
  });
  observer.observe(body);
  return () => observer.disconnect();
}

/**
 * The focused family's genogram, board and minutes ([W1]): side by side on a laptop, in panes
 * that each scroll on their own and that the person resizes, folds away or swaps; as tabs on a
 * narrow or zoomed screen. Every pane stays mounted (the minutes keep recording) except a
 * folded genogram, which is not drawn at all.
 */
export function RoomPanes(props: RoomPanesProps) {
  return props.wide ? <SideBySide {...props} /> : <Tabs {...props} />;
}

function SideBySide({ layout, update, toggle, content }: RoomPanesProps) {
  const { collapsed, swapped } = layout;
  const familyOpen = !collapsed.genogram || !collapsed.board;
  const bothRows = !collapsed.genogram && !collapsed.board;
  const bothColumns = familyOpen && !collapsed.minutes;

  const pane = (id: PaneId, basis: string | undefined) => (
    <div
      id={paneId(id)}
      className={`room-pane room-pane--${id}${collapsed[id] ? ' room-pane--collapsed' : ''}`}
      style={basis ? { flex: `0 0 ${basis}` } : undefined}
    >
      <div className="room-pane__bar">
        <span className="room-pane__name" aria-hidden="true">
          {PANE_NAMES[id]}
        </span>
        <button
          type="button"
          className="button button--secondary button--small room-pane__toggle"
          aria-expanded={!collapsed[id]}
          aria-controls={bodyId(id)}
          onClick={() => toggle(id)}
        >
          {collapsed[id] ? 'Show' : 'Hide'} the {PANE_NAMES[id].toLowerCase()}
        </button>
      </div>
      <div
        id={bodyId(id)}
        className="room-pane__body"
        role="region"
        aria-label={`${PANE_NAMES[id]} pane`}
        // Scrolls on its own, so it must be reachable by keyboard even where nothing in it is.
        tabIndex={0}
        hidden={collapsed[id]}
        ref={id === 'genogram' ? followHeight : undefined}
      >
        {content[id]}
      </div>
    </div>
  );

  const family = (
    <div
      id="room-family"
      className={`room-panes__family${familyOpen ? '' : ' room-panes__family--collapsed'}`}
      style={bothColumns ? { flex: `0 0 calc(${layout.columnPercent}% - 0.375rem)` } : undefined}
    >
      {pane('genogram', bothRows ? `calc(${layout.genogramPercent}% - 0.375rem)` : undefined)}
      {bothRows && (
        <Splitter
          orientation="horizontal"
          value={layout.genogramPercent}
          onChange={(genogramPercent) => update({ genogramPercent })}
          label="Resize the genogram and the board"
          controls={paneId('genogram')}
        />
      )}
      {pane('board', undefined)}
    </div>
  );
  const splitter = bothColumns && (
    <Splitter
      orientation="vertical"
      value={layout.columnPercent}
      onChange={(columnPercent) => update({ columnPercent })}
      label="Resize the family and the minutes"
      controls="room-family"
      reversed={swapped}
    />
  );
  const minutes = pane('minutes', undefined);

  return (
    <div
      className={`room-panes${familyOpen ? '' : ' room-panes--family-folded'}${
        collapsed.minutes ? ' room-panes--minutes-folded' : ''
      }`}
    >
      {swapped ? (
        <>
          {minutes}
          {splitter}
          {family}
        </>
      ) : (
        <>
          {family}
          {splitter}
          {minutes}
        </>
      )}
    </div>
  );
}

function Tabs({ layout, update, content }: RoomPanesProps) {
  const tabs = useRef<Partial<Record<PaneId, HTMLButtonElement | null>>>({});
  const choose = (pane: PaneId) => {
    update({ tab: pane });
    tabs.current[pane]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = PANES.indexOf(layout.tab);
    const next =
      event.key === 'ArrowRight'
        ? PANES[(index + 1) % PANES.length]
        : event.key === 'ArrowLeft'
          ? PANES[(index + PANES.length - 1) % PANES.length]
          : event.key === 'Home'
            ? PANES[0]
            : event.key === 'End'
              ? PANES[PANES.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    choose(next);
  };
  return (
    <div className="room-tabs">
      <div className="room-tabs__list" role="tablist" aria-label="Panes" onKeyDown={onKeyDown}>
        {PANES.map((pane) => (
          <button
            key={pane}
            ref={(element) => {
              tabs.current[pane] = element;
            }}
            type="button"
            role="tab"
            id={tabId(pane)}
            className="room-tabs__tab"
            aria-selected={layout.tab === pane}
            aria-controls={paneId(pane)}
            tabIndex={layout.tab === pane ? 0 : -1}
            onClick={() => choose(pane)}
          >
            {PANE_NAMES[pane]}
          </button>
        ))}
      </div>
      {PANES.map((pane) => (
        <div
          key={pane}
          id={paneId(pane)}
          role="tabpanel"
          aria-labelledby={tabId(pane)}
          className={`room-tabs__panel room-pane--${pane}`}
          hidden={layout.tab !== pane}
          tabIndex={0}
        >
          {content[pane]}
        </div>
      ))}
    </div>
  );
}

/** Whether the genogram is on screen, so it is drawn only then. */
export function genogramShown(layout: RoomLayout, wide: boolean): boolean {
  return wide ? !layout.collapsed.genogram : layout.tab === 'genogram';
}
