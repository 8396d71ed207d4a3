import type { Rect } from './geometry.js';
import { LABEL_FONTS } from './labels.js';
import type { GenogramLayout } from './layoutTypes.js';

/**
 * Which part of a laid-out genogram a canvas of a given size shows at "Fit" ([FV1]-[FV3] in
 * LAYOUT.md). Pure, so the browser's view and the tests compute the same box. Reads the layout's
 * output only; it never changes where anything is drawn.
 */

/** The smallest on-screen size, in CSS pixels, a person's name is drawn at by "Fit" ([FV1]). */
export const MIN_NAME_PX = 12;
/** Screen pixels per layout unit that "Fit" never goes below: names at `MIN_NAME_PX`. */
export const MIN_FIT_SCALE = MIN_NAME_PX / LABEL_FONTS.person;
/** ...nor above: a family of three would otherwise be drawn huge. */
export const MAX_FIT_SCALE = 1.5;
/** Room around what is fitted, in layout units: a focus ring outside a symbol is not cut. */
export const FIT_MARGIN = 32;
/** The smallest area a fitted view shows, so one person does not fill the canvas. */
const MIN_FIT_WIDTH = 720;
const MIN_FIT_HEIGHT = 400;
/** The badges' radius, as the layout grows its bounds by (legal markers belong to the core). */
const BADGE_RADIUS = 8;

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size of the canvas on screen, in CSS pixels. */
export interface FitFrame {
  width: number;
  height: number;
}

/**
 * What a fitted view takes in: the whole drawing; the family's core (ecomap entries left out,
 * they did not fit at a readable size); or part of the core, at the minimum readable size.
 */
export type FitExtent = 'whole' | 'core' | 'part';

export interface FitView {
  viewBox: ViewBox;
  /** Screen pixels per layout unit; null without a frame. */
  scale: number | null;
  extent: FitExtent;
}

/**
 * The family's core: people and their labels, households, unions, children's lines, emotional
 * relationships and legal badges; everything but the ecomap entries and their ties ([FV2]).
 */
export function coreBounds(layout: GenogramLayout): Rect {
  const bounds = { ...layout.familyBounds };
  const grow = (x: number, y: number, r = 0) => {
    bounds.minX = Math.min(bounds.minX, x - r);
    bounds.minY = Math.min(bounds.minY, y - r);
    bounds.maxX = Math.max(bounds.maxX, x + r);
    bounds.maxY = Math.max(bounds.maxY, y + r);
  };
  for (const u of layout.unions) for (const p of u.path) grow(p.x, p.y);
  for (const g of layout.siblingGroups) for (const p of [...g.stem, ...g.bar]) grow(p.x, p.y);
  for (const l of layout.childLinks) for (const p of l.path) grow(p.x, p.y);
  for (const r of layout.relationships)
    for (const p of [r.from, r.to, ...(r.control ? [r.control] : [])]) grow(p.x, p.y);
  for (const pr of layout.parentalResponsibility) grow(pr.badge.x, pr.badge.y, BADGE_RADIUS);
  for (const cr of layout.contactRestrictions) grow(cr.badge.x, cr.badge.y, BADGE_RADIUS);
  return bounds;
}

const isEmpty = (r: Rect) => !(r.minX <= r.maxX && r.minY <= r.maxY);

/** The rect with the fit margin, grown about its centre to the smallest fitted area. */
function padded(rect: Rect): Rect {
  const r = isEmpty(rect) ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : rect;
  const width = Math.max(r.maxX - r.minX + 2 * FIT_MARGIN, MIN_FIT_WIDTH);
  const height = Math.max(r.maxY - r.minY + 2 * FIT_MARGIN, MIN_FIT_HEIGHT);
  const cx = (r.minX + r.maxX) / 2;
  const cy = (r.minY + r.maxY) / 2;
  return {
    minX: cx - width / 2,
    minY: cy - height / 2,
    maxX: cx + width / 2,
    maxY: cy + height / 2,
  };
}

const widthOf = (r: Rect) => r.maxX - r.minX;
const heightOf = (r: Rect) => r.maxY - r.minY;
const fullScale = (r: Rect, frame: FitFrame) =>
  Math.min(frame.width / widthOf(r), frame.height / heightOf(r));

/** The frame's shape at `scale`, centred on the rect. */
function centred(r: Rect, frame: FitFrame, scale: number): ViewBox {
  const width = frame.width / scale;
  const height = frame.height / scale;
  return {
    x: (r.minX + r.maxX) / 2 - width / 2,
    y: (r.minY + r.maxY) / 2 - height / 2,
    width,
    height,
  };
}

/**
 * Where a view `size` long starts along one axis of `[lo, hi]`: centred when it is longer,
 * otherwise centred on the target and kept inside.
 */
function along(lo: number, hi: number, targetLo: number, targetHi: number, size: number): number {
  if (size >= hi - lo) return (lo + hi) / 2 - size / 2;
  const start = (targetLo + targetHi) / 2 - size / 2;
  return Math.min(hi - size, Math.max(lo, start));
}

