import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Rect } from './geometry.js';
import { emptyRect, growRect, pt, round, roundRect } from './geometry.js';
import type { LayoutGraph } from './layoutGraph.js';
import type { Structure } from './layoutStructure.js';
import type { PersonLayout } from './layoutTypes.js';
import { personGlyph } from './notation.js';
import type { Placed, Scene } from './drawCommon.js';
import { U } from './drawCommon.js';

/** People: each symbol at its row position plus its nudge ([L7]), and the box its label takes. */

function readNudge(nudges: Genogram['nudges'], id: PersonId): { dx: number; dy: number } | null {
  if (!Object.prototype.hasOwnProperty.call(nudges, id)) return null;
  const nudge: unknown = nudges[id];
  if (typeof nudge !== 'object' || nudge === null) return null;
  const { dx, dy } = nudge as { dx: unknown; dy: unknown };
  if (typeof dx !== 'number' || typeof dy !== 'number') return null;
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) return null;
  const clamp = (v: number) => Math.max(-U.maxNudge, Math.min(U.maxNudge, v));
  return { dx: clamp(dx), dy: clamp(dy) };
}

/** The symbol and its label below, as one box: what households and the family bounds enclose. */
export const personWithLabelBox = (p: Placed): Rect => ({
  minX: p.x - U.labelWidth / 2,
  minY: p.y - p.size / 2,
  maxX: p.x + U.labelWidth / 2,
  maxY: p.y + p.size / 2 + U.labelGap + U.labelHeight,
});

/** The name, age and dates text block under the symbol ([L17]). */
export const personLabelBox = (p: Placed): Rect => ({
  minX: p.x - U.labelWidth / 2,
  minY: p.y + p.size / 2 + U.labelGap,
  maxX: p.x + U.labelWidth / 2,
  maxY: p.y + p.size / 2 + U.labelGap + U.labelHeight,
});

export function placePeople(
  genogram: Genogram,
  graph: LayoutGraph,
  structure: Structure,
  xs: Map<PersonId, number>,
  applyNudges: boolean,
): Scene {
  const placed = new Map<PersonId, Placed>();
  const people: PersonLayout[] = [];
  const family = emptyRect();
  for (const person of graph.people) {
    const row = structure.rowOf.get(person.id) ?? 0;
    const autoX = xs.get(person.id) ?? 0;
    const autoY = row * U.rowHeight;
    const nudge = applyNudges ? readNudge(genogram.nudges, person.id) : null;
    const glyph = personGlyph(person);
    const size = glyph.size === 'full' ? U.symbol : U.smallSymbol;
    const p: Placed = { x: autoX + (nudge?.dx ?? 0), y: autoY + (nudge?.dy ?? 0), size, row };
    placed.set(person.id, p);
    const box = personWithLabelBox(p);
    growRect(family, box.minX, box.minY);
    growRect(family, box.maxX, box.maxY);
    people.push({
      id: person.id,
      row,
      centre: pt(p.x, p.y),
      autoCentre: pt(autoX, autoY),
      nudge: nudge && { dx: round(nudge.dx), dy: round(nudge.dy) },
      size,
      glyph,
      box: roundRect({
        minX: p.x - size / 2,
        minY: p.y - size / 2,
        maxX: p.x + size / 2,
        maxY: p.y + size / 2,
      }),
      label: pt(p.x, p.y + size / 2 + U.labelGap),
      labelBox: roundRect(personLabelBox(p)),
    });
  }
  return { placed, at: (id) => placed.get(id)!, people, family };
}
