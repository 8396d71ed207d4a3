import { describe, expect, it } from 'vitest';
import {
  CHILD_LINK_NOTATION,
  LAYOUT_UNITS,
  LEGEND,
  NOTATION_COLOURS,
  RELATIONSHIP_KINDS,
  RELATIONSHIP_NOTATION,
  STROKE_DASHES,
  emptyGenogram,
  layoutGenogram,
  symbolsInUse,
  type Genogram,
  type GenogramLayout,
  type HouseholdLayout,
  type PersonId,
  type PersonLayout,
  type Point,
} from '@unitroom/shared';
import {
  FAMILIES,
  adoption,
  brokenReferences,
  childInTwoHouseholds,
  childOf,
  divorceAndRemarriage,
  genogram,
  kitchenSink,
  loneParents,
  lonePeople,
  person,
  randomFamily,
  relationship,
  threeGenerations,
  twins,
  union,
  wideFamily,
  withEcomap,
} from '../fixtures/genograms.js';
import { seededRandom } from '../helpers/random.js';

const U = LAYOUT_UNITS;

function personOf(layout: GenogramLayout, id: string): PersonLayout {
  const found = layout.people.find((p) => p.id === id);
  if (!found) throw new Error(`${id} is not in the layout`);
  return found;
}
const x = (layout: GenogramLayout, id: string) => personOf(layout, id).centre.x;
const rowOf = (layout: GenogramLayout, id: string) => personOf(layout, id).row;
const rowPeople = (layout: GenogramLayout, row: number) => layout.rows[row]?.people ?? [];

/** Every pair of symbol boxes, checked with a sweep over x: O(n log n) for 500 people. */
function overlappingPairs(layout: GenogramLayout): string[] {
  const boxes = [...layout.people].sort((a, b) => a.box.minX - b.box.minX);
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.box.minX < a.box.maxX; j++) {
      const b = boxes[j]!;
      if (b.box.minY < a.box.maxY && a.box.minY < b.box.maxY) clashes.push(`${a.id}/${b.id}`);
    }
  }
  return clashes;
}

/** Inside (or on) a convex polygon given in either winding. */
/** Even-odd over the outline and its holes ([L11]). */
function insideHousehold(point: Point, household: HouseholdLayout): boolean {
  let inside = false;
  for (const loop of [household.outline, ...household.holes]) {
    for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
      const a = loop[i]!;
      const b = loop[j]!;
      if (
        a.y > point.y !== b.y > point.y &&
        point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x
      )
        inside = !inside;
    }
  }
  return inside;
}

