import {
  UNION_KINDS,
  UNION_KIND_NOTATION,
  UNION_STATUSES,
  type Genogram,
  type Union,
  type UnionId,
  type UnionStatus,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { UNION_EVENT_WORDS, formatPartialDate, namesOf, unionTitle } from '../describe';
import { FieldGroup, SelectControl, describedBy } from '../../../ui/fields';
import { Heading, type HeadingLevel } from '../../../ui/Heading';
import { CommitSelect, CommitText, DATE_HINT, parseDate } from '../../../ui/CommitFields';
import { SelectButton } from './PersonConnections';
import { FieldList, type PanelProps } from './panelTypes';

const KIND_OPTIONS = UNION_KINDS.map((k) => ({ value: k, label: UNION_KIND_NOTATION[k].label }));
const STATUS_OPTIONS = UNION_STATUSES.map((s) => ({
  value: s,
  label:
    s === 'together'
      ? 'Back together'
      : UNION_EVENT_WORDS[s][0]!.toUpperCase() + UNION_EVENT_WORDS[s].slice(1),
}));

/** A couple's partnership: its kind, when it began, and its history of separations. */
export function UnionPanel({
  union,
  genogram,
  act,
  readOnly,
  level,
  onSelect,
  onAddChild,
}: PanelProps & {
  union: Union;
  genogram: Genogram;
  level: HeadingLevel;
  onAddChild(): void;
}) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const title = unionTitle(union, nameOf);
  const [status, setStatus] = useState<UnionStatus>('separated');
  const [date, setDate] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const dateId = `${id}-event-date`;
  const children = genogram.childLinks.filter((l) => l.union === union.id);

  const addEvent = () => {
    const parsed = parseDate(date);
    if ('error' in parsed) {
      setDateError(parsed.error);
      return;
    }
    setDateError(null);
    const done = act(
      (c) => c.addUnionEvent(union.id as UnionId, status, parsed.value),
      `Recorded: ${UNION_EVENT_WORDS[status]}${parsed.value ? ` ${formatPartialDate(parsed.value)}` : ''}`,
    );
    if (done) setDate('');
  };

  return (
    <>
      <FieldList readOnly={readOnly}>
        <CommitSelect
          label="Kind of partnership"
          value={union.kind}
          options={KIND_OPTIONS}
          readOnly={readOnly}
          onCommit={(kind) =>
            act(
              (c) => c.updateUnion(union.id as UnionId, { kind }),
              `Saved the kind of partnership of ${title}`,
            )
          }
        />
        <CommitText
          label="Began"
          hint={DATE_HINT}
          width="short"
          value={union.startDate ?? ''}
          readOnly={readOnly}
          onCommit={(text) => {
            const parsed = parseDate(text);
            if ('error' in parsed) return parsed.error;
            return act(
              (c) => c.updateUnion(union.id as UnionId, { startDate: parsed.value }),
              `Saved when the partnership of ${title} began`,
            )
              ? null
              : 'Not saved';
          }}
        />
      </FieldList>

      <Heading level={level} className="heading-s">
        History
      </Heading>
      {union.events.length === 0 ? (
        <p>Together{union.startDate ? ` since ${formatPartialDate(union.startDate)}` : ''}.</p>
      ) : (
        <ol className="panel-links">
          {union.events.map((event, index) => {
            const text = `${UNION_EVENT_WORDS[event.status]}${event.date ? ` ${formatPartialDate(event.date)}` : ' (date not known)'}`;
            return (
              <li key={`${index}:${event.status}:${event.date ?? ''}`}>
                {text[0]!.toUpperCase() + text.slice(1)}{' '}
                {!readOnly && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      act(
                        (c) => c.removeUnionEvent(union.id as UnionId, index),
                        `Removed "${text}" from the partnership of ${title}`,
                      )
                    }
                  >
                    Remove<span className="visually-hidden"> {text}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && (
        <fieldset className="fieldset panel-subform">
          <legend className="fieldset__legend">Record a change</legend>
          <FieldGroup id={`${id}-status`} label="What happened">
            <SelectControl
              id={`${id}-status`}
              value={status}
              options={STATUS_OPTIONS}
              onChange={setStatus}
            />
          </FieldGroup>
          <FieldGroup id={dateId} label="When (optional)" hint={DATE_HINT} error={dateError}>
            <input
              id={dateId}
              className="input input--short"
              type="text"
              autoComplete="off"
              value={date}
              aria-describedby={describedBy(dateId, DATE_HINT, dateError)}
              aria-invalid={dateError ? true : undefined}
              onChange={(event) => setDate(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addEvent();
                }
              }}
            />
          </FieldGroup>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={addEvent}
          >
            Record change
          </button>
        </fieldset>
      )}

      <Heading level={level} className="heading-s">
        Partners and children
      </Heading>
      <ul className="panel-links">
        {[union.partnerA, union.partnerB].map((partner) => (
          <li key={partner}>
            <SelectButton selection={{ kind: 'person', id: partner }} onSelect={onSelect}>
              {`Partner: ${nameOf(partner)}`}
            </SelectButton>
          </li>
        ))}
        {children.map((link) => (
          <li key={link.id}>
            <SelectButton selection={{ kind: 'person', id: link.child }} onSelect={onSelect}>
              {`Child: ${nameOf(link.child)}`}
            </SelectButton>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={onAddChild}
        >
          Add a child of this couple
        </button>
      )}
    </>
  );
}
