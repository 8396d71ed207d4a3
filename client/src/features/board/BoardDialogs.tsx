import {
  HYPOTHESIS_STATUSES,
  type Hypothesis,
  type HypothesisId,
  type HypothesisStatus,
  type PersonId,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { FieldGroup, PeopleCheckboxes, RadioGroup, describedBy, toggled } from '../../ui/fields';
import type { SummaryError } from '../../ui/fields';
import { STATUS_HINTS, STATUS_LABELS, useBoardEnv } from './boardContext';

/** A new hypothesis: added to the board by those who plan, suggested by everyone else ([B17]). */
export function HypothesisDialog({
  initialPeople,
  onDone,
  onCancel,
}: {
  initialPeople: readonly PersonId[];
  onDone(id: HypothesisId, message: string): void;
  onCancel(): void;
}) {
  const env = useBoardEnv();
  const textId = useId();
  const [text, setText] = useState('');
  const [people, setPeople] = useState<Set<string>>(() => new Set(initialPeople));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const suggesting = !env.abilities.plan;
  const hint =
    'A tentative idea about what is going on in the family and why, held loosely beside others.';

  const submit = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setErrors([{ fieldId: textId, message: 'Write the hypothesis' }]);
      return;
    }
    const aboutPeople = [...people] as PersonId[];
    const common = {
      text: trimmed,
      offeredRole: env.role,
      aboutPeople,
      fromMeeting: env.meeting?.id ?? null,
    };
    const outcome = env.editor.perform((c) => {
      const id = suggesting
        ? c.suggestHypothesis({ ...common, suggestedBy: env.author })
        : c.addHypothesis({ ...common, offeredBy: env.author });
      if (env.meeting)
        c.updateHypothesis(id, {
          lastDiscussedMeeting: env.meeting.id,
          lastDiscussedAt: env.meeting.date,
        });
      return id;
    });
    if (!outcome.ok) {
      setErrors([{ fieldId: null, message: outcome.message }]);
      return;
    }
    onDone(
      outcome.value,
      suggesting ? 'Suggested a hypothesis' : 'Added a hypothesis to the board',
    );
  };

  const error = errors.find((e) => e.fieldId === textId)?.message;
  return (
    <Dialog
      title={suggesting ? 'Suggest a hypothesis' : 'Add a hypothesis'}
      lead={
        suggesting
          ? 'It appears on everyone’s board as your suggestion; a worker holding the family accepts or declines it.'
          : undefined
      }
      submitLabel={suggesting ? 'Suggest hypothesis' : 'Add hypothesis'}
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <FieldGroup id={textId} label="Hypothesis" hint={hint} error={error}>
        <textarea
          id={textId}
          className="textarea"
          rows={3}
          value={text}
          aria-describedby={describedBy(textId, hint, error)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </FieldGroup>
      <PeopleCheckboxes
        name={`${textId}-people`}
        legend="Who is it about?"
        hint="People on the genogram. You can change this later."
        people={env.genogram.people.map((p) => ({ id: p.id, label: env.nameOf(p.id) }))}
        genogram={env.genogram}
        checked={people}
        onChange={(id, checked) => setPeople((current) => toggled(current, id, checked))}
      />
    </Dialog>
  );
}

/** A status change always comes with its reason ([B10]). */
export function StatusDialog({
  hypothesis,
  initialStatus,
  onDone,
  onCancel,
}: {
  hypothesis: Hypothesis;
  initialStatus: HypothesisStatus;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const env = useBoardEnv();
  const reasonId = useId();
  const [status, setStatus] = useState<HypothesisStatus>(initialStatus);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const hint = 'What we saw, heard or decided that moves it. Everyone will see this.';

  const submit = () => {
    if (status === hypothesis.status) {
      onCancel();
      return;
    }
    if (reason.trim() === '') {
      setErrors([{ fieldId: reasonId, message: 'Say why the status is changing' }]);
      return;
    }
    const outcome = env.editor.perform((c) => c.setHypothesisStatus(hypothesis.id, status, reason));
    if (!outcome.ok) {
      setErrors([{ fieldId: null, message: outcome.message }]);
      return;
    }
    onDone(`Moved to ${STATUS_LABELS[status]}`);
  };

  const error = errors.find((e) => e.fieldId === reasonId)?.message;
  return (
    <Dialog
      title="Change the status"
      lead={<p className="board-quote">{hypothesis.text}</p>}
      submitLabel="Change status"
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <RadioGroup
        name={`${reasonId}-status`}
        legend="Status"
        value={status}
        options={HYPOTHESIS_STATUSES.map((s) => ({
          value: s,
          label: `${STATUS_LABELS[s]}${s === hypothesis.status ? ' (now)' : ''}: ${STATUS_HINTS[s]}`,
        }))}
        onChange={setStatus}
      />
      <FieldGroup id={reasonId} label="Why is it changing?" hint={hint} error={error}>
        <textarea
          id={reasonId}
          className="textarea"
          rows={2}
          value={reason}
          data-autofocus=""
          aria-describedby={describedBy(reasonId, hint, error)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
      </FieldGroup>
    </Dialog>
  );
}
