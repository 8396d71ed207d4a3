import {
  ECOMAP_KIND_LABELS,
  TIE_NOTATION,
  type Genogram,
  type GenogramLayout,
} from '@unitroom/shared';
import { useId, type ReactNode } from 'react';
import {
  childLinkKindLabel,
  connectedToLabel,
  directionLabel,
  formatPartialDate,
  genderLabel,
  ageOf,
  namesOf,
  personDetails,
  relationshipKindLabel,
  supportLabel,
  unionHistory,
  unionStatusLabel,
} from './describe';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import type { Selection } from './selection';

interface TextViewProps {
  genogram: Genogram;
  /** For reading order: generation by generation from the top, left to right within each. */
  layout: GenogramLayout;
  thisYear: number;
  level: HeadingLevel;
  /** Shows an edit button on every row; left out when the member may only read. */
  onEdit?: (selection: Selection) => void;
  id?: string;
}

/**
 * The genogram's text twin for screen readers (and anyone who prefers a table): every person,
 * partnership, relationship, household and ecomap tie, in tables with headings, in the same
 * words the canvas uses. Each row's edit button opens the same side panel as a click.
 */
export function TextView({ genogram, layout, thisYear, level, onEdit, id }: TextViewProps) {
  const headingId = useId();
  const nameOf = namesOf(genogram);
  const sub = below(level);
  const unions = new Map(genogram.unions.map((u) => [u.id as string, u]));
  const generation = new Map(layout.people.map((p) => [p.id as string, p.row + 1]));
  const readingOrder = new Map(
    layout.rows.flatMap((row) => row.people).map((personId, index) => [personId as string, index]),
  );
  const people = [...genogram.people].sort(
    (a, b) =>
      (readingOrder.get(a.id) ?? Infinity) - (readingOrder.get(b.id) ?? Infinity) ||
      (a.id < b.id ? -1 : 1),
  );
  const parentsOf = (personId: string) =>
    genogram.childLinks
      .filter((link) => link.child === personId)
      .map((link) => {
        const union = link.union === null ? undefined : unions.get(link.union);
        const parents = union
          ? `${nameOf(union.partnerA)} and ${nameOf(union.partnerB)}`
          : nameOf(link.parent ?? '');
        return link.kind === 'birth'
          ? parents
          : `${parents} (${childLinkKindLabel(link.kind).toLowerCase()})`;
      })
      .join('; ');
  const editCell = (selection: Selection, what: string) =>
    onEdit && (
      <td className="table__cell">
        <button type="button" className="link-button" onClick={() => onEdit(selection)}>
          Edit<span className="visually-hidden"> {what}</span>
        </button>
      </td>
    );
  const editHeader = onEdit && (
    <th scope="col" className="table__header">
      <span className="visually-hidden">Actions</span>
    </th>
  );

  return (
    <section
      id={id}
      className="genogram-text"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="genogram-text-view"
    >
      <Heading level={level} id={headingId} className="heading-m">
        Genogram as text
      </Heading>

      <Table
        level={sub}
        title="People"
        empty="Nobody is on the genogram yet."
        testId="genogram-text-people"
        head={
          <tr>
            {['Name', 'Generation', 'Gender', 'Born', 'Died', 'Age', 'Parents', 'Details'].map(
              (h) => (
                <th key={h} scope="col" className="table__header">
                  {h}
                </th>
              ),
            )}
            {editHeader}
          </tr>
        }
        rows={people.map((person) => (
          <tr key={person.id}>
            <th scope="row" className="table__header">
              {nameOf(person.id)}
            </th>
            <td className="table__cell">{generation.get(person.id) ?? ''}</td>
            <td className="table__cell">{genderLabel(person.gender)}</td>
            <td className="table__cell">{formatPartialDate(person.birthDate)}</td>
            <td className="table__cell">
              {formatPartialDate(person.deathDate) ||
                (person.deceased ? 'Yes, date not known' : '')}
            </td>
            <td className="table__cell">{ageOf(person, thisYear) ?? ''}</td>
            <td className="table__cell">{parentsOf(person.id)}</td>
            <td className="table__cell">{personDetails(person).join('. ')}</td>
            {editCell({ kind: 'person', id: person.id }, nameOf(person.id))}
          </tr>
        ))}
      />

      <Table
        level={sub}
        title="Partnerships"
        empty="No partnerships recorded."
        testId="genogram-text-partnerships"
        head={
          <tr>
            {['Partners', 'History', 'Now', 'Children'].map((h) => (
              <th key={h} scope="col" className="table__header">
                {h}
              </th>
            ))}
            {editHeader}
          </tr>
        }
        rows={genogram.unions.map((union) => {
          const partners = `${nameOf(union.partnerA)} and ${nameOf(union.partnerB)}`;
          return (
            <tr key={union.id}>
              <th scope="row" className="table__header">
                {partners}
              </th>
              <td className="table__cell">{unionHistory(union)}</td>
              <td className="table__cell">{unionStatusLabel(union)}</td>
              <td className="table__cell">
                {genogram.childLinks
                  .filter((link) => link.union === union.id)
                  .map((link) => nameOf(link.child))
                  .join(', ')}
              </td>
              {editCell({ kind: 'union', id: union.id }, `the partnership of ${partners}`)}
            </tr>
          );
        })}
      />

      <Table
        level={sub}
        title="Relationships"
        empty="No relationships recorded."
        testId="genogram-text-relationships"
        head={
          <tr>
            {['Between', 'Kind', 'Direction', 'Held by', 'Note'].map((h) => (
              <th key={h} scope="col" className="table__header">
                {h}
              </th>
            ))}
            {editHeader}
          </tr>
        }
        rows={genogram.relationships.map((relationship) => {
          const between = `${nameOf(relationship.a)} and ${nameOf(relationship.b)}`;
          return (
            <tr key={relationship.id}>
              <th scope="row" className="table__header">
                {between}
              </th>
              <td className="table__cell">{relationshipKindLabel(relationship)}</td>
              <td className="table__cell">{directionLabel(relationship, nameOf)}</td>
              <td className="table__cell">{relationship.heldBy}</td>
              <td className="table__cell">{relationship.note}</td>
              {editCell(
                { kind: 'relationship', id: relationship.id },
                `the relationship between ${between}`,
              )}
            </tr>
          );
        })}
      />

      <Table
        level={sub}
        title="Households"
        empty="No households recorded."
        testId="genogram-text-households"
        head={
          <tr>
            {['Household', 'Members', 'Since', 'Until'].map((h) => (
              <th key={h} scope="col" className="table__header">
                {h}
              </th>
            ))}
            {editHeader}
          </tr>
        }
        rows={genogram.households.map((household, index) => {
          const name = household.label || `Household ${index + 1}`;
          return (
            <tr key={household.id}>
              <th scope="row" className="table__header">
                {name}
              </th>
              <td className="table__cell">{household.members.map(nameOf).join(', ')}</td>
              <td className="table__cell">{formatPartialDate(household.since)}</td>
              <td className="table__cell">{formatPartialDate(household.until)}</td>
              {editCell({ kind: 'household', id: household.id }, name)}
            </tr>
          );
        })}
      />

      <Table
        level={sub}
        title="Ecomap"
        empty="No ecomap entries recorded."
        testId="genogram-text-ecomap"
        head={
          <tr>
            {['Entry', 'Kind', 'Tie', 'Support', 'With', 'Note'].map((h) => (
              <th key={h} scope="col" className="table__header">
                {h}
              </th>
            ))}
            {editHeader}
          </tr>
        }
        rows={genogram.ecomap.map((entry) => (
          <tr key={entry.id}>
            <th scope="row" className="table__header">
              {entry.label}
            </th>
            <td className="table__cell">{ECOMAP_KIND_LABELS[entry.kind]}</td>
            <td className="table__cell">{TIE_NOTATION[entry.tie].label}</td>
            <td className="table__cell">{supportLabel(entry)}</td>
            <td className="table__cell">{connectedToLabel(entry, nameOf)}</td>
            <td className="table__cell">{entry.note}</td>
            {editCell({ kind: 'ecomap', id: entry.id }, entry.label)}
          </tr>
        ))}
      />

      <Table
        level={sub}
        title="Parental responsibility and contact"
        empty="No parental responsibility or contact restrictions recorded."
        testId="genogram-text-legal"
        head={
          <tr>
            {['Person', 'Child', 'Recorded'].map((h) => (
              <th key={h} scope="col" className="table__header">
                {h}
              </th>
            ))}
          </tr>
        }
        rows={[
          ...genogram.parentalResponsibility.map((pr) => (
            <tr key={pr.id}>
              <th scope="row" className="table__header">
                {nameOf(pr.holder)}
              </th>
              <td className="table__cell">{nameOf(pr.child)}</td>
              <td className="table__cell">
                Holds parental responsibility{pr.basis ? ` (${pr.basis})` : ''}
              </td>
            </tr>
          )),
          ...genogram.contactRestrictions.map((restriction) => (
            <tr key={restriction.id}>
              <th scope="row" className="table__header">
                {nameOf(restriction.person)}
              </th>
              <td className="table__cell">
                {restriction.child === null ? 'Every child' : nameOf(restriction.child)}
              </td>
              <td className="table__cell">
                Contact restricted{restriction.note ? `: ${restriction.note}` : ''}
              </td>
            </tr>
          )),
        ]}
      />
    </section>
  );
}

function Table({
  level,
  title,
  empty,
  head,
  rows,
  testId,
}: {
  level: HeadingLevel;
  title: string;
  empty: string;
  head: ReactNode;
  rows: ReactNode[];
  testId: string;
}) {
  const headingId = useId();
  return (
    <>
      <Heading level={level} id={headingId} className="heading-s">
        {title}
      </Heading>
      {rows.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" aria-labelledby={headingId} data-testid={testId}>
            <thead>{head}</thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
