import {
  CHILD_LINK_NOTATION,
  HOUSEHOLD_NOTATION,
  LEGAL_NOTATION,
  NOTATION_COLOURS,
  RELATIONSHIP_NOTATION,
  STROKE_DASHES,
  TIE_NOTATION,
  UNION_KIND_NOTATION,
  type Genogram,
  type GenogramLayout,
  type Person,
  type PersonLayout,
  type Point,
} from '@unitroom/shared';
import { Fragment, type ReactNode } from 'react';
import { ageOf, lifeDatesLabel, personName, wrapText, wrapWhole } from '../describe';
import type { Selection } from '../selection';
import { crossbar, pathOf, quadraticPoints, roundedPolygonPath } from './linePaths';
import { Badge } from './Badge';
import { PersonSymbol } from './PersonSymbol';
import { StyledLine } from './StyledLine';

const INK = NOTATION_COLOURS.ink;
const FONT_SIZE = 12;
/** Three lines of label fit `units.labelHeight` (36). */
const LINE_HEIGHT = 12;
/** About how many characters of the label font fit `units.labelWidth` (84). */
const LABEL_CHARS = 13;
const HIGHLIGHT = '#1d70b8';

export interface GenogramDrawingProps {
  layout: GenogramLayout;
  genogram: Genogram;
  thisYear: number;
  /** Wraps each person's symbol and label: the canvas makes them focusable, an export does not. */
  wrapPerson?: (person: PersonLayout, content: ReactNode) => ReactNode;
  /** Clicking a line or boundary selects it; left out for exports. */
  onSelect?: (selection: Selection) => void;
  /** The selected line, boundary or entry, drawn with a highlight behind it. */
  highlighted?: string | null;
  /**
   * Names drawn whole over as many lines as they need rather than cut with "…": a downloaded
   * picture is read away from the genogram's panel and text view ([X4]).
   */
  wholeNames?: boolean;
}

/**
 * The genogram picture from its layout (shared/src/genogram/layoutTypes.ts), back to front:
 * households, ecomap ties, sibling bars, child links, unions, relationships, legal connectors,
 * ecomap entries, people and their labels, legal badges. Presentation attributes only, so the
 * markup stands alone as an exported SVG file.
 */
