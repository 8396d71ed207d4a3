import type { PersonId } from '@unitroom/shared';
import { useId, useState } from 'react';
import { namesOf } from '../describe';
import {
  FieldGroup,
  PeopleCheckboxes,
  describedBy,
  toggled,
  type SummaryError,
} from '../../../ui/fields';
import { Dialog } from '../../../ui/Dialog';
import type { GenogramDialogProps } from './PersonDialog';

/** A boundary around who lives together now, starting with the selected person ticked. */
export function HouseholdDialog({
  personId,
  genogram,
  editor,
  onDone,
  onCancel,
}: GenogramDialogProps & { personId: string | null }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const [label, setLabel] = useState('');
  const [members, setMembers] = useState<ReadonlySet<string>>(
    () => new Set(personId ? [personId] : []),
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const labelId = `${id}-label`;
  const labelHint = 'For example "Mum\'s flat" or "Nan\'s house".';

  const submit = () => {
    if (members.size === 0) {
      setErrors([
        {
          fieldId: `${id}-members-${genogram.people[0]?.id ?? ''}`,
          message: 'Tick who lives in the household',
        },
      ]);
      return;
    }
    const chosen = genogram.people.filter((p) => members.has(p.id)).map((p) => p.id as PersonId);
    const outcome = editor.perform((commands) =>
      commands.addHousehold({ label: label.trim(), members: chosen }),
    );
    if (outcome.ok)
      onDone({
        focus: personId,
        message: `Added a household: ${chosen.map((p) => nameOf(p)).join(', ')}`,
      });
    else setErrors([{ fieldId: null, message: outcome.message }]);
  };

  return (
    <Dialog
      title="Add a household"
      submitLabel="Add household"
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <FieldGroup id={labelId} label="Name of the household (optional)" hint={labelHint}>
        <input
          id={labelId}
          className="input"
          type="text"
          autoComplete="off"
          maxLength={200}
          value={label}
          aria-describedby={describedBy(labelId, labelHint)}
          onChange={(event) => setLabel(event.target.value)}
        />
      </FieldGroup>
      <PeopleCheckboxes
        name={`${id}-members`}
        legend="Who lives there now"
        people={genogram.people.map((p) => ({ id: p.id, label: nameOf(p.id) }))}
        genogram={genogram}
        checked={members}
        onChange={(person, checked) => setMembers((current) => toggled(current, person, checked))}
      />
    </Dialog>
  );
}