const corners = (p: PersonLayout): Point[] => [
  { x: p.box.minX, y: p.box.minY },
  { x: p.box.maxX, y: p.box.minY },
  { x: p.box.minX, y: p.box.maxY },
  { x: p.box.maxX, y: p.box.maxY },
];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** The same genogram with every unordered collection in another order. */
function reordered(g: Genogram, seed: number): Genogram {
  const random = seededRandom(seed);
  return {
    people: shuffled(g.people, random),
    unions: shuffled(g.unions, random),
    childLinks: shuffled(g.childLinks, random),
    relationships: shuffled(g.relationships, random),
    households: shuffled(
      g.households.map((h) => ({ ...h, members: shuffled(h.members, random) })),
      random,
    ),
    ecomap: shuffled(
      g.ecomap.map((e) => ({ ...e, connectedTo: shuffled(e.connectedTo, random) })),
      random,
    ),
    parentalResponsibility: shuffled(g.parentalResponsibility, random),
    contactRestrictions: shuffled(g.contactRestrictions, random),
    nudges: Object.fromEntries(shuffled(Object.entries(g.nudges), random)),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('genogram layout: determinism', () => {
  it.each(Object.entries(FAMILIES))(
    '[L1] %s lays out the same whatever the order of its arrays',
    (_, build) => {
      const expected = layoutGenogram(build());
      for (const seed of [1, 2, 3]) {
        expect(layoutGenogram(reordered(build(), seed))).toEqual(expected);
      }
    },
  );

  it('[L1] a family built in the opposite insertion order lays out the same', () => {
    const g = kitchenSink();
    const backwards: Genogram = {
      people: [...g.people].reverse(),
      unions: [...g.unions].reverse(),
      childLinks: [...g.childLinks].reverse(),
      relationships: [...g.relationships].reverse(),
      households: [...g.households]
        .reverse()
        .map((h) => ({ ...h, members: [...h.members].reverse() })),
      ecomap: [...g.ecomap].reverse(),
      parentalResponsibility: [...g.parentalResponsibility].reverse(),
      contactRestrictions: [...g.contactRestrictions].reverse(),
      nudges: Object.fromEntries(Object.entries(g.nudges).reverse()),
    };
    expect(layoutGenogram(backwards)).toEqual(layoutGenogram(g));
  });

  it('[L1] a 200-person random family lays out the same in any order', () => {
    const expected = layoutGenogram(randomFamily(200, 11));
    expect(layoutGenogram(reordered(randomFamily(200, 11), 5))).toEqual(expected);
  });

  it('[L1] the layout never mutates its input and is plain data', () => {
    const g = deepFreeze(kitchenSink());
    const layout = layoutGenogram(g);
    expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
    expect(g).toEqual(kitchenSink());
  });

  it('[L1] coordinates are rounded to hundredths', () => {
    const layout = layoutGenogram(randomFamily(120, 3));
    const numbers = JSON.stringify(layout).match(/-?\d+\.\d+/g) ?? [];
    for (const n of numbers) expect(n.split('.')[1]!.length, n).toBeLessThanOrEqual(2);
  });
});

describe('genogram layout: rows', () => {
  it('[L2] three generations stand in three rows, partners sharing one', () => {
    const layout = layoutGenogram(threeGenerations());
    const rows = {
      0: ['frank', 'maureen', 'ron', 'jean'],
      1: ['tracy', 'sharon', 'gavin', 'craig', 'lee'],
      2: ['tyler', 'loss', 'chloe', 'unborn'],
    };
    for (const [row, ids] of Object.entries(rows)) {
      for (const id of ids) {
        expect(rowOf(layout, id), id).toBe(Number(row));
        expect(personOf(layout, id).centre.y, id).toBe(Number(row) * U.rowHeight);
      }
    }
  });

  it("[L2] a partner's parents sit just above them, not at the top of a deeper family", () => {
    // Craig's grandparents Mick and Iris are on the genogram; Sharon's parents are not pushed up
    // to their row, and Sharon's brother and sister stay on her row.
    const layout = layoutGenogram(kitchenSink());
    expect(rowOf(layout, 'mick')).toBe(0);
    expect(rowOf(layout, 'frank')).toBe(1);
    expect(rowOf(layout, 'ron')).toBe(1);
    expect(rowOf(layout, 'sharon')).toBe(2);
    expect(rowOf(layout, 'tracy')).toBe(2);
    expect(rowOf(layout, 'gavin')).toBe(2);
  });

  it('[L2] a child of one parent with no union is one row below that parent', () => {
    const layout = layoutGenogram(loneParents());
    expect([rowOf(layout, 'gran'), rowOf(layout, 'mum'), rowOf(layout, 'son')]).toEqual([0, 1, 2]);
    expect(x(layout, 'daughter')).toBeLessThan(x(layout, 'son'));
  });

  it('[L3] partners stand side by side on one row, the man on the left', () => {
    const layout = layoutGenogram(threeGenerations());
    for (const [man, woman] of [
      ['frank', 'maureen'],
      ['ron', 'jean'],
    ] as const) {
      const row = rowPeople(layout, rowOf(layout, man));
      expect(row.indexOf(woman as PersonId) - row.indexOf(man as PersonId), man).toBe(1);
      expect(personOf(layout, woman).centre.y).toBe(personOf(layout, man).centre.y);
      expect(x(layout, woman) - x(layout, man)).toBeCloseTo(U.partnerGap, 6);
    }
  });

  it('[L3] a couple who both have parents on the genogram each face their own parents', () => {
    for (const build of [threeGenerations, kitchenSink]) {
      const layout = layoutGenogram(build());
      const row = rowPeople(layout, rowOf(layout, 'sharon'));
      expect(Math.abs(row.indexOf('sharon' as PersonId) - row.indexOf('craig' as PersonId))).toBe(
        1,
      );
      const sharonLeft = x(layout, 'sharon') < x(layout, 'craig');
      const doylesLeft = x(layout, 'maureen') < x(layout, 'jean');
      expect(sharonLeft, build.name).toBe(doylesLeft);
    }
  });

  it('[L3] a man between his ex-wife and his new partner, earlier union on the left', () => {
    const layout = layoutGenogram(divorceAndRemarriage());
    // Donna has since married Steve: he continues outwards on her side.
    expect(rowPeople(layout, 0)).toEqual(['steve', 'donna', 'paul', 'kelly']);
  });

  it('[L3] couples stay together in large families', () => {
    const g = randomFamily(500, 2);
    const layout = layoutGenogram(g, { applyNudges: false });
    const unionCount = new Map<string, number>();
    for (const u of g.unions) {
      for (const p of [u.partnerA, u.partnerB]) unionCount.set(p, (unionCount.get(p) ?? 0) + 1);
    }
    const couples = g.unions.filter(
      (u) => unionCount.get(u.partnerA) === 1 && unionCount.get(u.partnerB) === 1,
    );
    expect(couples.length).toBeGreaterThan(50);
    for (const u of couples) {
      expect(Math.abs(x(layout, u.partnerA) - x(layout, u.partnerB)), u.id).toBeCloseTo(
        U.partnerGap,
        6,
      );
    }
  });

  it('[L4] children stand one row below their union, eldest on the left, under its drop point', () => {
    const layout = layoutGenogram(threeGenerations());
    const drop = layout.unions.find((u) => u.id === 'u-sharon-craig')!.drop;
    const children = ['tyler', 'loss', 'chloe', 'unborn'];
    const xs = children.map((id) => x(layout, id));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(children.map((id) => rowOf(layout, id))).toEqual([2, 2, 2, 2]);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(drop.x, 6);
    const group = layout.siblingGroups.find((g) => g.source === 'union:u-sharon-craig')!;
    expect(group.children).toEqual(children);
    expect(group.stem[0]).toEqual(drop);
    expect(group.bar[0].y).toBeGreaterThan(drop.y);
    expect(group.bar[0].y).toBeLessThan(personOf(layout, 'tyler').box.minY);
  });

  it("[L4] children of the second union stand under the second union's line", () => {
    const layout = layoutGenogram(divorceAndRemarriage());
    const first = layout.unions.find((u) => u.id === 'u-paul-donna')!;
    const second = layout.unions.find((u) => u.id === 'u-paul-kelly')!;
    const centre = (ids: string[]) => ids.reduce((s, id) => s + x(layout, id), 0) / ids.length;
    // Within a few units: the partners spread to make room for both families of children.
    expect(Math.abs(centre(['jade', 'liam']) - first.drop.x)).toBeLessThan(5);
    expect(Math.abs(centre(['mason', 'ruby']) - second.drop.x)).toBeLessThan(5);
    // Kelly stands right of Paul, so his second family stands right of his first.
    expect(x(layout, 'mason')).toBeGreaterThan(x(layout, 'liam'));
    expect(x(layout, 'jade')).toBeLessThan(x(layout, 'liam'));
    expect(x(layout, 'mason')).toBeLessThan(x(layout, 'ruby'));
    const group = layout.siblingGroups.find((g) => g.source === 'union:u-paul-kelly')!;
    expect(group.stem[0]).toEqual(second.drop);
    expect(group.children).toEqual(['mason', 'ruby']);
  });

  it('[L4] birth order compares ages with dates through people who have both', () => {
    const g = genogram({
      people: [
        person('mum', { gender: 'female', birthDate: '1980', age: 44 }),
        person('dad', { gender: 'male' }),
        person('older', { age: 20 }),
        person('younger', { birthDate: '2010-05-01' }),
        person('unknown'),
        person('unborn', { pregnancy: 'pregnancy' }),
      ],
      unions: [union('u', 'dad', 'mum')],
      childLinks: ['older', 'younger', 'unknown', 'unborn'].map((c) =>
        childOf(`l-${c}`, c, { union: 'u' }),
      ),
    });
    const layout = layoutGenogram(g);
    expect(rowPeople(layout, 1)).toEqual(['older', 'younger', 'unknown', 'unborn']);
  });

  it('[L4] a pregnancy is drawn with the pregnancy triangle, a miscarriage small and filled', () => {
    const layout = layoutGenogram(threeGenerations());
    expect(personOf(layout, 'unborn').glyph).toMatchObject({
      shape: 'triangle',
      doubleOutline: true,
    });
    expect(personOf(layout, 'unborn').size).toBe(U.symbol);
    expect(personOf(layout, 'loss').glyph).toMatchObject({ shape: 'dot', filled: true });
    expect(personOf(layout, 'loss').size).toBe(U.smallSymbol);
    expect(personOf(layout, 'frank').glyph).toMatchObject({ shape: 'square', crossed: true });
    expect(personOf(layout, 'tyler').glyph).toMatchObject({ shape: 'square', doubleOutline: true });
  });

  it('[L5] an adopted child stands among the birth children in birth order, drawn dashed', () => {
    const layout = layoutGenogram(adoption());
    expect(rowPeople(layout, 1)).toEqual(['megan', 'callum', 'ellie']);
    const link = layout.childLinks.find((l) => l.id === 'l-callum')!;
    expect(link).toMatchObject({ kind: 'adopted', primary: true });
    expect(CHILD_LINK_NOTATION[link.kind].line.pattern).toBe('dashed');
    expect(CHILD_LINK_NOTATION.birth.line.pattern).toBe('solid');
    const callum = personOf(layout, 'callum');
    expect(link.path).toEqual([
      { x: callum.centre.x, y: layout.siblingGroups[0]!.bar[0].y },
      { x: callum.centre.x, y: callum.box.minY },
    ]);
  });

  it("[L5] a child in foster care stays with their birth family; the carers' link is routed", () => {
    const layout = layoutGenogram(kitchenSink());
    const birth = layout.childLinks.find((l) => l.id === 'l-tyler')!;
    const fostered = layout.childLinks.find((l) => l.id === 'l-tyler-foster')!;
    expect(birth.primary).toBe(true);
    expect(fostered.primary).toBe(false);
    const carers = layout.unions.find((u) => u.id === 'u-bell')!;
    const tyler = personOf(layout, 'tyler');
    expect(fostered.path[0]).toEqual(carers.drop);
    expect(fostered.path.at(-1)).toEqual({ x: tyler.centre.x, y: tyler.box.minY });
    expect(fostered.path).toHaveLength(4);
  });
});

describe('genogram layout: no overlaps', () => {
  it.each(Object.entries(FAMILIES))('[L4] no two symbols overlap in %s', (_, build) => {
    expect(overlappingPairs(layoutGenogram(build(), { applyNudges: false }))).toEqual([]);
  });

  it('[L4] neighbours in a row keep their minimum spacing', () => {
    const layout = layoutGenogram(randomFamily(300, 4), { applyNudges: false });
    for (const row of layout.rows) {
      for (let i = 1; i < row.people.length; i++) {
        const gap = x(layout, row.people[i]!) - x(layout, row.people[i - 1]!);
        expect(gap).toBeGreaterThanOrEqual(
          Math.min(U.partnerGap, U.siblingGap, U.familyGap) - 0.02,
        );
      }
    }
  });

  it.each([1, 2, 3])(
    '[L4][L15] a 500-person random family (seed %i) lays out without overlap',
    (seed) => {
      const g = randomFamily(500, seed);
      expect(g.people).toHaveLength(500);
      const layout = layoutGenogram(g, { applyNudges: false });
      expect(layout.people).toHaveLength(500);
      expect(overlappingPairs(layout)).toEqual([]);
      for (const row of layout.rows) {
        const xs = row.people.map((id) => x(layout, id));
        expect(xs).toEqual([...xs].sort((a, b) => a - b));
      }
    },
  );

  it('[L4] a very wide family keeps every child under the one union, in order', () => {
    const layout = layoutGenogram(wideFamily(120));
    expect(rowPeople(layout, 1)).toHaveLength(120);
    expect(overlappingPairs(layout)).toEqual([]);
    const xs = rowPeople(layout, 1).map((id) => x(layout, id));
    expect((xs[0]! + xs.at(-1)!) / 2).toBeCloseTo(layout.unions[0]!.drop.x, 6);
  });
});

describe('genogram layout: nudges', () => {
  it('[L7] a nudge moves exactly the nudged person, by exactly the nudge', () => {
    const g = threeGenerations();
    const plain = layoutGenogram(g);
    const nudged = layoutGenogram({
      ...g,
      nudges: { ['craig' as PersonId]: { dx: 37.5, dy: -22 } },
    });
    for (const p of nudged.people) {
      const before = personOf(plain, p.id);
      if (p.id === 'craig') {
        expect(p.centre.x - before.centre.x).toBeCloseTo(37.5, 6);
        expect(p.centre.y - before.centre.y).toBeCloseTo(-22, 6);
        expect(p.autoCentre).toEqual(before.centre);
        expect(p.nudge).toEqual({ dx: 37.5, dy: -22 });
      } else {
        expect(p.centre, p.id).toEqual(before.centre);
      }
    }
  });

  it('[L7] lines attached to a nudged person follow them', () => {
    const g = threeGenerations();
    const nudged = layoutGenogram({ ...g, nudges: { ['craig' as PersonId]: { dx: -30, dy: 10 } } });
    const craig = personOf(nudged, 'craig');
    const u = nudged.unions.find((un) => un.id === 'u-sharon-craig')!;
    const leg = u.left === 'craig' ? u.path[0] : u.path[3];
    expect(leg).toEqual({ x: craig.centre.x, y: craig.box.maxY });
    expect(u.drop.x).toBeCloseTo((craig.centre.x + x(nudged, 'sharon')) / 2, 1);
    const link = nudged.childLinks.find((l) => l.id === 'l-craig')!;
    expect(link.path.at(-1)).toEqual({ x: craig.centre.x, y: craig.box.minY });
  });

  it('[L7] nudges that are not finite are ignored; applyNudges: false ignores all', () => {
    const layout = layoutGenogram(brokenReferences());
    const plain = layoutGenogram(brokenReferences(), { applyNudges: false });
    expect(personOf(layout, 'b').nudge).toBeNull();
    expect(personOf(layout, 'c').nudge).toBeNull();
    expect(layout.people.map((p) => p.centre)).toEqual(plain.people.map((p) => p.centre));
    const sink = layoutGenogram(kitchenSink(), { applyNudges: false });
    expect(personOf(sink, 'jean').nudge).toBeNull();
  });
});

describe('genogram layout: lines', () => {
  it('[L8] union lines run under both partners; divorce marks sit between left leg and drop', () => {
    const layout = layoutGenogram(divorceAndRemarriage());
    const divorced = layout.unions.find((u) => u.id === 'u-paul-donna')!;
    expect(divorced.status).toBe('divorced');
    expect(divorced.statusMarks?.slashes).toBe(2);
    const [leftLeg, corner, otherCorner] = divorced.path;
    expect(leftLeg.y).toBe(personOf(layout, divorced.left).box.maxY);
    expect(corner.y).toBe(otherCorner.y);
    // Between the left leg and the drop, left of the dates text, which is centred on the drop.
    expect(divorced.statusMarks!.at.x).toBeGreaterThan(corner.x);
    expect(divorced.statusMarks!.at.x).toBeLessThan(divorced.dateLabelBox!.minX);
    expect(divorced.dateLabel.x).toBe(divorced.drop.x);
    expect(layout.unions.find((u) => u.id === 'u-paul-kelly')!.statusMarks).toBeNull();
  });

  it('[L8] a second union with the same person takes the next lane', () => {
    const g = genogram({
      people: [person('a', { gender: 'male' }), person('b', { gender: 'female' })],
      unions: [
        union('u1', 'a', 'b', {
          startDate: '1990',
          events: [{ status: 'divorced', date: '1995' }],
        }),
        union('u2', 'a', 'b', { startDate: '2001' }),
      ],
    });
    const layout = layoutGenogram(g);
    const lanes = layout.unions.map((u) => u.lane).sort();
    expect(lanes).toEqual([0, 1]);
    const [y1, y2] = layout.unions.map((u) => u.drop.y);
    expect(Math.abs(y1! - y2!)).toBe(U.unionLane);
  });

  it('[L9] twins hang from one point; only identical twins are joined by a bar', () => {
    const layout = layoutGenogram(twins());
    expect(rowPeople(layout, 1)).toEqual(['daniel', 'adaeze', 'amara', 'tobi', 'zara', 'kemi']);
    const identical = layout.twins.find((t) => t.group === 'tw-girls')!;
    const fraternal = layout.twins.find((t) => t.group === 'tw-mixed')!;
    for (const twin of [identical, fraternal]) {
      const paths = twin.members.map((m) => layout.childLinks.find((l) => l.child === m)!.path);
      for (const path of paths) expect(path[0]).toEqual(twin.apex);
      const [a, b] = twin.members.map((m) => x(layout, m));
      expect(twin.apex.x).toBeCloseTo((a! + b!) / 2, 6);
    }
    expect(identical.identicalBar).not.toBeNull();
    expect(fraternal.identicalBar).toBeNull();
    const [left, right] = identical.identicalBar!;
    expect(left.y).toBe(right.y);
    expect(left.x).toBeLessThan(right.x);
    // Daniel's line drops straight from the bar, not from a twin apex.
    const daniel = layout.childLinks.find((l) => l.child === 'daniel')!;
    expect(daniel.path[0]!.x).toBe(x(layout, 'daniel'));
  });

  it('[L10] several relationships between two people run in parallel lanes, from a to b', () => {
    const layout = layoutGenogram(withEcomap());
    const lines = layout.relationships.filter((r) => r.id.startsWith('r-dean-amy'));
    expect(lines.map((r) => [r.lane, r.lanes])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(lines[0]!.from.y).not.toBe(lines[1]!.from.y);
    const dean = personOf(layout, 'dean').centre;
    const amy = personOf(layout, 'amy').centre;
    const near = (p: Point, c: Point) => Math.hypot(p.x - c.x, p.y - c.y);
    // r-dean-amy-2 has a = amy: its `from` is at Amy's end.
    const second = lines.find((r) => r.id === 'r-dean-amy-2')!;
    expect(near(second.from, amy)).toBeLessThan(near(second.from, dean));
    expect(near(lines[0]!.from, dean)).toBeLessThan(near(lines[0]!.from, amy));
  });

  it('[L10] a relationship that would cross another symbol bends around it', () => {
    const g = genogram({
      people: ['a', 'b', 'c'].map((id) => person(id, { gender: 'female', birthDate: '2000' })),
      unions: [],
      childLinks: [],
      relationships: [
        relationship('r-ac', 'a', 'c', 'distant'),
        relationship('r-ab', 'a', 'b', 'close'),
      ],
    });
    const layout = layoutGenogram(g);
    expect(rowPeople(layout, 0)).toEqual(['a', 'b', 'c']);
    const bent = layout.relationships.find((r) => r.id === 'r-ac')!;
    expect(bent.control).not.toBeNull();
    expect(bent.control!.y).toBeLessThan(personOf(layout, 'b').box.minY);
    expect(layout.relationships.find((r) => r.id === 'r-ab')!.control).toBeNull();
  });
});

describe('genogram layout: around the family', () => {
  it('[L11] a child in two households is inside both boundaries', () => {
    const layout = layoutGenogram(childInTwoHouseholds());
    expect(layout.households.map((h) => h.id)).toEqual(['hh-dad', 'hh-mum']);
    const kayden = personOf(layout, 'kayden');
    for (const household of layout.households) {
      for (const corner of corners(kayden)) {
        expect(insideHousehold(corner, household), household.id).toBe(true);
      }
      for (const member of household.members) {
        for (const corner of corners(personOf(layout, member))) {
          expect(insideHousehold(corner, household), `${member} in ${household.id}`).toBe(true);
        }
      }
    }
    const [dad, mum] = layout.households;
    expect(dad!.padding).not.toBe(mum!.padding);
    expect(insideHousehold(personOf(layout, 'josh').centre, dad!)).toBe(false);
  });

  it('[L12] ecomap entries sit clear of the family and of each other, tied to their people', () => {
    const layout = layoutGenogram(withEcomap());
    const { entries, ellipse } = layout.ecomap;
    expect(ellipse).not.toBeNull();
    expect(entries.map((e) => e.id)).toEqual(['e-gp', 'e-hv', 'e-police', 'e-school']);
    const family = layout.familyBounds;
    for (const e of entries) {
      const clear =
        e.centre.x + e.radius < family.minX ||
        e.centre.x - e.radius > family.maxX ||
        e.centre.y + e.radius < family.minY ||
        e.centre.y - e.radius > family.maxY;
      expect(clear, e.id).toBe(true);
    }
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i]!;
        const b = entries[j]!;
        expect(Math.hypot(a.centre.x - b.centre.x, a.centre.y - b.centre.y)).toBeGreaterThan(
          a.radius + b.radius,
        );
      }
    }
    const school = entries.find((e) => e.id === 'e-school')!;
    expect(school.ties.map((t) => t.person)).toEqual(['harvey', 'poppy']);
    expect(school.centre.y).toBeGreaterThan(ellipse!.centre.y);
    const hv = entries.find((e) => e.id === 'e-hv')!;
    expect(hv.ties).toHaveLength(1);
    expect(hv.ties[0]!.person).toBeNull();
  });

  it('[L13] parental responsibility and contact restriction badges', () => {
    const layout = layoutGenogram(withEcomap());
    const [pr] = layout.parentalResponsibility;
    const amy = personOf(layout, 'amy');
    expect(pr!.holder).toBe('amy');
    expect(pr!.badge.x).toBeGreaterThan(amy.box.maxX);
    expect(pr!.badge.y).toBeLessThan(amy.box.minY);
    expect(pr!.entries.map((e) => e.child)).toEqual(['harvey', 'poppy']);
    const [cr] = layout.contactRestrictions;
    const dean = personOf(layout, 'dean');
    expect(cr!.badge.x).toBeLessThan(dean.box.minX);
    expect(cr!.entries[0]!.connector).toBeNull();
  });

  it('[L14] people with no family links stand beside who they know, or by age, or at the top', () => {
    const layout = layoutGenogram(lonePeople());
    const top = rowPeople(layout, 0);
    expect(top.indexOf('friend' as PersonId)).toBe(top.indexOf('fiona' as PersonId) + 1);
    expect(rowOf(layout, 'neighbour')).toBe(0);
    expect(top.at(-1)).toBe('neighbour');
    // Born 1978: no row has a median birth year within 15 years, so the top row.
    expect(rowOf(layout, 'uncle-unknown')).toBe(0);
  });
});

