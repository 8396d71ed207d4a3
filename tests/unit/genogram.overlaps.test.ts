import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { DEMO_FAMILIES, demoFamilyUpdate } from '@unitroom/server';
import {
  asMeetingId,
  layoutGenogram,
  readGenogram,
  type Genogram,
  type GenogramLayout,
  type HouseholdLayout,
  type Point,
  type Rect,
} from '@unitroom/shared';
import { randomFamily } from '../fixtures/genograms.js';

/**
 * [L17] no family line through a label and [L11] household outlines around exactly their
 * members, measured on the layout's own geometry (its label boxes, paths and outlines), on the
 * demo families and on 200 generated families drawn by fast-check from a fixed seed: no family
 * line, relationship line ([L10]), ecomap tie ([L12]) or legal connector ([L13]) through any
 * label, and no household outline through a union's dates, a person's name or a household's
 * name ([L11]).
 */

const SEED = 20261207;

function demoGenograms(): { name: string; genogram: Genogram }[] {
  return DEMO_FAMILIES.map((family) => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      demoFamilyUpdate(family, {
        names: { csw: 'Ada Quill', sw: 'Ben Rook', cp: 'Cy Moss', clinician: 'Di Fern' },
        meetingId: asMeetingId('meeting-overlaps'),
        day: (days) => `2026-03-${String(10 + days).padStart(2, '0')}`,
      }),
    );
    const genogram = readGenogram(doc);
    doc.destroy();
    return { name: family.name, genogram };
  });
}

function generatedGenograms(): { name: string; genogram: Genogram }[] {
  const shapes = fc.sample(
    fc.record({ size: fc.integer({ min: 3, max: 60 }), seed: fc.integer({ min: 1, max: 1e6 }) }),
    { seed: SEED, numRuns: 200 },
  );
  return shapes.map(({ size, seed }) => ({
    name: `random ${size} #${seed}`,
    genogram: randomFamily(size, seed),
  }));
}

/** Whether the segment passes through the open box (touching an edge does not count). */
function segmentCrosses(a: Point, b: Point, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - r.minX],
    [dx, r.maxX - a.x],
    [-dy, a.y - r.minY],
    [dy, r.maxY - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t1 - t0 > 1e-9;
}

function bezier(from: Point, control: Point | null, to: Point): Point[] {
  if (!control) return [from, to];
  return Array.from({ length: 17 }, (_, i) => {
    const t = i / 16;
    return {
      x: (1 - t) ** 2 * from.x + 2 * (1 - t) * t * control.x + t * t * to.x,
      y: (1 - t) ** 2 * from.y + 2 * (1 - t) * t * control.y + t * t * to.y,
    };
  });
}

type LineKind = 'family' | 'relationship' | 'legal' | 'ecomap' | 'outline';

function linesOf(layout: GenogramLayout): { kind: LineKind; id: string; points: Point[] }[] {
  return [
    ...layout.unions.map((u) => ({ kind: 'family' as const, id: u.id, points: u.path })),
    ...layout.siblingGroups.flatMap((g) => [
      { kind: 'family' as const, id: `stem ${g.source}`, points: g.stem },
      { kind: 'family' as const, id: `bar ${g.source}`, points: g.bar },
    ]),
    ...layout.childLinks.map((l) => ({ kind: 'family' as const, id: l.id, points: l.path })),
    ...layout.relationships.map((r) => ({
      kind: 'relationship' as const,
      id: r.id,
      points: r.path,
    })),
    ...layout.parentalResponsibility.flatMap((pr) =>
      pr.entries.map((e) => ({ kind: 'legal' as const, id: e.id, points: e.connector })),
    ),
    ...layout.contactRestrictions.flatMap((cr) =>
      cr.entries.flatMap((e) =>
        e.connector ? [{ kind: 'legal' as const, id: e.id, points: e.connector }] : [],
      ),
    ),
    ...layout.ecomap.entries.flatMap((e) =>
      e.ties.map((t) => ({ kind: 'ecomap' as const, id: e.id, points: t.path })),
    ),
    ...layout.households.flatMap((h) =>
      [h.outline, ...h.holes].map((loop) => ({
        kind: 'outline' as const,
        id: h.id,
        points: [...loop, loop[0]!],
      })),
    ),
  ];
}

function labelsOf(layout: GenogramLayout): { id: string; box: Rect }[] {
  return [
    ...layout.people.map((p) => ({ id: `name of ${p.id}`, box: p.labelBox })),
    ...layout.unions.flatMap((u) =>
      u.dateLabelBox ? [{ id: `dates of ${u.id}`, box: u.dateLabelBox }] : [],
    ),
    ...layout.households.flatMap((h) =>
      h.labelBox ? [{ id: `name of ${h.id}`, box: h.labelBox }] : [],
    ),
  ];
}

/** Every (line, label) pair where the line runs through the label's box. */
function crossings(layout: GenogramLayout): { kind: LineKind; what: string }[] {
  const labels = labelsOf(layout);
  const found: { kind: LineKind; what: string }[] = [];
  for (const line of linesOf(layout)) {
    for (const label of labels) {
      const hit = line.points.some(
        (p, k) => k > 0 && segmentCrosses(line.points[k - 1]!, p, label.box),
      );
      if (hit) found.push({ kind: line.kind, what: `${line.id} through ${label.id}` });
    }
  }
  return found;
}