export function GenogramDrawing({
  layout,
  genogram,
  thisYear,
  wrapPerson,
  onSelect,
  highlighted = null,
  wholeNames = false,
}: GenogramDrawingProps) {
  const people = new Map(genogram.people.map((p) => [p.id as string, p]));
  const ecomap = new Map(genogram.ecomap.map((e) => [e.id as string, e]));
  const households = new Map(genogram.households.map((h) => [h.id as string, h]));

  const hitArea = (d: string, selection: Selection) =>
    onSelect && (
      <path
        d={d}
        stroke="transparent"
        strokeWidth={14}
        fill="none"
        pointerEvents="stroke"
        className="genogram-hit"
        onClick={() => onSelect(selection)}
      />
    );
  const highlight = (id: string, d: string) =>
    highlighted === id && (
      <path d={d} stroke={HIGHLIGHT} strokeOpacity={0.35} strokeWidth={12} fill="none" />
    );

  return (
    <g className="genogram-drawing">
      <g aria-hidden="true">
        {layout.households.map((household) => {
          // The outline, and inner boundaries around anyone standing inside it who lives elsewhere.
          const d = [household.outline, ...household.holes]
            .map((loop) => roundedPolygonPath(loop, HOUSEHOLD_NOTATION.boundary.cornerRadius))
            .join(' ');
          const label = households.get(household.id)?.label.trim();
          return (
            <g key={household.id} data-testid="genogram-household" data-household-id={household.id}>
              {highlight(household.id, d)}
              <path
                d={d}
                fill="none"
                stroke={HOUSEHOLD_NOTATION.boundary.colour}
                strokeWidth={HOUSEHOLD_NOTATION.boundary.width}
                strokeDasharray={STROKE_DASHES[HOUSEHOLD_NOTATION.boundary.pattern].join(' ')}
              />
              {hitArea(d, { kind: 'household', id: household.id })}
              {label && (
                <text
                  x={household.labelAt.x}
                  y={household.labelAt.y}
                  fontSize={11}
                  fill={HOUSEHOLD_NOTATION.boundary.colour}
                >
                  {label}
                </text>
              )}
            </g>
          );
        })}

        {layout.ecomap.entries.map((entry) =>
          entry.ties.map((tie) => {
            const style = TIE_NOTATION[entry.tie].line;
            return (
              <g key={`${entry.id}:${tie.person ?? 'family'}`} data-testid="genogram-ecomap-tie">
                <StyledLine
                  points={tie.path}
                  style={style}
                  arrowAtEnd={entry.support === 'to_family' || entry.support === 'both'}
                  arrowAtStart={entry.support === 'from_family' || entry.support === 'both'}
                />
              </g>
            );
          }),
        )}

        {layout.siblingGroups.map((group) => (
          <path
            key={group.source}
            d={`${pathOf(group.stem)} ${pathOf(group.bar)}`}
            stroke={INK}
            strokeWidth={1.5}
            fill="none"
          />
        ))}

        {layout.childLinks.map((link) => (
          <g
            key={link.id}
            data-testid="genogram-child-link"
            data-kind={link.kind}
            data-child-id={link.child}
          >
            <StyledLine points={link.path} style={CHILD_LINK_NOTATION[link.kind].line} />
          </g>
        ))}

        {layout.twins.map(
          (twin) =>
            twin.identicalBar && (
              <path
                key={`${twin.group}:${twin.source}`}
                d={pathOf(twin.identicalBar)}
                stroke={INK}
                strokeWidth={1.5}
              />
            ),
        )}

        {layout.unions.map((union) => {
          const d = pathOf(union.path);
          const dates = union.dates;
          return (
            <g
              key={union.id}
              data-testid="genogram-union"
              data-union-id={union.id}
              data-kind={union.kind}
              data-status={union.status}
              data-partners={`${union.partnerA} ${union.partnerB}`}
            >
              {highlight(union.id, d)}
              <StyledLine points={union.path} style={UNION_KIND_NOTATION[union.kind].line} />
              {union.statusMarks && <StatusSlashes {...union.statusMarks} />}
              {dates && (
                <text
                  x={union.dateLabel.x}
                  y={union.dateLabel.y}
                  textAnchor="middle"
                  fontSize={11}
                  fill={INK}
                >
                  {dates}
                </text>
              )}
              {hitArea(d, { kind: 'union', id: union.id })}
            </g>
          );
        })}

        {layout.relationships.map((relationship) => {
          // A bent line is drawn from its control point, finer than the layout samples it; a
          // straight or routed one is its path.
          const points = relationship.control
            ? quadraticPoints(relationship.from, relationship.control, relationship.to)
            : relationship.path;
          const style = RELATIONSHIP_NOTATION[relationship.kind].line;
          const byDirection = style.arrows === 'by_direction';
          const d = pathOf(points);
          return (
            <g
              key={relationship.id}
              data-testid="genogram-relationship"
              data-relationship-id={relationship.id}
              data-kind={relationship.kind}
              data-direction={relationship.direction}
              data-people={`${relationship.a} ${relationship.b}`}
            >
              {highlight(relationship.id, d)}
              <StyledLine
                points={points}
                style={style}
                arrowAtEnd={
                  byDirection &&
                  (relationship.direction === 'a_to_b' || relationship.direction === 'both')
                }
                arrowAtStart={
                  byDirection &&
                  (relationship.direction === 'b_to_a' || relationship.direction === 'both')
                }
              />
              {hitArea(d, { kind: 'relationship', id: relationship.id })}
            </g>
          );
        })}

        {layout.parentalResponsibility.flatMap((pr) =>
          pr.entries.map((entry) => (
            <StyledLine
              key={entry.id}
              points={entry.connector}
              style={LEGAL_NOTATION.parentalResponsibility.badge.connector}
            />
          )),
        )}
        {layout.contactRestrictions.flatMap((restriction) =>
          restriction.entries.map(
            (entry) =>
              entry.connector && (
                <StyledLine
                  key={entry.id}
                  points={entry.connector}
                  style={LEGAL_NOTATION.contactRestriction.badge.connector}
                />
              ),
          ),
        )}

        {layout.ecomap.entries.map((entry) => {
          const model = ecomap.get(entry.id);
          const lines = wrapText(model?.label || 'Ecomap entry', 9, 3);
          const circle = `M${entry.centre.x - entry.radius} ${entry.centre.y} a${entry.radius} ${entry.radius} 0 1 0 ${entry.radius * 2} 0 a${entry.radius} ${entry.radius} 0 1 0 ${-entry.radius * 2} 0`;
          return (
            <g
              key={entry.id}
              data-testid="genogram-ecomap-entry"
              data-ecomap-id={entry.id}
              data-tie={entry.tie}
            >
              {highlight(entry.id, circle)}
              <circle
                cx={entry.centre.x}
                cy={entry.centre.y}
                r={entry.radius}
                fill="#ffffff"
                stroke={INK}
                strokeWidth={1.5}
              />
              <text textAnchor="middle" fontSize={10} fill={INK}>
                {lines.map((line, i) => (
                  <tspan
                    key={i}
                    x={entry.centre.x}
                    y={entry.centre.y + 4 + (i - (lines.length - 1) / 2) * 11}
                  >
                    {line}
                  </tspan>
                ))}
              </text>
              {onSelect && (
                <circle
                  cx={entry.centre.x}
                  cy={entry.centre.y}
                  r={entry.radius}
                  fill="transparent"
                  className="genogram-hit"
                  onClick={() => onSelect({ kind: 'ecomap', id: entry.id })}
                />
              )}
            </g>
          );
        })}
      </g>

      {layout.people.map((personLayout) => {
        const person = people.get(personLayout.id);
        if (!person) return null;
        const content = (
          <>
            <PersonSymbol
              glyph={personLayout.glyph}
              box={personLayout.box}
              age={ageOf(person, thisYear)}
            />
            <PersonLabel person={person} at={personLayout.label} wholeNames={wholeNames} />
          </>
        );
        return (
          <Fragment key={personLayout.id}>
            {wrapPerson ? wrapPerson(personLayout, content) : content}
          </Fragment>
        );
      })}

      <g aria-hidden="true">
        {layout.parentalResponsibility.map((pr) => (
          <Badge key={pr.holder} at={pr.badge} kind="pr" />
        ))}
        {layout.contactRestrictions.map((restriction) => (
          <Badge key={restriction.person} at={restriction.badge} kind="restriction" />
        ))}
      </g>
    </g>
  );
}

