import {
  CHILD_LINK_KINDS,
  GENDERS,
  UNION_KINDS,
  UNION_KIND_NOTATION,
  partnershipsOf,
  type ChildLinkKind,
  type ChildSource,
  type Gender,
  type Genogram,
  type PersonId,
  type PersonInput,
  type UnionId,
  type UnionKind,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { GENDER_LABELS, childLinkKindLabel, namesOf } from '../describe';
import {
  FieldGroup,
  RadioGroup,
  SelectControl,
  describedBy,
  type SummaryError,
} from '../../../ui/fields';
import type { GenogramEditor } from '../useGenogramEditor';
import { Dialog } from '../../../ui/Dialog';

/** Which "add" command the dialog runs, and about whom. */
export type PersonDialogMode =
  | { type: 'person' }
  | { type: 'partner'; personId: string }
  | { type: 'child'; personId: string | null; unionId: string | null }
  | { type: 'sibling'; personId: string }
  | { type: 'parents'; personId: string };

export interface DialogDone {
  /** The person to select and focus on the canvas afterwards. */
  focus: string | null;
  /** Announced, and shown under the toolbar: "Added Mia Harper". */
  message: string;
}

/** What every genogram dialog is given: the genogram, its editor, and what to do when it ends. */
export interface GenogramDialogProps {
  genogram: Genogram;
  editor: GenogramEditor;
  onDone(done: DialogDone): void;
  onCancel(): void;
}

const NAME_MAX = 200;
const GENDER_OPTIONS = GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }));
const UNION_OPTIONS = UNION_KINDS.map((k) => ({ value: k, label: UNION_KIND_NOTATION[k].label }));
const LINK_OPTIONS = CHILD_LINK_KINDS.map((k) => ({ value: k, label: childLinkKindLabel(k) }));
const SINGLE_PARENT = 'single';

interface PersonFields {
  name: string;
  gender: Gender | null;
}

function PersonFieldset({
  idPrefix,
  legend,
  value,
  onChange,
  error,
  autoFocus,
}: {
  idPrefix: string;
  legend: string | null;
  value: PersonFields;
  onChange(value: PersonFields): void;
  error: string | null;
  autoFocus: boolean;
}) {
  const nameId = `${idPrefix}-name`;
  const hint = 'Or who they are, like "maternal grandmother". You can leave it empty.';
  const fields = (
    <>
      <FieldGroup id={nameId} label="Name" hint={hint} error={error}>
        <input
          id={nameId}
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={value.name}
          aria-describedby={describedBy(nameId, hint, error)}
          aria-invalid={error ? true : undefined}
          data-autofocus={autoFocus ? '' : undefined}
          onChange={(event) => onChange({ ...value, name: event.target.value })}
        />
      </FieldGroup>
      <RadioGroup
        name={`${idPrefix}-gender`}
        legend="Gender"
        hint="Leave it unselected if not known."
        value={value.gender}
        options={GENDER_OPTIONS}
        inline
        onChange={(gender) => onChange({ ...value, gender })}
      />
    </>
  );
  if (legend === null) return fields;
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--m">{legend}</legend>
      {fields}
    </fieldset>
  );
}

const toInput = (fields: PersonFields): PersonInput => ({
  name: fields.name.trim(),
  gender: fields.gender ?? 'unknown',
});

const EMPTY: PersonFields = { name: '', gender: null };

/**
 * Adds one person, a partner (person and union), a child, a sibling, or a pair of parents, asking
 * only what the command needs: names and genders, and the kind of union or link where it matters.
 */
