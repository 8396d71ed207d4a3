import {
  DIRECTIONS,
  RELATIONSHIP_KINDS,
  RELATIONSHIP_NOTATION,
  type Direction,
  type PersonId,
  type RelationshipKind,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { DIRECTION_LABELS, namesOf } from '../describe';
import {
  FieldGroup,
  SelectControl,
  describedBy,
  firstPersonOf,
  peopleOptions,
  type SummaryError,
} from '../../../ui/fields';
import { Dialog } from '../../../ui/Dialog';
import type { GenogramDialogProps } from './PersonDialog';

const KIND_OPTIONS = RELATIONSHIP_KINDS.map((k) => ({
  value: k,
  label: RELATIONSHIP_NOTATION[k].label,
}));

/** An emotional relationship from the selected person to someone else on the genogram. */
export function RelationshipDialog({
  personId,
  genogram,
  editor,
  onDone,
  onCancel,
}: GenogramDialogProps & { personId: string }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const others = genogram.people.filter((p) => p.id !== personId);
  const otherOptions = peopleOptions(
    genogram,
    others.map((p) => ({ id: p.id, label: nameOf(p.id) })),
  );
  const [other, setOther] = useState<string>(firstPersonOf(otherOptions));
  const [kind, setKind] = useState<RelationshipKind>('close');
  const [direction, setDirection] = useState<Direction>('none');
  const [heldBy, setHeldBy] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const me = nameOf(personId);
  const them = other ? nameOf(other) : 'the other person';
  const heldById = `${id}-held-by`;
  const heldByHint = 'Whose view this is: "the unit", "Mum", "school". Families may disagree.';

  const submit = () => {
    if (!other) {
      setErrors([{ fieldId: `${id}-other`, message: 'Add someone else to the genogram first' }]);
      return;
    }
    const outcome = editor.perform((commands) =>
      commands.addRelationship({
        a: personId as PersonId,
        b: other as PersonId,
        kind,
        direction,
        heldBy: heldBy.trim(),
      }),
    );
    if (outcome.ok)
      onDone({
        focus: personId,
        message: `Added a relationship: ${RELATIONSHIP_NOTATION[kind].label.toLowerCase()}, ${me} and ${them}`,
      });
    else setErrors([{ fieldId: null, message: outcome.message }]);
  };

  return (
    <Dialog
      title={`Add a relationship of ${me}`}
      submitLabel="Add relationship"
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {others.length === 0 ? (
        <p id={`${id}-other`} className="hint" tabIndex={-1}>
          Nobody else is on the genogram yet: add them first.
        </p>
      ) : (
        <FieldGroup id={`${id}-other`} label="With">
          <SelectControl
            id={`${id}-other`}
            value={other}
            options={otherOptions}
            onChange={setOther}
            autoFocus
          />
        </FieldGroup>
      )}
      <FieldGroup id={`${id}-kind`} label="Kind of relationship">
        <SelectControl id={`${id}-kind`} value={kind} options={KIND_OPTIONS} onChange={setKind} />
      </FieldGroup>
      <FieldGroup
        id={`${id}-direction`}
        label="Direction"
        hint="Where it matters: abuse, neglect, focused on."
      >
        <SelectControl
          id={`${id}-direction`}
          value={direction}
          options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d](me, them) }))}
          onChange={setDirection}
          hint="Where it matters: abuse, neglect, focused on."
        />
      </FieldGroup>
      <FieldGroup id={heldById} label="Held by (optional)" hint={heldByHint}>
        <input
          id={heldById}
          className="input"
          type="text"
          autoComplete="off"
          value={heldBy}
          maxLength={200}
          aria-describedby={describedBy(heldById, heldByHint)}
          onChange={(event) => setHeldBy(event.target.value)}
        />
      </FieldGroup>
    </Dialog>
  );
}
