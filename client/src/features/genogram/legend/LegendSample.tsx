import {
  LEGAL_NOTATION,
  NOTATION_COLOURS,
  STROKE_DASHES,
  type LegendSample as Sample,
} from '@unitroom/shared';
import { Badge } from '../canvas/Badge';
import { PersonSymbol } from '../canvas/PersonSymbol';
import { StyledLine } from '../canvas/StyledLine';

/** Every sample is drawn in a box this size, in layout units, at its origin. */
export const SAMPLE_WIDTH = 48;
export const SAMPLE_HEIGHT = 24;
const INK = NOTATION_COLOURS.ink;

/** One legend entry's picture, drawn by the same code as the canvas so the two always agree. */
export function LegendSample({ sample }: { sample: Sample }) {
  const midY = SAMPLE_HEIGHT / 2;
  switch (sample.type) {
    case 'glyph': {
      const size = sample.glyph.size === 'full' ? 20 : 12;
      const minX = SAMPLE_WIDTH / 2 - size / 2;
      const minY = midY - size / 2;
      return (
        <PersonSymbol
          glyph={sample.glyph}
          box={{ minX, minY, maxX: minX + size, maxY: minY + size }}
          age={null}
        />
      );
    }
    case 'line': {
      const atFamily = sample.arrowAt === 'family' || sample.arrowAt === 'both';
      const atEntry = sample.arrowAt === 'entry' || sample.arrowAt === 'both';
      return (
        <>
          <StyledLine
            points={[
              { x: 2, y: sample.tag ? midY + 5 : midY },
              { x: SAMPLE_WIDTH - 2, y: sample.tag ? midY + 5 : midY },
            ]}
            style={sample.line}
            // Ecomap ties run from the entry (left) to the family (right).
            arrowAtEnd={atFamily}
            arrowAtStart={atEntry}
          />
          {sample.tag && (
            <text x={SAMPLE_WIDTH / 2} y={midY} textAnchor="middle" fontSize={10} fill={INK}>
              {sample.tag}
            </text>
          )}
        </>
      );
    }
    case 'twins': {
      const apex = { x: SAMPLE_WIDTH / 2, y: 2 };
      const left = { x: SAMPLE_WIDTH / 2 - 12, y: SAMPLE_HEIGHT - 2 };
      const right = { x: SAMPLE_WIDTH / 2 + 12, y: SAMPLE_HEIGHT - 2 };
      return (
        <>
          <path
            d={`M${left.x} ${left.y} L${apex.x} ${apex.y} L${right.x} ${right.y}`}
            stroke={INK}
            strokeWidth={1.5}
            fill="none"
          />
          {sample.identicalBar && (
            <line
              x1={(left.x + apex.x) / 2}
              y1={midY + 1}
              x2={(right.x + apex.x) / 2}
              y2={midY + 1}
              stroke={INK}
              strokeWidth={1.5}
            />
          )}
        </>
      );
    }
    case 'boundary':
      return (
        <rect
          x={4}
          y={3}
          width={SAMPLE_WIDTH - 8}
          height={SAMPLE_HEIGHT - 6}
          rx={7}
          fill="none"
          stroke={sample.boundary.colour}
          strokeWidth={sample.boundary.width}
          strokeDasharray={STROKE_DASHES[sample.boundary.pattern].join(' ')}
        />
      );
    case 'badge':
      return (
        <Badge
          at={{ x: SAMPLE_WIDTH / 2, y: midY }}
          kind={sample.badge === LEGAL_NOTATION.parentalResponsibility.badge ? 'pr' : 'restriction'}
        />
      );
  }
}