export function PersonDialog({
  mode,
  genogram,
  editor,
  onDone,
  onCancel,
}: GenogramDialogProps & { mode: PersonDialogMode }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const [first, setFirst] = useState<PersonFields>(EMPTY);
  const [second, setSecond] = useState<PersonFields>(EMPTY);
  const [oneParent, setOneParent] = useState(false);
  const [unionKind, setUnionKind] = useState<UnionKind>('other');
  const [linkKind, setLinkKind] = useState<ChildLinkKind>('birth');
  const [twin, setTwin] = useState<'no' | 'fraternal' | 'identical'>('no');
  const personId = mode.type === 'person' ? null : mode.personId;
  const anchor = personId === null ? '' : nameOf(personId);
  // A child of someone with several partners: ask with whom (or nobody on the genogram).
  const partnerUnions =
    mode.type === 'child' && mode.unionId === null && personId !== null
      ? partnershipsOf(genogram, personId as PersonId)
      : [];
  const [parentChoice, setParentChoice] = useState<string>(partnerUnions[0]?.id ?? SINGLE_PARENT);
  const [errors, setErrors] = useState<SummaryError[]>([]);

  const union =
    mode.type === 'child' && mode.unionId !== null
      ? genogram.unions.find((u) => u.id === mode.unionId)
      : undefined;

  let title: string;
  let submitLabel = 'Add';
  switch (mode.type) {
    case 'person':
      title = 'Add a person';
      submitLabel = 'Add person';
      break;
    case 'partner':
      title = `Add a partner of ${anchor}`;
      submitLabel = 'Add partner';
      break;
    case 'child':
      title = union
        ? `Add a child of ${nameOf(union.partnerA)} and ${nameOf(union.partnerB)}`
        : `Add a child of ${anchor}`;
      submitLabel = 'Add child';
      break;
    case 'sibling':
      title = `Add a brother or sister of ${anchor}`;
      submitLabel = 'Add sibling';
      break;
    case 'parents':
      title = `Add parents of ${anchor}`;
      submitLabel = oneParent ? 'Add parent' : 'Add parents';
      break;
  }

  const submit = () => {
    const tooLong = [first, second].some((f) => f.name.trim().length > NAME_MAX);
    if (tooLong) {
      setErrors([{ fieldId: `${id}-a-name`, message: `Names are at most ${NAME_MAX} characters` }]);
      return;
    }
    const a = toInput(first);
    const added = first.name.trim() || 'an unnamed person';
    const outcome = editor.perform((commands): DialogDone => {
      switch (mode.type) {
        case 'person': {
          return { focus: commands.addPerson(a), message: `Added ${added}` };
        }
        case 'partner': {
          const { partner } = commands.addPartner(mode.personId as PersonId, {
            partner: a,
            kind: unionKind,
          });
          return {
            focus: partner,
            message: `Added ${added} as a partner of ${anchor}`,
          };
        }
        case 'child': {
          const source: ChildSource =
            mode.unionId !== null
              ? { union: mode.unionId as UnionId }
              : parentChoice === SINGLE_PARENT
                ? { parent: mode.personId as PersonId }
                : { union: parentChoice as UnionId };
          const child = commands.addChild(source, { person: a, kind: linkKind });
          return { focus: child.person, message: `Added ${added} as a child` };
        }
        case 'sibling': {
          const sibling = commands.addSibling(mode.personId as PersonId, {
            person: a,
            ...(twin === 'no' ? {} : { twin }),
          });
          return { focus: sibling.person, message: `Added ${added} as a sibling of ${anchor}` };
        }
        case 'parents': {
          if (oneParent) {
            const parent = commands.addParent(mode.personId as PersonId, {
              person: a,
              kind: linkKind,
            });
            return { focus: parent.parent, message: `Added ${added} as a parent of ${anchor}` };
          }
          const parents = commands.addParents(mode.personId as PersonId, {
            partnerA: a,
            partnerB: toInput(second),
            unionKind,
            kind: linkKind,
          });
          return { focus: parents.partnerA, message: `Added the parents of ${anchor}` };
        }
      }
    });
    if (outcome.ok) onDone(outcome.value);
    else setErrors([{ fieldId: null, message: outcome.message }]);
  };

  const twoPeople = mode.type === 'parents' && !oneParent;
  return (
    <Dialog
      title={title}
      submitLabel={submitLabel}
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {mode.type === 'parents' && (
        <RadioGroup
          name={`${id}-how-many`}
          legend="Who is known"
          value={oneParent ? 'one' : 'two'}
          options={[
            { value: 'two', label: 'Both parents' },
            { value: 'one', label: 'One parent only' },
          ]}
          inline
          onChange={(value) => setOneParent(value === 'one')}
        />
      )}
      <PersonFieldset
        idPrefix={`${id}-a`}
        legend={twoPeople ? 'First parent' : null}
        value={first}
        onChange={setFirst}
        error={errors.find((e) => e.fieldId === `${id}-a-name`)?.message ?? null}
        autoFocus
      />
      {twoPeople && (
        <PersonFieldset
          idPrefix={`${id}-b`}
          legend="Second parent"
          value={second}
          onChange={setSecond}
          error={null}
          autoFocus={false}
        />
      )}
      {(mode.type === 'partner' || twoPeople) && (
        <FieldGroup id={`${id}-union`} label="Their partnership">
          <SelectControl
            id={`${id}-union`}
            value={unionKind}
            options={UNION_OPTIONS}
            onChange={setUnionKind}
          />
        </FieldGroup>
      )}
      {partnerUnions.length > 0 && (
        <FieldGroup id={`${id}-other-parent`} label="Other parent">
          <SelectControl
            id={`${id}-other-parent`}
            value={parentChoice}
            options={[
              ...partnerUnions.map((u) => ({
                value: u.id as string,
                label: nameOf(u.partnerA === personId ? u.partnerB : u.partnerA),
              })),
              { value: SINGLE_PARENT, label: 'Nobody else on the genogram' },
            ]}
            onChange={setParentChoice}
          />
        </FieldGroup>
      )}
      {(mode.type === 'child' || mode.type === 'parents') && (
        <FieldGroup
          id={`${id}-link`}
          label={mode.type === 'child' ? 'The child is' : `${anchor} is`}
        >
          <SelectControl
            id={`${id}-link`}
            value={linkKind}
            options={LINK_OPTIONS}
            onChange={setLinkKind}
          />
        </FieldGroup>
      )}
      {mode.type === 'sibling' && (
        <RadioGroup
          name={`${id}-twin`}
          legend={`Twin of ${anchor}?`}
          value={twin}
          options={[
            { value: 'no', label: 'No' },
            { value: 'fraternal', label: 'Twin' },
            { value: 'identical', label: 'Identical twin' },
          ]}
          inline
          onChange={setTwin}
        />
      )}
    </Dialog>
  );
}