/** Even-odd over the outline and its holes. */
function inside(point: Point, household: HouseholdLayout): boolean {
  let result = false;
  for (const loop of [household.outline, ...household.holes]) {
    for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
      const a = loop[i]!;
      const b = loop[j]!;
      const crosses =
        a.y > point.y !== b.y > point.y &&
        point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x;
      if (crosses) result = !result;
    }
  }
  return result;
}

const cornersOf = (r: Rect): Point[] => [
  { x: r.minX, y: r.minY },
  { x: r.maxX, y: r.minY },
  { x: r.minX, y: r.maxY },
  { x: r.maxX, y: r.maxY },
];

/** Members whose symbol or label is not wholly inside, and others with any of it inside. */
function householdMistakes(layout: GenogramLayout): string[] {
  const mistakes: string[] = [];
  for (const household of layout.households) {
    const members = new Set<string>(household.members);
    for (const person of layout.people) {
      const points = [person.centre, ...cornersOf(person.box), ...cornersOf(person.labelBox)];
      const within = points.filter((p) => inside(p, household)).length;
      if (members.has(person.id) && within < points.length)
        mistakes.push(`${person.id} lives in ${household.id} but is outside its outline`);
      if (!members.has(person.id) && within > 0)
        mistakes.push(`${person.id} does not live in ${household.id} but is inside its outline`);
    }
  }
  return mistakes;
}

describe('genogram layout: lines clear of labels, households exact', () => {
  const families = [...demoGenograms(), ...generatedGenograms()];
  const layouts = families.map(({ name, genogram }) => ({
    name,
    layout: layoutGenogram(genogram),
  }));

  let measured: { name: string; found: ReturnType<typeof crossings> }[] | null = null;
  const crossingsOf = (kind: LineKind, what: (c: string) => boolean = () => true) => {
    measured ??= layouts.map(({ name, layout }) => ({ name, found: crossings(layout) }));
    return measured.flatMap(({ name, found }) =>
      found.filter((c) => c.kind === kind && what(c.what)).map((c) => `${name}: ${c.what}`),
    );
  };

  it('covers the demo families and 200 generated ones', () => {
    expect(families).toHaveLength(DEMO_FAMILIES.length + 200);
    const people = layouts.reduce((n, { layout }) => n + layout.people.length, 0);
    const households = layouts.reduce((n, { layout }) => n + layout.households.length, 0);
    console.log(`[L17] ${families.length} families, ${people} people, ${households} households`);
    expect(households).toBeGreaterThan(100);
  });

  it('[L17] no union line, stem, sibling bar or child link runs through a name, dates or a household name', () => {
    const found = crossingsOf('family');
    console.log(`[L17] family lines through labels: ${found.length}`);
    expect(found).toEqual([]);
  });

  it('[L11] every household outline contains exactly its members', () => {
    const found = layouts.flatMap(({ name, layout }) =>
      householdMistakes(layout).map((m) => `${name}: ${m}`),
    );
    console.log(`[L11] household outline mistakes: ${found.length}`);
    expect(found).toEqual([]);
  });

  it('[L10] no emotional relationship line runs through a label', () => {
    const found = crossingsOf('relationship');
    console.log(`[L10] relationship lines through labels: ${found.length}`);
    expect(found).toEqual([]);
  });

  it('[L13] no legal connector runs through a label', () => {
    const found = crossingsOf('legal');
    console.log(`[L13] legal connectors through labels: ${found.length}`);
    expect(found).toEqual([]);
  });

  it('[L12] no ecomap tie runs through a label', () => {
    const found = crossingsOf('ecomap');
    console.log(`[L12] ecomap ties through labels: ${found.length}`);
    expect(found).toEqual([]);
  });

  it("[L11] no household outline runs through a union's dates or a person's name", () => {
    const found = crossingsOf('outline', (what) => !/ through name of h/.test(what));
    console.log(`[L11] household outlines through dates or names: ${found.length}`);
    expect(found).toEqual([]);
  });

  it("[L11] no household outline runs through a household's name", () => {
    // Nested households' outlines run 8 units apart, too close for a name between them: the
    // outer one's name goes just outside its outline instead.
    const found = crossingsOf('outline', (what) => / through name of h/.test(what));
    console.log(`[L11] household outlines through a household's name: ${found.length}`);
    expect(found).toEqual([]);
  });

  it('[L10] [L12] [L13] routed lines are drawn from their ends', () => {
    for (const { layout } of layouts) {
      for (const r of layout.relationships) {
        expect(r.path[0]).toEqual(r.from);
        expect(r.path.at(-1)).toEqual(r.to);
        // A bent line's path is its Bézier, which the renderers draw from the control point.
        if (r.control) {
          const curve = bezier(r.from, r.control, r.to);
          expect(r.path).toHaveLength(curve.length);
          r.path.forEach((p, k) => {
            expect(p.x).toBeCloseTo(curve[k]!.x, 1);
            expect(p.y).toBeCloseTo(curve[k]!.y, 1);
          });
        }
      }
      for (const e of layout.ecomap.entries)
        for (const t of e.ties) {
          expect(t.path[0]).toEqual(t.from);
          expect(t.path.at(-1)).toEqual(t.to);
        }
    }
  });
});
