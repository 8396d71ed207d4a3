import { NOTATION_COLOURS, type LegendEntry } from '@unitroom/shared';
import { useId } from 'react';
import { Heading, type HeadingLevel } from '../../../ui/Heading';
import { LegendSample, SAMPLE_HEIGHT, SAMPLE_WIDTH } from './LegendSample';

/** The key beside the canvas: only the symbols this genogram uses (`symbolsInUse`). */
export function Legend({ entries, level }: { entries: LegendEntry[]; level: HeadingLevel }) {
  const headingId = useId();
  return (
    <section className="genogram-legend" aria-labelledby={headingId} data-testid="genogram-legend">
      <Heading level={level} id={headingId} className="heading-s">
        Key
      </Heading>
      {entries.length === 0 ? (
        <p className="hint">The key lists the symbols once the genogram uses any.</p>
      ) : (
        <ul className="genogram-legend__list">
          {entries.map((entry) => (
            <li key={entry.key} className="genogram-legend__item" data-legend-key={entry.key}>
              <svg
                width={SAMPLE_WIDTH}
                height={SAMPLE_HEIGHT}
                viewBox={`0 0 ${SAMPLE_WIDTH} ${SAMPLE_HEIGHT}`}
                aria-hidden="true"
                focusable="false"
              >
                <LegendSample sample={entry.sample} />
              </svg>
              <span>{entry.label}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ROW_HEIGHT = 30;
const TITLE_HEIGHT = 30;
const LABEL_X = SAMPLE_WIDTH + 10;
/** Generous for Arial at 12 units, so long labels are never cut off in the exported file. */
const CHAR_WIDTH = 7;

export function legendSize(entries: readonly LegendEntry[]): { width: number; height: number } {
  const longest = Math.max(3, ...entries.map((entry) => entry.label.length));
  return {
    width: LABEL_X + longest * CHAR_WIDTH + 8,
    height: TITLE_HEIGHT + entries.length * ROW_HEIGHT,
  };
}

/** The same key as SVG, for exported files: a picture without its key is not readable. */
export function LegendGroup({ entries, x, y }: { entries: LegendEntry[]; x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <text x={0} y={16} fontSize={15} fontWeight={700} fill={NOTATION_COLOURS.ink}>
        Key
      </text>
      {entries.map((entry, i) => (
        <g key={entry.key} transform={`translate(0 ${TITLE_HEIGHT + i * ROW_HEIGHT})`}>
          <LegendSample sample={entry.sample} />
          <text x={LABEL_X} y={SAMPLE_HEIGHT / 2 + 4} fontSize={12} fill={NOTATION_COLOURS.ink}>
            {entry.label}
          </text>
        </g>
      ))}
    </g>
  );
}
