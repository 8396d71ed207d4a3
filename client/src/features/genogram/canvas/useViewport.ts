import {
  fitView,
  wholeView,
  type FitExtent,
  type FitFrame,
  type GenogramLayout,
  type Point,
  type Rect,
  type ViewBox,
} from '@unitroom/shared';
import { useCallback, useMemo, useRef, useState } from 'react';

export type { ViewBox };

/** Zoom limits, as the width of the visible area in layout units. */
const MIN_WIDTH = 160;
const MAX_WIDTH = 20_000;
export const ZOOM_STEP = 1.25;
/** Share of the visible area one pan step moves. */
const PAN_STEP = 0.2;

export interface Viewport {
  viewBox: ViewBox;
  /** Attach to the element the view is drawn in, so "Fit" knows its size on screen. */
  frameRef(element: Element | null): void;
  /** True while the view is "Fit"'s and follows the picture as it changes. */
  fitted: boolean;
  /** What "Fit" takes in ([FV1]-[FV3]): the whole drawing, the family's core, or part of it. */
  extent: FitExtent;
  /** True after "Show all", until the next zoom, pan or "Fit". */
  allShown: boolean;
  /** Screen pixels per layout unit; null until the canvas is measured. */
  scale: number | null;
  zoomBy(factor: number, around?: Point): void;
  panBy(dxShare: number, dyShare: number): void;
  /** Moves the view by layout units (a background drag). */
  moveTo(viewBox: ViewBox): void;
  fit(): void;
  /** The whole drawing, however small its names become ([FV3]): asked for, never automatic. */
  showAll(): void;
  /** Brings a box into view if any of it is outside, without changing the zoom. */
  reveal(box: Rect): void;
}

/**
 * Pan and zoom as the SVG viewBox. Until someone pans or zooms, the view is "Fit"'s (the family's
 * core at a readable size, [FV1]-[FV3]) and follows the picture as people are added; after that it
 * stays where they put it until "Fit". `focus`: the people a view of part of the family is
 * centred on (the children of concern).
 */
export function useViewport(layout: GenogramLayout, focus: readonly string[]): Viewport {
  const [custom, setCustom] = useState<ViewBox | null>(null);
  const [allShown, setAllShown] = useState(false);
  const [frame, setFrame] = useState<FitFrame | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const frameRef = useCallback((element: Element | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    // Measured when the observer reports, after the browser's own layout: measuring here, while
    // React mounts the room, would force a layout of the whole page in the middle of it.
    // The content box, inside the canvas's border: that is what the viewBox is drawn into, so
    // names come out exactly at the scale "Fit" chose.
    const measure = (entries: ResizeObserverEntry[]) => {
      const entry = entries.find((e) => e.target === element);
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width <= 0 || height <= 0) return;
      setFrame((current) =>
        current && current.width === width && current.height === height
          ? current
          : { width, height },
      );
    };
    // It reports once as soon as it observes, then on every change of size.
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
  }, []);
  // The layout is a new object on every edit; the fitted view is a new object only when its
  // numbers change, so the callbacks below are not remade for nothing.
  const focusKey = focus.join('\n');
  const fitResult = useMemo(
    () => fitView(layout, frame, focusKey ? focusKey.split('\n') : []),
    [layout, frame, focusKey],
  );
  const { x, y, width, height } = fitResult.viewBox;
  const fitted = useMemo(() => ({ x, y, width, height }), [x, y, width, height]);
  const viewBox = custom ?? fitted;

  const zoomBy = useCallback(
    (factor: number, around?: Point) => {
      setAllShown(false);
      setCustom((current) => {
        const view = current ?? fitted;
        const width = clamp(view.width / factor, MIN_WIDTH, MAX_WIDTH);
        const scale = width / view.width;
        const height = view.height * scale;
        const centre = around ?? { x: view.x + view.width / 2, y: view.y + view.height / 2 };
        // The point under the pointer stays under the pointer.
        return {
          x: centre.x - (centre.x - view.x) * scale,
          y: centre.y - (centre.y - view.y) * scale,
          width,
          height,
        };
      });
    },
    [fitted],
  );

  const panBy = useCallback(
    (dxShare: number, dyShare: number) => {
      setAllShown(false);
      setCustom((current) => {
        const view = current ?? fitted;
        return {
          ...view,
          x: view.x + view.width * dxShare * PAN_STEP,
          y: view.y + view.height * dyShare * PAN_STEP,
        };
      });
    },
    [fitted],
  );

  const reveal = useCallback(
    (box: Rect) => {
      if (!within(box, viewBox)) setAllShown(false);
      setCustom((current) => {
        const view = current ?? fitted;
        if (within(box, view)) return current;
        const cx = (box.minX + box.maxX) / 2;
        const cy = (box.minY + box.maxY) / 2;
        return { ...view, x: cx - view.width / 2, y: cy - view.height / 2 };
      });
    },
    [fitted, viewBox],
  );

  const fit = useCallback(() => {
    setCustom(null);
    setAllShown(false);
  }, []);
  const moveTo = useCallback((next: ViewBox) => {
    setCustom(next);
    setAllShown(false);
  }, []);
  const showAll = useCallback(() => {
    setCustom(wholeView(layout, frame));
    setAllShown(true);
  }, [layout, frame]);

  const scale = frame && viewBox.width > 0 ? frame.width / viewBox.width : null;
  return {
    viewBox,
    frameRef,
    fitted: custom === null,
    extent: fitResult.extent,
    allShown,
    scale,
    zoomBy,
    panBy,
    moveTo,
    fit,
    showAll,
    reveal,
  };
}

const within = (box: Rect, view: ViewBox) =>
  box.minX >= view.x &&
  box.maxX <= view.x + view.width &&
  box.minY >= view.y &&
  box.maxY <= view.y + view.height;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
