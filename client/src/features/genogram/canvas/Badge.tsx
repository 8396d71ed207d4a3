import { LEGAL_NOTATION, type Point } from '@unitroom/shared';

const BADGE_RADIUS = 9;

/** PR and contact-restriction markers: a ringed "PR", and a ringed bar ("no entry"). */
export function Badge({ at, kind }: { at: Point; kind: 'pr' | 'restriction' }) {
  const style =
    kind === 'pr'
      ? LEGAL_NOTATION.parentalResponsibility.badge
      : LEGAL_NOTATION.contactRestriction.badge;
  return (
    <g data-testid={kind === 'pr' ? 'genogram-pr-badge' : 'genogram-restriction-badge'}>
      <circle
        cx={at.x}
        cy={at.y}
        r={BADGE_RADIUS}
        fill="#ffffff"
        stroke={style.colour}
        strokeWidth={1.5}
      />
      {kind === 'pr' ? (
        <text
          x={at.x}
          y={at.y + 3.5}
          textAnchor="middle"
          fontSize={9}
          fontWeight={700}
          fill={style.colour}
        >
          {style.text}
        </text>
      ) : (
        <line
          x1={at.x - 5}
          y1={at.y + 5}
          x2={at.x + 5}
          y2={at.y - 5}
          stroke={style.colour}
          strokeWidth={2}
        />
      )}
    </g>
  );
}