function StatusSlashes({ at, slashes }: { at: Point; slashes: 1 | 2 }) {
  const offsets = slashes === 1 ? [0] : [-4, 4];
  return (
    <>
      {offsets.map((dx) => {
        const [a, b] = crossbar({ x: at.x + dx, y: at.y }, { x: 1, y: 0 }, 16, Math.PI / 6);
        return <line key={dx} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={INK} strokeWidth={1.5} />;
      })}
    </>
  );
}

/** Lines under a person's symbol: the name, whole or cut to the label's three lines, then dates. */
export function personLabelLines(
  person: Person,
  wholeNames: boolean,
): { text: string; bold: boolean }[] {
  const dates = lifeDatesLabel(person);
  const nameLines = !person.name.trim()
    ? []
    : wholeNames
      ? wrapWhole(personName(person), LABEL_CHARS)
      : wrapText(personName(person), LABEL_CHARS, dates ? 2 : 3);
  return [
    ...nameLines.map((text) => ({ text, bold: true })),
    ...(dates ? [{ text: dates, bold: false }] : []),
  ];
}

/** How far below the layout's label box whole names reach, in layout units (0 if none do). */
export function labelOverflow(genogram: Genogram): number {
  const most = Math.max(0, ...genogram.people.map((p) => personLabelLines(p, true).length));
  return Math.max(0, most - 3) * LINE_HEIGHT;
}

function PersonLabel({
  person,
  at,
  wholeNames,
}: {
  person: Person;
  at: Point;
  wholeNames: boolean;
}) {
  const lines = personLabelLines(person, wholeNames);
  if (lines.length === 0) return null;
  return (
    <text textAnchor="middle" fontSize={FONT_SIZE} fill={INK}>
      {lines.map((line, i) => (
        <tspan
          key={i}
          x={at.x}
          y={at.y + FONT_SIZE - 2 + i * LINE_HEIGHT}
          fontWeight={line.bold ? 700 : 400}
        >
          {line.text}
        </tspan>
      ))}
    </text>
  );
}
