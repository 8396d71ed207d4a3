import type { Point, Rect } from '@unitroom/shared';
import { useCallback, useMemo, useRef, useState } from 'react';

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room around the picture in layout units, so symbols at the edge are not cut by the frame. */
const MARGIN = 48;
/**
 * The smallest area the fitted view shows: a genogram of one person would otherwise fill the
 * canvas with one enormous square.
 */
const MIN_FIT_WIDTH = 720;
const MIN_FIT_HEIGHT = 400;
/**
 * Screen pixels per layout unit that "Fit" never goes below: names are drawn 12 units high and
 * dates 11, so they stay readable on a council laptop. A family too large for the frame at this
 * scale is shown from its oldest generation down, and the rest is a pan or a zoom away.
 */
export const MIN_FIT_SCALE = 1;
/** ...nor above: a family of three would otherwise be drawn huge. */
const MAX_FIT_SCALE = 1.5;
/** Zoom limits, as the width of the visible area in layout units. */
const MIN_WIDTH = 160;
const MAX_WIDTH = 20_000;
export const ZOOM_STEP = 1.25;
/** Share of the visible area one pan step moves. */
const PAN_STEP = 0.2;

/** The size of the canvas on screen, in CSS pixels. */
export interface Frame {
  width: number;
  height: number;
}

/**
 * The whole picture where it fits at a readable scale (`MIN_FIT_SCALE`); otherwise as much of it
 * as fits at that scale, centred across and from the top down. Without a frame (before the canvas
 * is measured), the whole picture.
 */
export function fitViewBox(bounds: Rect, frame: Frame | null = null): ViewBox {
  const empty = !(bounds.minX <= bounds.maxX);
  const minX = empty ? 0 : bounds.minX - MARGIN;
  const minY = empty ? 0 : bounds.minY - MARGIN;
  const maxX = empty ? 0 : bounds.maxX + MARGIN;
  const maxY = empty ? 0 : bounds.maxY + MARGIN;
  const width = Math.max(maxX - minX, MIN_FIT_WIDTH);
  const height = Math.max(maxY - minY, MIN_FIT_HEIGHT);
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  if (!frame || frame.width <= 0 || frame.height <= 0) {
    return { x: centreX - width / 2, y: centreY - height / 2, width, height };
  }
  const scale = clamp(
    Math.min(frame.width / width, frame.height / height),
    MIN_FIT_SCALE,
    MAX_FIT_SCALE,
  );
  const viewWidth = frame.width / scale;
  const viewHeight = frame.height / scale;
  return {
    x: centreX - viewWidth / 2,
    y: viewHeight >= height ? centreY - viewHeight / 2 : minY,
    width: viewWidth,
    height: viewHeight,
  };
}

export interface Viewport {
  viewBox: ViewBox;
  /** Attach to the element the view is drawn in, so "Fit" knows its size on screen. */
  frameRef(element: Element | null): void;
  /** True while the view follows the whole picture as it grows. */
  fitted: boolean;
  zoomBy(factor: number, around?: Point): void;
  panBy(dxShare: number, dyShare: number): void;
  /** Moves the view by layout units (a background drag). */
  moveTo(viewBox: ViewBox): void;
  fit(): void;
  /** Brings a box into view if any of it is outside, without changing the zoom. */
  reveal(box: Rect): void;
}

/**
 * Pan and zoom as the SVG viewBox. Until someone pans or zooms, the view fits the picture and
 * follows it as people are added; after that it stays where they put it until "Fit".
 */
export function useViewport(bounds: Rect): Viewport {
  const [custom, setCustom] = useState<ViewBox | null>(null);
  const [frame, setFrame] = useState<Frame | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const frameRef = useCallback((element: Element | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    // Measured when the observer reports, after the browser's own layout: measuring here, while
    // React mounts the room, would force a layout of the whole page in the middle of it.
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
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
  // The layout is a new object on every edit; the fitted view changes only when the bounds do.
  const { minX, minY, maxX, maxY } = bounds;
  const fitted = useMemo(
    () => fitViewBox({ minX, minY, maxX, maxY }, frame),
    [minX, minY, maxX, maxY, frame],
  );
  const viewBox = custom ?? fitted;

  const zoomBy = useCallback(
    (factor: number, around?: Point) => {
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
      setCustom((current) => {
        const view = current ?? fitted;
        const inside =
          box.minX >= view.x &&
          box.maxX <= view.x + view.width &&
          box.minY >= view.y &&
          box.maxY <= view.y + view.height;
        if (inside) return current;
        const cx = (box.minX + box.maxX) / 2;
        const cy = (box.minY + box.maxY) / 2;
        return { ...view, x: cx - view.width / 2, y: cy - view.height / 2 };
      });
    },
    [fitted],
  );

  const fit = useCallback(() => setCustom(null), []);
  const moveTo = useCallback((next: ViewBox) => setCustom(next), []);

  return { viewBox, frameRef, fitted: custom === null, zoomBy, panBy, moveTo, fit, reveal };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
