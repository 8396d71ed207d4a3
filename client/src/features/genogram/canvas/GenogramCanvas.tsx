import type { Genogram, GenogramLayout, PersonLayout, Point } from '@unitroom/shared';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { personSummary } from '../describe';
import type { PeerSelection } from '../awareness';
import { navigate, type NavigationKey } from '../navigation';
import type { Selection } from '../selection';
import type { DragOffset } from '../useGenogram';
import { GenogramDrawing } from './GenogramDrawing';
import { PeerSelections } from './PeerSelections';
import { outOfView } from '@unitroom/shared';
import { type Viewport, type ViewBox } from './useViewport';

/** Layout units one Alt+arrow press moves a person: half a symbol, small enough to place well. */
export const NUDGE_STEP = 20;
/** Screen pixels a pointer must travel before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD_PX = 4;
const WHEEL_ZOOM = 1.1;
const SELECTED = '#1d70b8';
const FOCUS = '#ffdd00';
const INK = '#0b0c0c';
/** Purple: apart from selection blue and focus yellow, 3:1 or better on white. */
const HIGHLIGHT = '#4c2c92';
export const GENOGRAM_FONT = 'Arial, Helvetica, sans-serif';

const ARROWS: Record<string, NavigationKey> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
};
const ARROW_VECTORS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export interface GenogramCanvasProps {
  layout: GenogramLayout;
  genogram: Genogram;
  thisYear: number;
  familyName: string;
  viewport: Viewport;
  selection: Selection | null;
  /** The person holding the canvas's one tab stop (roving tabindex). */
  tabStop: string | null;
  peers: PeerSelection[];
  editable: boolean;
  /** Where the workspace finds each person's element, to move focus to them. */
  personElements: RefObject<Map<string, SVGGElement>>;
  onSelect(selection: Selection | null): void;
  onOpenPanel(): void;
  /** Keyboard nudge: the person's new offset from their automatic place. */
  onNudge(personId: string, dx: number, dy: number): void;
  onDragMove(drag: DragOffset): void;
  /** `drag` is null when the press ended without a drag (or was cancelled). */
  onDragEnd(drag: DragOffset | null): void;
  /** Shown over the canvas when nobody is on the genogram yet. */
  emptyState: ReactNode;
  /** People to mark as linked to what is chosen elsewhere (a hypothesis on the board). */
  linkedPeople?: ReadonlySet<string>;
}

type Gesture =
  | {
      /** On a person: 'drag' where the genogram is editable, 'press' where it is read-only. */
      type: 'drag' | 'press';
      pointerId: number;
      personId: string;
      startClient: Point;
      startPoint: Point;
      base: { dx: number; dy: number };
      moved: boolean;
      toLayout: DOMMatrix;
    }
  | {
      type: 'pan';
      pointerId: number;
      startClient: Point;
      startView: ViewBox;
      moved: boolean;
      toLayout: DOMMatrix;
    };

const toPoint = (matrix: DOMMatrix, x: number, y: number): Point => {
  const p = new DOMPoint(x, y).matrixTransform(matrix);
  return { x: p.x, y: p.y };
};

/**
 * The genogram as an interactive SVG: people are one roving tab stop (arrow keys move between
 * them, Enter opens their details), lines and boundaries select on click, people drag with a
 * pointer (only the drop is written) or move with Alt+arrows, the background pans, Ctrl+wheel
 * zooms. Everything the pointer does has a keyboard equivalent.
 */
