import type { Union, UnionStatus } from '../model/genogram/union.js';
import type { Point, Rect } from './geometry.js';
import { UNION_KIND_NOTATION } from './notation.js';

/**
 * The text the genogram draws beside its lines, and the room the layout keeps for it, so no
 * line is routed through a name, a union's dates or a household's name ([L17]). Widths are
 * estimated from the character count: the renderer's sans-serif averages under 0.6 em a
 * character for these strings (digits, lower case, spaces), so the estimate errs on the wide side.
 */

/** Font sizes the renderer uses, in layout units (CSS pixels at zoom 1). */
export const LABEL_FONTS = Object.freeze({ person: 12, union: 11, household: 11 });
const EM_PER_CHARACTER = 0.6;

export const estimatedTextWidth = (text: string, fontSize: number): number =>
  text.length * fontSize * EM_PER_CHARACTER;

const UNION_EVENT_ABBREVIATIONS: Record<UnionStatus, string> = {
  together: 'reun.',
  separated: 'sep.',
  divorced: 'div.',
};

const yearOf = (date: string | null): number | null =>
  date === null ? null : Number(date.slice(0, 4));

/** The dates text on a union line, in the genogram's shorthand: "CP 2015", "m. 2004, div. 2012". */
export function unionDatesText(union: Union): string {
  const parts: string[] = [];
  const tag = UNION_KIND_NOTATION[union.kind].tag;
  const start = yearOf(union.startDate);
  if (tag) parts.push(start === null ? tag : `${tag} ${start}`);
  else if (start !== null) parts.push(union.kind === 'marriage' ? `m. ${start}` : `from ${start}`);
  for (const event of union.events) {
    const year = yearOf(event.date);
    if (year !== null) parts.push(`${UNION_EVENT_ABBREVIATIONS[event.status]} ${year}`);
  }
  return parts.join(', ');
}

/** The box of a single line of text whose baseline middle is `anchor` (text-anchor: middle). */
export function textBoxAt(anchor: Point, text: string, fontSize: number): Rect {
  const half = estimatedTextWidth(text, fontSize) / 2;
  return {
    minX: anchor.x - half,
    minY: anchor.y - fontSize,
    maxX: anchor.x + half,
    maxY: anchor.y + fontSize * 0.25,
  };
}
