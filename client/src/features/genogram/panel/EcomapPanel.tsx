import type { EcomapEntry, EcomapEntryId, EcomapPatch, Genogram, PersonId } from '@unitroom/shared';
import { useId } from 'react';
import { connectedToLabel, namesOf } from '../describe';
import { ECOMAP_KIND_OPTIONS, SUPPORT_OPTIONS, TIE_OPTIONS } from '../dialogs/EcomapDialog';
import { PeopleCheckboxes } from '../../../ui/fields';
import { CommitSelect, CommitText } from '../../../ui/CommitFields';
import { FieldList, type PanelProps } from './panelTypes';

/** A tie with the family's wider world: who or what, how strong, which way support flows. */
export function EcomapPanel({
  entry,
  genogram,
  act,
  readOnly,
}: PanelProps & { entry: EcomapEntry; genogram: Genogram }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const save = (patch: EcomapPatch, what: string) =>
    act((c) => c.updateEcomapEntry(entry.id as EcomapEntryId, patch), `Saved ${what}`);
  const connected = new Set<string>(entry.connectedTo);
  return (
    <>
      <FieldList readOnly={readOnly}>
        <CommitText
          label="Who or what"
          value={entry.label}
          readOnly={readOnly}
          onCommit={(text) =>
            text.trim() === ''
              ? 'Enter who or what the tie is with'
              : save({ label: text.trim() }, 'the name of the entry')
                ? null
                : 'Not saved'
          }
        />
        <CommitSelect
          label="Kind"
          value={entry.kind}
          options={ECOMAP_KIND_OPTIONS}
          readOnly={readOnly}
          onCommit={(kind) => save({ kind }, 'the kind of entry')}
        />
        <CommitSelect
          label="Tie"
          value={entry.tie}
          options={TIE_OPTIONS}
          readOnly={readOnly}
          onCommit={(tie) => save({ tie }, 'the tie')}
        />
        <CommitSelect
          label="Flow of support"
          value={entry.support}
          options={SUPPORT_OPTIONS}
          readOnly={readOnly}
          onCommit={(support) => save({ support }, 'the flow of support')}
        />
        <CommitText
          label="Note"
          multiline
          value={entry.note}
          readOnly={readOnly}
          onCommit={(text) => (save({ note: text }, 'the note') ? null : 'Not saved')}
        />
      </FieldList>
      {readOnly ? (
        <p>With: {connectedToLabel(entry, nameOf)}</p>
      ) : (
        <PeopleCheckboxes
          name={`${id}-connected`}
          legend="With whom"
          hint="Tick nobody for a tie with the whole family."
          people={genogram.people.map((p) => ({ id: p.id, label: nameOf(p.id) }))}
          genogram={genogram}
          checked={connected}
          onChange={(person, tick) => {
            const next = tick
              ? [...entry.connectedTo, person as PersonId]
              : entry.connectedTo.filter((p) => p !== person);
            save(
              { connectedTo: next },
              tick ? `the tie with ${nameOf(person)}` : `the change of tie`,
            );
          }}
        />
      )}
    </>
  );
}