export function GenogramCanvas(props: GenogramCanvasProps) {
  const {
    layout,
    genogram,
    thisYear,
    familyName,
    viewport,
    selection,
    tabStop,
    peers,
    editable,
    linkedPeople,
    personElements,
    onSelect,
    onOpenPanel,
    onNudge,
    onDragMove,
    onDragEnd,
    emptyState,
  } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const gesture = useRef<Gesture | null>(null);
  /** A click on the background clears the selection, unless it is the second of a double-click. */
  const deselectOnClick = useRef(false);
  const hintId = useId();
  const summaryId = useId();
  const { viewBox, zoomBy, frameRef } = viewport;
  const attachSvg = useCallback(
    (element: SVGSVGElement | null) => {
      svgRef.current = element;
      frameRef(element);
    },
    [frameRef],
  );

  // React's wheel listener is passive, and Ctrl+wheel must not zoom the whole page instead.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const matrix = svg.getScreenCTM()?.inverse();
      const around = matrix ? toPoint(matrix, event.clientX, event.clientY) : undefined;
      zoomBy(event.deltaY < 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM, around);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const people = new Map(genogram.people.map((p) => [p.id as string, p]));
  const nudgeOf = (personId: string) =>
    genogram.nudges[personId as keyof Genogram['nudges']] ?? { dx: 0, dy: 0 };

  const focusPerson = (personId: string) => {
    const target = layout.people.find((p) => p.id === personId);
    if (target) viewport.reveal(target.box);
    personElements.current.get(personId)?.focus();
  };

  const onPersonKeyDown = (event: KeyboardEvent<SVGGElement>, personId: string) => {
    const vector = ARROW_VECTORS[event.key];
    if (event.altKey && vector) {
      event.preventDefault();
      if (!editable) return;
      const nudge = nudgeOf(personId);
      onNudge(personId, nudge.dx + vector[0] * NUDGE_STEP, nudge.dy + vector[1] * NUDGE_STEP);
      return;
    }
    if (event.shiftKey && vector) {
      event.preventDefault();
      viewport.panBy(vector[0], vector[1]);
      return;
    }
    const direction = ARROWS[event.key];
    if (direction && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const next = navigate(layout, personId as PersonLayout['id'], direction);
      if (next) focusPerson(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect({ kind: 'person', id: personId });
      onOpenPanel();
    }
  };

  const startGesture = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0 || !svgRef.current) return;
    const toLayout = svgRef.current.getScreenCTM()?.inverse();
    if (!toLayout) return;
    const target = event.target as Element;
    if (target.closest('.genogram-hit')) return;
    const personElement = target.closest<SVGGElement>('.genogram-person');
    const startClient = { x: event.clientX, y: event.clientY };
    if (personElement) {
      const personId = personElement.dataset['personId'];
      if (!personId) return;
      // Read-only, a press can only open the person's details; editable, it may become a drag.
      gesture.current = {
        type: editable ? 'drag' : 'press',
        pointerId: event.pointerId,
        personId,
        startClient,
        startPoint: toPoint(toLayout, event.clientX, event.clientY),
        base: nudgeOf(personId),
        moved: false,
        toLayout,
      };
    } else {
      gesture.current = {
        type: 'pan',
        pointerId: event.pointerId,
        startClient,
        startView: viewBox,
        moved: false,
        toLayout,
      };
    }
    svgRef.current.setPointerCapture(event.pointerId);
  };

  const moveGesture = (event: PointerEvent<SVGSVGElement>) => {
    const current = gesture.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const travelled = Math.hypot(
      event.clientX - current.startClient.x,
      event.clientY - current.startClient.y,
    );
    if (!current.moved && travelled < DRAG_THRESHOLD_PX) return;
    current.moved = true;
    if (current.type === 'press') return;
    if (current.type !== 'pan') {
      const point = toPoint(current.toLayout, event.clientX, event.clientY);
      onDragMove({
        personId: current.personId,
        dx: Math.round(current.base.dx + point.x - current.startPoint.x),
        dy: Math.round(current.base.dy + point.y - current.startPoint.y),
      });
    } else {
      // The matrix from the start of the pan: the view moving under the pointer must not feed back.
      const start = toPoint(current.toLayout, current.startClient.x, current.startClient.y);
      const now = toPoint(current.toLayout, event.clientX, event.clientY);
      viewport.moveTo({
        ...current.startView,
        x: current.startView.x - (now.x - start.x),
        y: current.startView.y - (now.y - start.y),
      });
    }
  };

  const endGesture = (event: PointerEvent<SVGSVGElement>, cancelled: boolean) => {
    const current = gesture.current;
    if (!current || current.pointerId !== event.pointerId) return;
    gesture.current = null;
    if (svgRef.current?.hasPointerCapture(event.pointerId))
      svgRef.current.releasePointerCapture(event.pointerId);
    if (current.type === 'pan') {
      // Decided on the click, which counts clicks: opening a person's details narrows the canvas
      // and moves the drawing, so the second click of a double-click on them lands on the
      // background and must not close what the first opened.
      deselectOnClick.current = !current.moved && !cancelled;
      return;
    }
    if (current.type === 'drag' && current.moved && !cancelled) {
      const point = toPoint(current.toLayout, event.clientX, event.clientY);
      onDragEnd({
        personId: current.personId,
        dx: Math.round(current.base.dx + point.x - current.startPoint.x),
        dy: Math.round(current.base.dy + point.y - current.startPoint.y),
      });
      return;
    }
    if (current.type === 'drag') onDragEnd(null);
    if (!current.moved && !cancelled) {
      // A click on a person opens their details, as Enter does; a drag only moves them.
      onSelect({ kind: 'person', id: current.personId as PersonLayout['id'] });
      onOpenPanel();
    }
  };

  const selectedPerson = selection?.kind === 'person' ? selection.id : null;
  const highlighted = selection && selection.kind !== 'person' ? selection.id : null;

  const wrapPerson = (personLayout: PersonLayout, content: ReactNode) => {
    const person = people.get(personLayout.id);
    if (!person) return content;
    const selected = selectedPerson === personLayout.id;
    const linked = linkedPeople?.has(personLayout.id) ?? false;
    const { box } = personLayout;
    const ring = (inflate: number) => ({
      x: box.minX - inflate,
      y: box.minY - inflate,
      width: box.maxX - box.minX + inflate * 2,
      height: box.maxY - box.minY + inflate * 2,
      rx: 4,
      fill: 'none',
    });
    return (
      <g
        ref={(element) => {
          if (element) personElements.current.set(personLayout.id, element);
          else personElements.current.delete(personLayout.id);
        }}
        className={`genogram-person${editable ? ' genogram-person--editable' : ''}`}
        data-testid="genogram-person"
        data-person-id={personLayout.id}
        data-name={person.name}
        data-x={personLayout.centre.x}
        data-y={personLayout.centre.y}
        role="button"
        tabIndex={tabStop === personLayout.id ? 0 : -1}
        aria-label={`${personSummary(person, thisYear)}${linked ? '. Linked to the chosen hypothesis' : ''}`}
        data-highlighted={linked ? 'true' : undefined}
        aria-current={selected ? 'true' : undefined}
        aria-describedby={hintId}
        onFocus={() => {
          if (!selected) onSelect({ kind: 'person', id: personLayout.id });
        }}
        onKeyDown={(event) => onPersonKeyDown(event, personLayout.id)}
        onDoubleClick={() => onOpenPanel()}
      >
        {/* The whole box takes the pointer, not only the outline: a diamond's corners are empty. */}
        <rect {...ring(4)} fill="transparent" />
        {linked && <rect {...ring(15)} stroke={HIGHLIGHT} strokeWidth={4} strokeDasharray="8 4" />}
        {selected && <rect {...ring(7)} stroke={SELECTED} strokeWidth={3} />}
        {content}
        <g className="genogram-person__focus">
          <rect {...ring(12)} stroke={FOCUS} strokeWidth={5} />
          <rect {...ring(9)} stroke={INK} strokeWidth={2} />
        </g>
      </g>
    );
  };

  const counts = [
    plural(genogram.people.length, 'person', 'people'),
    plural(genogram.unions.length, 'partnership', 'partnerships'),
    plural(genogram.relationships.length, 'relationship', 'relationships'),
  ].join(', ');

  return (
    <div className="genogram-canvas">
      <p id={hintId} className="visually-hidden">
        Arrow keys move between people: left and right along a generation, up to parents, down to
        children. Enter opens the person&rsquo;s details.
        {editable && ' Alt with an arrow key moves the person.'} Shift with an arrow key pans, plus
        and minus zoom.
      </p>
      <p id={summaryId} className="visually-hidden">
        {counts}. The text view after the key lists everything on the genogram.
      </p>
      <div className="genogram-canvas__frame">
        <svg
          ref={attachSvg}
          className="genogram-canvas__svg"
          data-testid="genogram-canvas"
          viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
          role="group"
          aria-label={`Genogram of ${familyName}`}
          aria-describedby={summaryId}
          fontFamily={GENOGRAM_FONT}
          onPointerDown={startGesture}
          onPointerMove={moveGesture}
          onPointerUp={(event) => endGesture(event, false)}
          onPointerCancel={(event) => endGesture(event, true)}
          onMouseDown={(event) => {
            // Nor take focus from the details the first click opened.
            if (event.detail > 1) event.preventDefault();
          }}
          onClick={(event) => {
            if (!deselectOnClick.current) return;
            deselectOnClick.current = false;
            if (event.detail <= 1) onSelect(null);
          }}
        >
          <rect
            x={viewBox.x}
            y={viewBox.y}
            width={viewBox.width}
            height={viewBox.height}
            fill="#ffffff"
            aria-hidden="true"
          />
          <GenogramDrawing
            layout={layout}
            genogram={genogram}
            thisYear={thisYear}
            wrapPerson={wrapPerson}
            onSelect={(line) => {
              onSelect(line);
              onOpenPanel();
            }}
            highlighted={highlighted}
          />
          <PeerSelections layout={layout} peers={peers} />
        </svg>
      </div>
      {genogram.people.length === 0 && <div className="genogram-canvas__empty">{emptyState}</div>}
      <div className="genogram-canvas__footer">
        <p className="genogram-canvas__zoom hint" aria-hidden="true">
          {viewport.fitted
            ? viewport.extent === 'whole'
              ? 'Showing the whole genogram'
              : 'Showing the family at a readable size'
            : viewport.scale !== null
              ? `Zoom ${Math.round(viewport.scale * 100)}%`
              : 'Zoomed'}
        </p>
        <OutOfViewNote layout={layout} viewport={viewport} />
      </div>
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Says, calmly, what the view leaves out and offers the whole drawing ([FV3]); after "Show all",
 * offers the way back. One button that changes its words, so focus stays on it.
 */
function OutOfViewNote({ layout, viewport }: { layout: GenogramLayout; viewport: Viewport }) {
  const { people, ecomap } = outOfView(layout, viewport.viewBox);
  const missing = [
    ...(people > 0 ? [plural(people, 'person', 'people')] : []),
    ...(ecomap > 0 ? [plural(ecomap, 'ecomap entry', 'ecomap entries')] : []),
  ];
  if (!viewport.allShown && missing.length === 0) return null;
  return (
    <p className="genogram-canvas__outside" data-testid="genogram-out-of-view">
      <span>
        {viewport.allShown
          ? 'Whole genogram, names smaller than usual'
          : `${missing.join(' and ')} out of view`}
      </span>{' '}
      <button
        type="button"
        className="button button--secondary button--small genogram-canvas__outside-button"
        onClick={() => (viewport.allShown ? viewport.fit() : viewport.showAll())}
      >
        {viewport.allShown ? 'Readable size' : 'Show all'}
      </button>
    </p>
  );
}