const validFrame = (frame: FitFrame | null): frame is FitFrame =>
  frame !== null && frame.width > 0 && frame.height > 0;

/**
 * The view "Fit" shows ([FV1]-[FV3]). The whole drawing where it fits with names at least
 * `MIN_NAME_PX` high; otherwise the family's core where that fits; otherwise the part of the core
 * around `focus` (the children the meeting is about), or around the oldest generation when there
 * is none, at the minimum readable size, with at least one person wholly in view. Never larger than `MAX_FIT_SCALE`. Without a frame (before
 * the canvas is measured), the whole drawing.
 */
export function fitView(
  layout: GenogramLayout,
  frame: FitFrame | null,
  focus: readonly string[] = [],
): FitView {
  const whole = padded(layout.bounds);
  if (!validFrame(frame)) {
    return {
      viewBox: { x: whole.minX, y: whole.minY, width: widthOf(whole), height: heightOf(whole) },
      scale: null,
      extent: 'whole',
    };
  }
  const wholeScale = fullScale(whole, frame);
  if (wholeScale >= MIN_FIT_SCALE) {
    const scale = Math.min(wholeScale, MAX_FIT_SCALE);
    return { viewBox: centred(whole, frame, scale), scale, extent: 'whole' };
  }
  const core = padded(coreBounds(layout));
  const coreScale = fullScale(core, frame);
  if (coreScale >= MIN_FIT_SCALE) {
    const scale = Math.min(coreScale, MAX_FIT_SCALE);
    return { viewBox: centred(core, frame, scale), scale, extent: 'core' };
  }
  const scale = MIN_FIT_SCALE;
  const width = frame.width / scale;
  const height = frame.height / scale;
  const at = (target: Rect): ViewBox => ({
    x: along(core.minX, core.maxX, target.minX, target.maxX, width),
    y: along(core.minY, core.maxY, target.minY, target.maxY, height),
    width,
    height,
  });
  const topRow = layout.people.filter((p) => p.row === 0).map((p) => p.id as string);
  const wanted = focus.length > 0 ? focus : topRow;
  let viewBox = at(boxOf(layout, wanted) ?? { ...core, maxY: core.minY });
  // Centred on a group wider than the view, the middle may fall between people: then the view
  // is centred on the wanted person nearest to it, so someone is always wholly in view.
  if (layout.people.length > 0 && outOfView(layout, viewBox).people === layout.people.length) {
    const cx = viewBox.x + width / 2;
    const cy = viewBox.y + height / 2;
    const pool = layout.people.filter((p) => wanted.includes(p.id));
    let nearest: Rect | null = null;
    let best = Infinity;
    for (const person of pool.length > 0 ? pool : layout.people) {
      const d = Math.hypot(person.centre.x - cx, person.centre.y - cy);
      if (d < best) {
        best = d;
        nearest = boxOf(layout, [person.id]);
      }
    }
    if (nearest) viewBox = at(nearest);
  }
  return { viewBox, scale, extent: 'part' };
}

/** The symbols and labels of the people in `ids` who are drawn; null when none is. */
function boxOf(layout: GenogramLayout, ids: readonly string[]): Rect | null {
  if (ids.length === 0) return null;
  const wanted = new Set(ids);
  let box: Rect | null = null;
  for (const person of layout.people) {
    if (!wanted.has(person.id)) continue;
    for (const r of [person.box, person.labelBox]) {
      box = box
        ? {
            minX: Math.min(box.minX, r.minX),
            minY: Math.min(box.minY, r.minY),
            maxX: Math.max(box.maxX, r.maxX),
            maxY: Math.max(box.maxY, r.maxY),
          }
        : { ...r };
    }
  }
  return box;
}

/**
 * The whole drawing in the frame at whatever size that takes ("Show all", [FV3]): the one view
 * that draws names smaller than `MIN_NAME_PX`, and only when someone asks for it.
 */
export function wholeView(layout: GenogramLayout, frame: FitFrame | null): ViewBox {
  const whole = padded(layout.bounds);
  if (!validFrame(frame))
    return { x: whole.minX, y: whole.minY, width: widthOf(whole), height: heightOf(whole) };
  return centred(whole, frame, Math.min(fullScale(whole, frame), MAX_FIT_SCALE));
}

/** How many people (symbol and label) and ecomap entries are not wholly inside the view. */
export function outOfView(
  layout: GenogramLayout,
  view: ViewBox,
): { people: number; ecomap: number } {
  const inside = (r: Rect) =>
    r.minX >= view.x &&
    r.minY >= view.y &&
    r.maxX <= view.x + view.width &&
    r.maxY <= view.y + view.height;
  let people = 0;
  for (const person of layout.people) {
    if (!inside(person.box) || !inside(person.labelBox)) people += 1;
  }
  let ecomap = 0;
  for (const entry of layout.ecomap.entries) {
    const { x, y } = entry.centre;
    const r = entry.radius;
    if (!inside({ minX: x - r, minY: y - r, maxX: x + r, maxY: y + r })) ecomap += 1;
  }
  return { people, ecomap };
}
