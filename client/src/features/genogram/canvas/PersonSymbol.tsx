import { NOTATION_COLOURS, type PersonGlyph, type Rect } from '@unitroom/shared';
import type { ReactNode } from 'react';

const INK = NOTATION_COLOURS.ink;
/** A child of concern's second outline sits this far inside the first. */
const DOUBLE_INSET = 4;
/** The deceased X reaches a little past the symbol, as in the books, so it reads at small sizes. */
const CROSS_OVERHANG = 4;

interface ShapeProps {
  glyph: PersonGlyph;
  box: Rect;
  inset?: number;
  fill: string;
}

function Shape({ glyph, box, inset = 0, fill }: ShapeProps) {
  const minX = box.minX + inset;
  const minY = box.minY + inset;
  const maxX = box.maxX - inset;
  const maxY = box.maxY - inset;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const common = { fill, stroke: INK, strokeWidth: 2 };
  switch (glyph.shape) {
    case 'square':
      return <rect x={minX} y={minY} width={maxX - minX} height={maxY - minY} {...common} />;
    case 'circle':
    case 'dot':
      return <circle cx={cx} cy={cy} r={(maxX - minX) / 2} {...common} />;
    case 'diamond':
      return (
        <polygon points={`${cx},${minY} ${maxX},${cy} ${cx},${maxY} ${minX},${cy}`} {...common} />
      );
    case 'triangle':
      return <polygon points={`${cx},${minY} ${maxX},${maxY} ${minX},${maxY}`} {...common} />;
    case 'cross':
      return (
        <path
          d={`M${minX} ${minY} L${maxX} ${maxY} M${maxX} ${minY} L${minX} ${maxY}`}
          stroke={INK}
          strokeWidth={2.5}
          fill="none"
        />
      );
  }
}

/**
 * A person's symbol per notation.ts `PersonGlyph`: shape by gender or pregnancy outcome, an X for
 * a death or stillbirth, a second outline for a child of concern, the age inside.
 */
export function PersonSymbol({
  glyph,
  box,
  age,
}: {
  glyph: PersonGlyph;
  box: Rect;
  age: number | null;
}): ReactNode {
  const fill = glyph.filled ? INK : '#ffffff';
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  const showAge = age !== null && glyph.size === 'full' && !glyph.filled && glyph.shape !== 'cross';
  return (
    <>
      <Shape glyph={glyph} box={box} fill={fill} />
      {glyph.doubleOutline && glyph.shape !== 'cross' && (
        <Shape glyph={glyph} box={box} inset={DOUBLE_INSET} fill="none" />
      )}
      {glyph.crossed && (
        <path
          d={`M${box.minX - CROSS_OVERHANG} ${box.minY - CROSS_OVERHANG} L${box.maxX + CROSS_OVERHANG} ${box.maxY + CROSS_OVERHANG} M${box.maxX + CROSS_OVERHANG} ${box.minY - CROSS_OVERHANG} L${box.minX - CROSS_OVERHANG} ${box.maxY + CROSS_OVERHANG}`}
          stroke={INK}
          strokeWidth={2}
          fill="none"
        />
      )}
      {showAge && (
        <text x={cx} y={cy + 5} textAnchor="middle" fontSize={14} fontWeight={700} fill={INK}>
          {age}
        </text>
      )}
    </>
  );
}
