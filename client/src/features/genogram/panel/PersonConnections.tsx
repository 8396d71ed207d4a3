import {
  CHILD_LINK_KINDS,
  UNION_KIND_NOTATION,
  type ChildLinkId,
  type Genogram,
  type Person,
} from '@unitroom/shared';
import {
  childLinkKindLabel,
  ecomapSummary,
  namesOf,
  relationshipKindLabel,
  unionStatusLabel,
} from '../describe';
import { Heading, type HeadingLevel } from '../../../ui/Heading';
import type { Selection } from '../selection';
import { CommitSelect } from '../../../ui/CommitFields';
import { FieldList, type PanelProps } from './panelTypes';

const LINK_OPTIONS = CHILD_LINK_KINDS.map((k) => ({ value: k, label: childLinkKindLabel(k) }));

/** A button that looks like a link: it moves the panel, it does not leave the page. */
export function SelectButton({
  selection,
  onSelect,
  children,
}: {
  selection: Selection;
  onSelect(selection: Selection): void;
  children: string;
}) {
  return (
    <button type="button" className="link-button" onClick={() => onSelect(selection)}>
      {children}
    </button>
  );
}

/** Who a person hangs from, their partners, relationships, households and ecomap ties. */
export function PersonConnections({
  person,
  genogram,
  act,
  readOnly,
  level,
  onSelect,
}: PanelProps & { person: Person; genogram: Genogram; level: HeadingLevel }) {
  const nameOf = namesOf(genogram);
  const unions = new Map(genogram.unions.map((u) => [u.id as string, u]));
  const parentLinks = genogram.childLinks.filter((l) => l.child === person.id);
  const partnerships = genogram.unions.filter(
    (u) => u.partnerA === person.id || u.partnerB === person.id,
  );
  const relationships = genogram.relationships.filter(
    (r) => r.a === person.id || r.b === person.id,
  );
  const households = genogram.households.filter((h) => h.members.includes(person.id));
  const ties = genogram.ecomap.filter((e) => e.connectedTo.includes(person.id));

  return (
    <>
      <Heading level={level} className="heading-s">
        Family and ties
      </Heading>
      {parentLinks.length > 0 && (
        <FieldList readOnly={readOnly}>
          {parentLinks.map((link) => {
            const union = link.union === null ? undefined : unions.get(link.union);
            const parents = union
              ? `${nameOf(union.partnerA)} and ${nameOf(union.partnerB)}`
              : nameOf(link.parent ?? '');
            return (
              <CommitSelect
                key={link.id}
                label={`Child of ${parents}, as`}
                value={link.kind}
                options={LINK_OPTIONS}
                readOnly={readOnly}
                onCommit={(kind) =>
                  act(
                    (c) => c.updateChildLink(link.id as ChildLinkId, { kind }),
                    `Saved: ${childLinkKindLabel(kind).toLowerCase()} of ${parents}`,
                  )
                }
              />
            );
          })}
        </FieldList>
      )}
      <ul className="panel-links">
        {partnerships.map((union) => {
          const other = union.partnerA === person.id ? union.partnerB : union.partnerA;
          return (
            <li key={union.id}>
              <SelectButton selection={{ kind: 'union', id: union.id }} onSelect={onSelect}>
                {`Partner: ${nameOf(other)} (${UNION_KIND_NOTATION[union.kind].label.toLowerCase()}, ${unionStatusLabel(union).toLowerCase()})`}
              </SelectButton>
            </li>
          );
        })}
        {relationships.map((relationship) => {
          const other = relationship.a === person.id ? relationship.b : relationship.a;
          return (
            <li key={relationship.id}>
              <SelectButton
                selection={{ kind: 'relationship', id: relationship.id }}
                onSelect={onSelect}
              >
                {`Relationship: ${relationshipKindLabel(relationship).toLowerCase()} with ${nameOf(other)}`}
              </SelectButton>
            </li>
          );
        })}
        {households.map((household) => (
          <li key={household.id}>
            <SelectButton selection={{ kind: 'household', id: household.id }} onSelect={onSelect}>
              {`Household: ${household.label || household.members.map(nameOf).join(', ')}`}
            </SelectButton>
          </li>
        ))}
        {ties.map((entry) => (
          <li key={entry.id}>
            <SelectButton selection={{ kind: 'ecomap', id: entry.id }} onSelect={onSelect}>
              {`Ecomap: ${ecomapSummary(entry)}`}
            </SelectButton>
          </li>
        ))}
      </ul>
      {partnerships.length + relationships.length + households.length + ties.length === 0 && (
        <p className="hint">No partners, relationships, households or ecomap ties yet.</p>
      )}
    </>
  );
}
