import {
  ECOMAP_KINDS,
  ECOMAP_KIND_LABELS,
  SUPPORT_FLOWS,
  SUPPORT_NOTATION,
  TIE_NOTATION,
  TIE_STRENGTHS,
  type EcomapKind,
  type PersonId,
  type SupportFlow,
  type TieStrength,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { namesOf } from '../describe';
import {
  FieldGroup,
  PeopleCheckboxes,
  SelectControl,
  describedBy,
  toggled,
  type SummaryError,
} from '../../../ui/fields';
import { Dialog } from '../../../ui/Dialog';
import type { GenogramDialogProps } from './PersonDialog';

export const ECOMAP_KIND_OPTIONS = ECOMAP_KINDS.map((k) => ({
  value: k,
  label: ECOMAP_KIND_LABELS[k],
}));
export const TIE_OPTIONS = TIE_STRENGTHS.map((t) => ({ value: t, label: TIE_NOTATION[t].label }));
export const SUPPORT_OPTIONS = SUPPORT_FLOWS.map((s) => ({
  value: s,
  label: SUPPORT_NOTATION[s].label,
}));

/** A tie with the family's wider world: a school, the GP, friends, another agency. */
export function EcomapDialog({
  personId,
  genogram,
  editor,
  onDone,
  onCancel,
}: GenogramDialogProps & { personId: string | null }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<EcomapKind>('school');
  const [tie, setTie] = useState<TieStrength>('strong');
  const [support, setSupport] = useState<SupportFlow>('none');
  const [connected, setConnected] = useState<ReadonlySet<string>>(
    () => new Set(personId ? [personId] : []),
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const labelId = `${id}-label`;
  const labelHint = 'For example "Hillside Primary School" or "Dr Shah (GP)".';
  const labelError = errors.find((e) => e.fieldId === labelId)?.message ?? null;

  const submit = () => {
    if (!label.trim()) {
      setErrors([{ fieldId: labelId, message: 'Enter who or what the tie is with' }]);
      return;
    }
    const connectedTo = genogram.people
      .filter((p) => connected.has(p.id))
      .map((p) => p.id as PersonId);
    const outcome = editor.perform((commands) =>
      commands.addEcomapEntry({ label: label.trim(), kind, tie, support, connectedTo }),
    );
    if (outcome.ok) onDone({ focus: personId, message: `Added ${label.trim()} to the ecomap` });
    else setErrors([{ fieldId: null, message: outcome.message }]);
  };

  return (
    <Dialog
      title="Add an ecomap entry"
      submitLabel="Add entry"
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <FieldGroup id={labelId} label="Who or what" hint={labelHint} error={labelError}>
        <input
          id={labelId}
          className="input"
          type="text"
          autoComplete="off"
          maxLength={200}
          value={label}
          aria-describedby={describedBy(labelId, labelHint, labelError)}
          aria-invalid={labelError ? true : undefined}
          onChange={(event) => setLabel(event.target.value)}
        />
      </FieldGroup>
      <FieldGroup id={`${id}-kind`} label="Kind">
        <SelectControl
          id={`${id}-kind`}
          value={kind}
          options={ECOMAP_KIND_OPTIONS}
          onChange={setKind}
        />
      </FieldGroup>
      <FieldGroup id={`${id}-tie`} label="Tie">
        <SelectControl id={`${id}-tie`} value={tie} options={TIE_OPTIONS} onChange={setTie} />
      </FieldGroup>
      <FieldGroup id={`${id}-support`} label="Flow of support">
        <SelectControl
          id={`${id}-support`}
          value={support}
          options={SUPPORT_OPTIONS}
          onChange={setSupport}
        />
      </FieldGroup>
      <PeopleCheckboxes
        name={`${id}-connected`}
        legend="With whom"
        hint="Tick nobody for a tie with the whole family."
        people={genogram.people.map((p) => ({ id: p.id, label: nameOf(p.id) }))}
        genogram={genogram}
        checked={connected}
        onChange={(person, checked) => setConnected((current) => toggled(current, person, checked))}
      />
    </Dialog>
  );
}