describe('genogram layout: odd input', () => {
  it('[L15] an empty genogram gives an empty layout', () => {
    const layout = layoutGenogram(emptyGenogram());
    expect(layout.people).toEqual([]);
    expect(layout.bounds).toEqual({ minX: 0, minY: 0, maxX: 0, maxY: 0 });
    expect(layout.ecomap.ellipse).toBeNull();
  });

  it('[L15] references that do not resolve are left out, loops do not throw', () => {
    const layout = layoutGenogram(brokenReferences());
    expect(layout.people.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(layout.unions.map((u) => u.id)).toEqual(['u-ab', 'u-cd']);
    expect(layout.childLinks.map((l) => l.id)).toEqual(['l-b', 'l-c']);
    expect(layout.relationships).toEqual([]);
    expect(layout.households).toEqual([]);
    expect(layout.parentalResponsibility).toEqual([]);
    expect(layout.contactRestrictions).toEqual([]);
    expect(layout.ecomap.entries[0]!.ties[0]!.person).toBeNull();
    expect(overlappingPairs(layout)).toEqual([]);
  });

  it('[L15] duplicate ids keep one entity whatever the order', () => {
    const g = adoption();
    const twin = { ...g.people[0]!, name: 'Someone else' };
    const a = layoutGenogram({ ...g, people: [...g.people, twin] });
    const b = layoutGenogram({ ...g, people: [twin, ...g.people] });
    expect(a).toEqual(b);
    expect(a.people).toHaveLength(g.people.length);
  });

  it('[L15] everyone unlinked still lays out in one row without overlap', () => {
    const g = genogram({ people: Array.from({ length: 30 }, (_, i) => person(`p${i}`)) });
    const layout = layoutGenogram(g);
    expect(layout.rows).toHaveLength(1);
    expect(overlappingPairs(layout)).toEqual([]);
  });
});

describe('genogram notation and legend', () => {
  it('[L16] the legend lists only the symbols in use, in table order', () => {
    const entries = symbolsInUse(divorceAndRemarriage());
    expect(entries.map((e) => e.key)).toEqual([
      'person.male',
      'person.female',
      'union.marriage',
      'union.cohabitation',
      'union_status.divorced',
      'child_link.birth',
    ]);
    expect(entries.find((e) => e.key === 'union_status.divorced')!.label).toBe('Divorced');
    const order = new Map(LEGEND.map((e, i) => [e.key, i]));
    const sink = symbolsInUse(kitchenSink()).map((e) => order.get(e.key)!);
    expect(sink).toEqual([...sink].sort((a, b) => a - b));
    expect(symbolsInUse(reordered(kitchenSink(), 9))).toEqual(symbolsInUse(kitchenSink()));
  });

  it('[L16] the legend names the hard cases in plain words', () => {
    const keys = (g: Genogram) => symbolsInUse(g).map((e) => e.key);
    expect(keys(twins())).toEqual(expect.arrayContaining(['twins.identical', 'twins.fraternal']));
    expect(keys(threeGenerations())).toEqual(
      expect.arrayContaining([
        'person.deceased',
        'person.child_of_concern',
        'pregnancy.pregnancy',
        'pregnancy.miscarriage',
        'relationship.cut_off_repaired',
      ]),
    );
    expect(keys(threeGenerations())).not.toContain('pregnancy.stillbirth');
    expect(LEGEND.find((e) => e.key === 'relationship.cut_off_repaired')!.label).toBe(
      'Cut off, then repaired',
    );
    expect(keys(withEcomap())).toEqual(
      expect.arrayContaining([
        'household',
        'ecomap_tie.strong',
        'ecomap_tie.stressful',
        'support.to_family',
        'legal.parental_responsibility',
        'legal.contact_restriction',
      ]),
    );
    expect(keys(emptyGenogram())).toEqual([]);
  });

  it('[L16] no relationship kind differs from another by colour alone', () => {
    const shapes = RELATIONSHIP_KINDS.map((kind) => {
      const { pattern, parallel, zigzag, marks, width } = RELATIONSHIP_NOTATION[kind].line;
      return JSON.stringify([pattern, parallel, zigzag, marks, width]);
    });
    expect(new Set(shapes).size).toBe(RELATIONSHIP_KINDS.length);
    const patterns = Object.values(CHILD_LINK_NOTATION).map((n) => n.line.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const pattern of patterns) expect(STROKE_DASHES[pattern]).toBeDefined();
  });

  it('[L16] every notation colour has at least 3:1 contrast on white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const [name, colour] of Object.entries(NOTATION_COLOURS)) {
      expect(1.05 / (luminance(colour) + 0.05), name).toBeGreaterThanOrEqual(3);
    }
  });
});
