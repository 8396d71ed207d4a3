import { PARALLEL_GAP, STROKE_DASHES, type LineStyle, type Point } from '@unitroom/shared';
import type { ReactNode } from 'react';
import {
  arrowHead,
  crossbar,
  endDirections,
  lengthOf,
  offsetPoints,
  pathOf,
  pointAlong,
  splitAtMiddle,
  zigzagPoints,
} from './linePaths';

export interface StyledLineProps {
  /** The line's course; a straight line is two points. */
  points: readonly Point[];
  style: LineStyle;
  arrowAtStart?: boolean;
  arrowAtEnd?: boolean;
}

/** Gap cut out of a cut-off line, between its two bars, in layout units. */
const BREAK_GAP = 6;
const MARK_LENGTH = 14;
const HATCH_SPACING = 9;

/**
 * One line in a notation style (notation.ts `LineStyle`): its pattern, parallel strokes, zigzag,
 * marks across the middle and arrowheads, all drawn with presentation attributes so the same
 * markup exports as a standalone SVG file without a stylesheet.
 */
export function StyledLine({
  points,
  style,
  arrowAtStart = false,
  arrowAtEnd = false,
}: StyledLineProps) {
  const dashes = STROKE_DASHES[style.pattern].join(' ') || undefined;
  const stroke = {
    stroke: style.colour,
    strokeWidth: style.width,
    strokeDasharray: dashes,
    fill: 'none',
    strokeLinejoin: 'round' as const,
  };
  const broken = style.marks === 'break' || style.marks === 'break_repaired';
  const strands: Point[][] = [];
  for (let i = 0; i < style.parallel; i += 1) {
    const offset = (i - (style.parallel - 1) / 2) * PARALLEL_GAP;
    let strand = offsetPoints(points, offset);
    if (style.zigzag) strand = zigzagPoints(strand);
    if (broken) strands.push(...splitAtMiddle(strand, BREAK_GAP));
    else strands.push(strand);
  }
  const total = lengthOf(points);
  const middle = pointAlong(points, total / 2);
  const ends = endDirections(points);
  const marks: ReactNode[] = [];
  const bar = (key: string, [a, b]: [Point, Point], width = style.width) =>
    marks.push(
      <line
        key={key}
        x1={a.x}
        y1={a.y}
        x2={b.x}
        y2={b.y}
        stroke={style.colour}
        strokeWidth={width}
      />,
    );
  const along = (d: number) => ({
    x: middle.point.x + middle.direction.x * d,
    y: middle.point.y + middle.direction.y * d,
  });

  switch (style.marks) {
    case 'one_slash':
      bar('slash', crossbar(middle.point, middle.direction, MARK_LENGTH, Math.PI / 6));
      break;
    case 'two_slashes':
      bar('slash-1', crossbar(along(-3), middle.direction, MARK_LENGTH, Math.PI / 6));
      bar('slash-2', crossbar(along(3), middle.direction, MARK_LENGTH, Math.PI / 6));
      break;
    case 'break_repaired':
      marks.push(
        <circle
          key="repair"
          cx={middle.point.x}
          cy={middle.point.y}
          r={9}
          fill="#ffffff"
          stroke={style.colour}
          strokeWidth={1.5}
        />,
      );
      bar('break-1', crossbar(along(-BREAK_GAP / 2), middle.direction, 10));
      bar('break-2', crossbar(along(BREAK_GAP / 2), middle.direction, 10));
      break;
    case 'break':
      bar('break-1', crossbar(along(-BREAK_GAP / 2), middle.direction, MARK_LENGTH));
      bar('break-2', crossbar(along(BREAK_GAP / 2), middle.direction, MARK_LENGTH));
      break;
    case 'hatched':
      for (let at = HATCH_SPACING; at < total - HATCH_SPACING; at += HATCH_SPACING) {
        const { point, direction } = pointAlong(points, at);
        bar(`hatch-${at}`, crossbar(point, direction, 9, Math.PI / 5), 1.5);
      }
      break;
    case 'none':
      break;
  }

  return (
    <>
      {strands.map((strand, i) => (
        <path key={i} d={pathOf(strand)} {...stroke} />
      ))}
      {marks}
      {arrowAtStart && points[0] && (
        <path d={arrowHead(points[0], ends.start)} fill={style.colour} stroke="none" />
      )}
      {arrowAtEnd && points.at(-1) && (
        <path d={arrowHead(points.at(-1)!, ends.end)} fill={style.colour} stroke="none" />
      )}
    </>
  );
}
