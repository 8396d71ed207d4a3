import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_FAMILIES, demoFamilyUpdate } from '@unitroom/server';
import {
  MAX_FIT_SCALE,
  MIN_FIT_SCALE,
  MIN_NAME_PX,
  LABEL_FONTS,
  asMeetingId,
  coreBounds,
  fitView,
  layoutGenogram,
  outOfView,
  readGenogram,
  wholeView,
  type Genogram,
  type GenogramLayout,
  type Rect,
  type ViewBox,
} from '@unitroom/shared';
import { randomFamily } from '../fixtures/genograms.js';

/** [FV1]-[FV3]: which part of a genogram "Fit" shows on a canvas of a given size. */

function demo(name: string): { genogram: Genogram; layout: GenogramLayout } {
  const family = DEMO_FAMILIES.find((f) => f.name === name);
  if (!family) throw new Error(`no ${name} in the demo`);
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    demoFamilyUpdate(family, {
      names: { csw: 'Ada Quill', sw: 'Ben Rook', cp: 'Cy Moss', clinician: 'Di Fern' },
      meetingId: asMeetingId('meeting-fit'),
      day: (days) => `2026-03-${String(10 + days).padStart(2, '0')}`,
    }),
  );
  const genogram = readGenogram(doc);
  doc.destroy();
  return { genogram, layout: layoutGenogram(genogram) };
}

const contains = (view: ViewBox, r: Rect) =>
  r.minX >= view.x - 1e-6 &&
  r.minY >= view.y - 1e-6 &&
  r.maxX <= view.x + view.width + 1e-6 &&
  r.maxY <= view.y + view.height + 1e-6;

/** Screen pixels per unit as the browser draws the viewBox into the frame (meet). */
const drawnScale = (view: ViewBox, frame: { width: number; height: number }) =>
  Math.min(frame.width / view.width, frame.height / view.height);

const FAMILY_PAGE = { width: 1162, height: 636 };
const ROOM_PANE = { width: 516, height: 153 };
const WALL = { width: 2400, height: 1300 };

describe('genogram fit [FV1][FV2][FV3]', () => {
  it('[FV1] the minimum scale draws names at MIN_NAME_PX', () => {
    expect(MIN_FIT_SCALE * LABEL_FONTS.person).toBe(MIN_NAME_PX);
    expect(MIN_NAME_PX).toBeGreaterThanOrEqual(11);
  });

  for (const family of DEMO_FAMILIES.map((f) => f.name)) {
    it(`[FV1] ${family}: names never below MIN_NAME_PX at Fit, whatever the frame`, () => {
      const { genogram, layout } = demo(family);
      const focus = genogram.people.filter((p) => p.childOfConcern).map((p) => p.id as string);
      for (const frame of [FAMILY_PAGE, ROOM_PANE, WALL, { width: 300, height: 900 }]) {
        const fit = fitView(layout, frame, focus);
        // The viewBox has the frame's shape, so it fills the canvas with no letterbox.
        expect(fit.viewBox.width / fit.viewBox.height).toBeCloseTo(frame.width / frame.height, 6);
        const scale = drawnScale(fit.viewBox, frame);
        expect(scale * LABEL_FONTS.person).toBeGreaterThanOrEqual(MIN_NAME_PX - 1e-9);
        expect(scale).toBeLessThanOrEqual(MAX_FIT_SCALE + 1e-9);
      }
    });

    it(`[FV2] ${family}: on a 1366x768 family page the core is in view, the far ecomap entries are not`, () => {
      const { layout } = demo(family);
      expect(layout.ecomap.entries.length).toBeGreaterThan(0);
      const fit = fitView(layout, FAMILY_PAGE);
      expect(fit.extent).toBe('core');
      expect(contains(fit.viewBox, coreBounds(layout))).toBe(true);
      expect(outOfView(layout, fit.viewBox).people).toBe(0);
      expect(outOfView(layout, fit.viewBox).ecomap).toBeGreaterThan(0);
      // The core leaves out only the ecomap: the whole drawing is larger.
      const core = coreBounds(layout);
      expect(core.minY).toBeGreaterThan(layout.bounds.minY);
    });

    it(`[FV2] ${family}: a small room pane shows the children of concern at a readable size`, () => {
      const { genogram, layout } = demo(family);
      const children = genogram.people.filter((p) => p.childOfConcern).map((p) => p.id as string);
      expect(children.length).toBeGreaterThan(0);
      const fit = fitView(layout, ROOM_PANE, children);
      expect(fit.extent).toBe('part');
      expect(fit.scale).toBe(MIN_FIT_SCALE);
      // At least one child of concern, symbol and name, is wholly in view.
      const shown = layout.people.filter(
        (p) =>
          children.includes(p.id) &&
          contains(fit.viewBox, p.box) &&
          contains(fit.viewBox, p.labelBox),
      );
      expect(shown.length).toBeGreaterThan(0);
      // Without anyone to centre on, the oldest generation is at the top.
      const top = fitView(layout, ROOM_PANE);
      const firstRow = layout.people.filter((p) => p.row === 0);
      expect(firstRow.some((p) => contains(top.viewBox, p.box))).toBe(true);
    });

    it(`[FV3] ${family}: "Show all" takes in everything, at whatever size that needs`, () => {
      const { layout } = demo(family);
      for (const frame of [FAMILY_PAGE, ROOM_PANE]) {
        const all = wholeView(layout, frame);
        expect(outOfView(layout, all)).toEqual({ people: 0, ecomap: 0 });
        expect(contains(all, layout.bounds)).toBe(true);
      }
    });
  }

  it('[FV1] a family that fits whole at a readable size is shown whole, ecomap included', () => {
    const { layout } = demo('Kowalski-Reid family');
    const fit = fitView(layout, WALL);
    expect(fit.extent).toBe('whole');
    expect(outOfView(layout, fit.viewBox)).toEqual({ people: 0, ecomap: 0 });
  });

  it('[FV1] a small family is not drawn huge, and an empty one gives a finite view', () => {
    const small = layoutGenogram(randomFamily(3, 7));
    const fit = fitView(small, WALL);
    expect(fit.scale).toBeLessThanOrEqual(MAX_FIT_SCALE);
    const empty = fitView(layoutGenogram(randomFamily(0, 1)), FAMILY_PAGE);
    for (const n of Object.values(empty.viewBox)) expect(Number.isFinite(n)).toBe(true);
    // Before the canvas is measured, the whole drawing.
    const unmeasured = fitView(small, null);
    expect(unmeasured.scale).toBeNull();
    expect(contains(unmeasured.viewBox, small.bounds)).toBe(true);
  });

  it('[FV1] on 200 generated families, names at Fit are never below MIN_NAME_PX and something is in view', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const layout = layoutGenogram(randomFamily(3 + (seed % 58), seed));
      for (const frame of [FAMILY_PAGE, ROOM_PANE]) {
        const fit = fitView(layout, frame);
        expect(drawnScale(fit.viewBox, frame)).toBeGreaterThanOrEqual(MIN_FIT_SCALE - 1e-9);
        const { people } = outOfView(layout, fit.viewBox);
        expect(people).toBeLessThan(layout.people.length);
      }
    }
  });
});
