import {
  GENDERS,
  PREGNANCY_NOTATION,
  PREGNANCY_STATES,
  type Genogram,
  type Person,
  type PersonAttributes,
  type PersonId,
  type PersonPatch,
  type PregnancyState,
} from '@unitroom/shared';
import { GENDER_LABELS, personName } from '../describe';
import { Heading, type HeadingLevel } from '../../../ui/Heading';
import {
  CommitCheckbox,
  CommitSelect,
  CommitText,
  DATE_HINT,
  parseAge,
  parseDate,
} from '../../../ui/CommitFields';
import { FieldList, type PanelProps } from './panelTypes';
import { PersonConnections } from './PersonConnections';
import { PersonLegal } from './PersonLegal';

const GENDER_OPTIONS = GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }));
type PregnancyChoice = PregnancyState | 'none';
const PREGNANCY_OPTIONS: { value: PregnancyChoice; label: string }[] = [
  { value: 'none', label: 'Not a pregnancy (born)' },
  ...PREGNANCY_STATES.map((s) => ({ value: s, label: PREGNANCY_NOTATION[s].label })),
];

const ATTRIBUTES: { key: keyof PersonAttributes; label: string }[] = [
  { key: 'health', label: 'Health' },
  { key: 'mentalHealth', label: 'Mental health' },
  { key: 'substanceMisuse', label: 'Substance misuse' },
  { key: 'disability', label: 'Disability' },
  { key: 'culture', label: 'Culture and ethnicity' },
  { key: 'religion', label: 'Religion' },
  { key: 'language', label: 'Language' },
];

/** Everything recorded about one person, each field written on its own as it is changed. */
export function PersonPanel({
  person,
  genogram,
  act,
  readOnly,
  level,
  onSelect,
  onResetPosition,
}: PanelProps & {
  person: Person;
  genogram: Genogram;
  level: HeadingLevel;
  onResetPosition(): void;
}) {
  const name = personName(person);
  const save = (patch: PersonPatch, what: string): boolean =>
    act(
      (c) => c.updatePerson(person.id as PersonId, patch),
      `Saved ${what} for ${patch.name !== undefined ? personName({ name: patch.name }) : name}`,
    );
  const saveText = (key: 'name' | 'notes', what: string) => (text: string) =>
    save({ [key]: key === 'name' ? text.trim() : text }, what) ? null : 'Not saved';
  const saveDate = (key: 'birthDate' | 'deathDate', what: string) => (text: string) => {
    const parsed = parseDate(text);
    if ('error' in parsed) return parsed.error;
    return save({ [key]: parsed.value }, what) ? null : 'Not saved';
  };
  const nudged = genogram.nudges[person.id] !== undefined;

  return (
    <>
      <FieldList readOnly={readOnly}>
        <CommitText
          label="Name"
          value={person.name}
          readOnly={readOnly}
          onCommit={saveText('name', 'the name')}
        />
        <CommitSelect
          label="Gender"
          value={person.gender}
          options={GENDER_OPTIONS}
          readOnly={readOnly}
          onCommit={(gender) => save({ gender }, 'the gender')}
        />
        <CommitText
          label="Born"
          hint={DATE_HINT}
          width="short"
          value={person.birthDate ?? ''}
          readOnly={readOnly}
          onCommit={saveDate('birthDate', 'the date of birth')}
        />
        <CommitText
          label="Died"
          hint={DATE_HINT}
          width="short"
          value={person.deathDate ?? ''}
          readOnly={readOnly}
          onCommit={saveDate('deathDate', 'the date of death')}
        />
        <CommitText
          label="Age"
          hint="When no date of birth is known."
          width="short"
          inputMode="numeric"
          value={person.age === null ? '' : String(person.age)}
          readOnly={readOnly}
          onCommit={(text) => {
            const parsed = parseAge(text);
            if ('error' in parsed) return parsed.error;
            return save({ age: parsed.value }, 'the age') ? null : 'Not saved';
          }}
        />
        <CommitCheckbox
          label="Has died"
          checked={person.deceased}
          readOnly={readOnly}
          onCommit={(deceased) =>
            save({ deceased }, deceased ? 'that they died' : 'that they are alive')
          }
        />
        <CommitCheckbox
          label="Child of concern"
          hint="Drawn with a double outline."
          checked={person.childOfConcern}
          readOnly={readOnly}
          onCommit={(childOfConcern) => save({ childOfConcern }, 'child of concern')}
        />
        <CommitSelect
          label="Pregnancy"
          value={person.pregnancy ?? 'none'}
          options={PREGNANCY_OPTIONS}
          readOnly={readOnly}
          onCommit={(choice) =>
            save({ pregnancy: choice === 'none' ? null : choice }, 'the pregnancy')
          }
        />
        <CommitText
          label="Notes"
          multiline
          value={person.notes}
          readOnly={readOnly}
          onCommit={saveText('notes', 'the notes')}
        />
      </FieldList>

      <Heading level={level} className="heading-s">
        Health, culture and background
      </Heading>
      <FieldList readOnly={readOnly}>
        {ATTRIBUTES.map(({ key, label }) => (
          <CommitText
            key={key}
            label={label}
            value={person.attributes[key]}
            readOnly={readOnly}
            onCommit={(text) =>
              save({ attributes: { [key]: text.trim() } }, label.toLowerCase()) ? null : 'Not saved'
            }
          />
        ))}
      </FieldList>

      <Heading level={level} className="heading-s">
        Case record
      </Heading>
      <FieldList readOnly={readOnly}>
        <CommitText
          label="Id in the council's case recording system"
          width="short"
          value={person.councilPersonId ?? ''}
          readOnly={readOnly}
          onCommit={(text) =>
            save({ councilPersonId: text.trim() || null }, 'the council id') ? null : 'Not saved'
          }
        />
        <CommitCheckbox
          label="Address must not be disclosed"
          hint="Never shown to, or shared with, anyone outside the unit."
          checked={person.doNotDiscloseAddress}
          readOnly={readOnly}
          onCommit={(doNotDiscloseAddress) => save({ doNotDiscloseAddress }, 'the address warning')}
        />
      </FieldList>

      <PersonConnections
        person={person}
        genogram={genogram}
        act={act}
        readOnly={readOnly}
        level={level}
        onSelect={onSelect}
      />
      <PersonLegal
        person={person}
        genogram={genogram}
        act={act}
        readOnly={readOnly}
        level={level}
        onSelect={onSelect}
      />

      {!readOnly && (
        <>
          <Heading level={level} className="heading-s">
            Position
          </Heading>
          {nudged ? (
            <p>
              Moved by hand from where the genogram places them.{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={onResetPosition}
              >
                Reset position
              </button>
            </p>
          ) : (
            <p className="hint">
              Drag the symbol, or press <kbd>Alt</kbd> with an arrow key on the genogram, to move{' '}
              {name}.
            </p>
          )}
        </>
      )}
    </>
  );
}
