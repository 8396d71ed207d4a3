import type { Point, Rect } from '@unitroom/shared';
import { useCallback, useMemo, useState } from 'react';

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
/** Zoom limits, as the width of the visible area in layout units. */
const MIN_WIDTH = 160;
const MAX_WIDTH = 20_000;
export const ZOOM_STEP = 1.25;
/** Share of the visible area one pan step moves. */
const PAN_STEP = 0.2;

export function fitViewBox(bounds: Rect): ViewBox {
  const empty = !(bounds.minX <= bounds.maxX);
  const minX = empty ? 0 : bounds.minX - MARGIN;
  const minY = empty ? 0 : bounds.minY - MARGIN;
  const maxX = empty ? 0 : bounds.maxX + MARGIN;
  const maxY = empty ? 0 : bounds.maxY + MARGIN;
  const width = Math.max(maxX - minX, MIN_FIT_WIDTH);
  const height = Math.max(maxY - minY, MIN_FIT_HEIGHT);
  return {
    x: (minX + maxX) / 2 - width / 2,
    y: (minY + maxY) / 2 - height / 2,
    width,
    height,
  };
}

export interface Viewport {
  viewBox: ViewBox;
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
  // The layout is a new object on every edit; the fitted view changes only when the bounds do.
  const { minX, minY, maxX, maxY } = bounds;
  const fitted = useMemo(() => fitViewBox({ minX, minY, maxX, maxY }), [minX, minY, maxX, maxY]);
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

  return { viewBox, fitted: custom === null, zoomBy, panBy, moveTo, fit, reveal };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
