import type { Genogram, Household, HouseholdId, PersonId } from '@unitroom/shared';
import { useId } from 'react';
import { namesOf } from '../describe';
import { PeopleCheckboxes } from '../../../ui/fields';
import { CommitText, DATE_HINT, parseDate } from '../../../ui/CommitFields';
import { FieldList, type PanelProps } from './panelTypes';

/** Who lives together now: the boundary's name, dates, and members one tick at a time. */
export function HouseholdPanel({
  household,
  genogram,
  act,
  readOnly,
}: PanelProps & { household: Household; genogram: Genogram }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const members = new Set<string>(household.members);
  const saveDate = (key: 'since' | 'until', what: string) => (text: string) => {
    const parsed = parseDate(text);
    if ('error' in parsed) return parsed.error;
    return act(
      (c) => c.updateHousehold(household.id as HouseholdId, { [key]: parsed.value }),
      `Saved ${what}`,
    )
      ? null
      : 'Not saved';
  };
  return (
    <>
      <FieldList readOnly={readOnly}>
        <CommitText
          label="Name of the household"
          value={household.label}
          readOnly={readOnly}
          onCommit={(text) =>
            act(
              (c) => c.updateHousehold(household.id as HouseholdId, { label: text.trim() }),
              'Saved the name of the household',
            )
              ? null
              : 'Not saved'
          }
        />
        <CommitText
          label="Living together since"
          hint={DATE_HINT}
          width="short"
          value={household.since ?? ''}
          readOnly={readOnly}
          onCommit={saveDate('since', 'when the household began')}
        />
        <CommitText
          label="Until"
          hint={DATE_HINT}
          width="short"
          value={household.until ?? ''}
          readOnly={readOnly}
          onCommit={saveDate('until', 'when the household ended')}
        />
      </FieldList>
      {readOnly ? (
        <p>Members: {household.members.map(nameOf).join(', ') || 'nobody'}</p>
      ) : (
        <PeopleCheckboxes
          name={`${id}-members`}
          legend="Who lives there now"
          people={genogram.people.map((p) => ({ id: p.id, label: nameOf(p.id) }))}
          genogram={genogram}
          checked={members}
          onChange={(person, member) =>
            act(
              (c) => c.setHouseholdMember(household.id as HouseholdId, person as PersonId, member),
              member
                ? `${nameOf(person)} added to the household`
                : `${nameOf(person)} no longer in the household`,
            )
          }
        />
      )}
    </>
  );
}
