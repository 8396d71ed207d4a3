import {
  DIRECTIONS,
  RELATIONSHIP_KINDS,
  RELATIONSHIP_NOTATION,
  type Genogram,
  type Relationship,
  type RelationshipId,
  type RelationshipPatch,
} from '@unitroom/shared';
import { DIRECTION_LABELS, namesOf } from '../describe';
import { CommitSelect, CommitText } from '../../../ui/CommitFields';
import { SelectButton } from './PersonConnections';
import { FieldList, type PanelProps } from './panelTypes';

const KIND_OPTIONS = RELATIONSHIP_KINDS.map((k) => ({
  value: k,
  label: RELATIONSHIP_NOTATION[k].label,
}));

/** An emotional relationship: its kind, direction, and whose view it is. */
export function RelationshipPanel({
  relationship,
  genogram,
  act,
  readOnly,
  onSelect,
}: PanelProps & { relationship: Relationship; genogram: Genogram }) {
  const nameOf = namesOf(genogram);
  const a = nameOf(relationship.a);
  const b = nameOf(relationship.b);
  const save = (patch: RelationshipPatch, what: string) =>
    act(
      (c) => c.updateRelationship(relationship.id as RelationshipId, patch),
      `Saved ${what} of the relationship between ${a} and ${b}`,
    );
  return (
    <>
      <ul className="panel-links">
        <li>
          <SelectButton selection={{ kind: 'person', id: relationship.a }} onSelect={onSelect}>
            {`Between ${a}`}
          </SelectButton>
        </li>
        <li>
          <SelectButton selection={{ kind: 'person', id: relationship.b }} onSelect={onSelect}>
            {`and ${b}`}
          </SelectButton>
        </li>
      </ul>
      <FieldList readOnly={readOnly}>
        <CommitSelect
          label="Kind of relationship"
          value={relationship.kind}
          options={KIND_OPTIONS}
          readOnly={readOnly}
          onCommit={(kind) => save({ kind }, 'the kind')}
        />
        <CommitSelect
          label="Direction"
          hint="Where it matters: abuse, neglect, focused on."
          value={relationship.direction}
          options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d](a, b) }))}
          readOnly={readOnly}
          onCommit={(direction) => save({ direction }, 'the direction')}
        />
        <CommitText
          label="Held by"
          hint={'Whose view this is: "the unit", "Mum", "school".'}
          value={relationship.heldBy}
          readOnly={readOnly}
          onCommit={(text) =>
            save({ heldBy: text.trim() }, 'whose view it is') ? null : 'Not saved'
          }
        />
        <CommitText
          label="Note"
          multiline
          value={relationship.note}
          readOnly={readOnly}
          onCommit={(text) => (save({ note: text }, 'the note') ? null : 'Not saved')}
        />
      </FieldList>
    </>
  );
}
