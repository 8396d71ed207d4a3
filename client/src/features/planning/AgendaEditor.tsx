import {
  DEFAULT_TIMEBOX_MINUTES,
  MAX_TIMEBOX_MINUTES,
  type AgendaSuggestion,
  type MeetingPlan,
} from '@unitroom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { saveAgenda, setFamilyActivity } from '../../api/meetings';
import { useAuth } from '../../session/auth';
import { familyPath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';

interface DraftItem {
  familyId: string;
  familyName: string;
  timeboxMinutes: number;
  carriedFrom: string | null;
  reached: boolean;
}

const draftOf = (plan: MeetingPlan): DraftItem[] =>
  plan.agenda.map((item) => ({
    familyId: item.familyId,
    familyName: item.familyName,
    timeboxMinutes: item.timeboxMinutes,
    carriedFrom: item.carriedFrom?.date ?? null,
    reached: item.reached,
  }));

type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; message: string };

/**
 * The agenda in order with time boxes, and the families the unit may want to add: due ones
 * first (about fortnightly, very active ones weekly). Changes are a draft until saved, so the
 * coordinator can reorder freely and save once.
 */
export function AgendaEditor({
  plan,
  editable,
  onSaved,
}: {
  plan: MeetingPlan;
  editable: boolean;
  onSaved(plan: MeetingPlan): void;
}) {
  const { refreshMe } = useAuth();
  const [draft, setDraft] = useState<DraftItem[]>(() => draftOf(plan));
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const onAgenda = new Set(draft.map((item) => item.familyId));
  const suggestions = [
    ...plan.suggestions,
    // Taken off in the draft: offered again straight away, as the server would after saving.
    ...plan.agenda
      .filter((item) => !onAgenda.has(item.familyId))
      .map((item): AgendaSuggestion => ({
        familyId: item.familyId,
        familyName: item.familyName,
        veryActive: false,
        lastDiscussed: null,
        dueOn: null,
        due: false,
        reason: 'Taken off this agenda (not saved yet)',
      })),
  ].filter((suggestion) => !onAgenda.has(suggestion.familyId));
  const totalMinutes = draft.reduce((sum, item) => sum + item.timeboxMinutes, 0);

  const change = (next: DraftItem[]) => {
    setDraft(next);
    setSave({ status: 'idle' });
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...draft];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    change(next);
  };
  const submit = () => {
    setSave({ status: 'saving' });
    saveAgenda(plan.meeting.id, {
      items: draft.map(({ familyId, timeboxMinutes }) => ({ familyId, timeboxMinutes })),
    }).then(
      (saved) => {
        setSave({ status: 'saved' });
        onSaved(saved);
        void refreshMe().catch(() => undefined);
      },
      (error: unknown) =>
        setSave({
          status: 'failed',
          message: error instanceof Error ? error.message : 'The agenda could not be saved.',
        }),
    );
  };

  return (
    <>
      <section className="home-section" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading" className="heading-m">
          Agenda
        </h2>
        {draft.length === 0 ? (
          <p>No families are on this agenda yet.</p>
        ) : (
          <>
            <ol className="plan-agenda">
              {draft.map((item, index) => {
                const timeboxId = `timebox-${item.familyId}`;
                return (
                  <li key={item.familyId} className="plan-agenda__item">
                    <div className="plan-agenda__name">
                      <Link to={familyPath(item.familyId)}>{item.familyName}</Link>
                      {item.carriedFrom && (
                        <strong className="tag">
                          Carried over from {formatMeetingDate(item.carriedFrom)}
                        </strong>
                      )}
                      {item.reached && <strong className="tag tag--today">Discussed</strong>}
                    </div>
                    {editable ? (
                      <div className="plan-agenda__controls">
                        <label className="label plan-agenda__label" htmlFor={timeboxId}>
                          Time box (minutes)
                          <span className="visually-hidden"> for {item.familyName}</span>
                        </label>
                        <input
                          id={timeboxId}
                          className="input input--short"
                          type="number"
                          inputMode="numeric"
                          min={5}
                          max={MAX_TIMEBOX_MINUTES}
                          step={5}
                          value={item.timeboxMinutes}
                          onChange={(event) =>
                            change(
                              draft.map((other) =>
                                other.familyId === item.familyId
                                  ? { ...other, timeboxMinutes: Number(event.target.value) || 0 }
                                  : other,
                              ),
                            )
                          }
                        />
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={index === 0}
                          aria-label={`Move up: ${item.familyName}`}
                          onClick={() => move(index, -1)}
                        >
                          Move up
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={index === draft.length - 1}
                          aria-label={`Move down: ${item.familyName}`}
                          onClick={() => move(index, 1)}
                        >
                          Move down
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Take off the agenda: ${item.familyName}`}
                          onClick={() =>
                            change(draft.filter((other) => other.familyId !== item.familyId))
                          }
                        >
                          Take off the agenda
                        </button>
                      </div>
                    ) : (
                      <p className="plan-agenda__meta">{item.timeboxMinutes} minutes</p>
                    )}
                  </li>
                );
              })}
            </ol>
            <p>
              Planned: {Math.floor(totalMinutes / 60)} h {totalMinutes % 60} min in all.
            </p>
          </>
        )}
        {editable && (
          <div className="plan-agenda__save">
            <button
              type="button"
              className="button"
              onClick={submit}
              disabled={save.status === 'saving'}
            >
              Save the agenda
            </button>
            <p aria-live="polite" className="plan-agenda__status">
              {save.status === 'saving' && 'Saving…'}
              {save.status === 'saved' && 'Agenda saved.'}
            </p>
            {save.status === 'failed' && (
              <p className="error-message" role="alert">
                {save.message}
              </p>
            )}
          </div>
        )}
      </section>
      <Suggestions
        suggestions={suggestions}
        editable={editable}
        onAdd={(suggestion) =>
          change([
            ...draft,
            {
              familyId: suggestion.familyId,
              familyName: suggestion.familyName,
              timeboxMinutes: DEFAULT_TIMEBOX_MINUTES,
              carriedFrom: null,
              reached: false,
            },
          ])
        }
      />
    </>
  );
}

function Suggestions({
  suggestions,
  editable,
  onAdd,
}: {
  suggestions: AgendaSuggestion[];
  editable: boolean;
  onAdd(suggestion: AgendaSuggestion): void;
}) {
  return (
    <section className="home-section" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading" className="heading-m">
        Other families
      </h2>
      <p className="hint">
        Families come round about every fortnight, very active ones every week. Families due are
        listed first.
      </p>
      {suggestions.length === 0 ? (
        <p>Every family of the unit is on this agenda.</p>
      ) : (
        <ul className="card-list">
          {suggestions.map((suggestion) => (
            <li key={suggestion.familyId} className="card">
              <h3 className="card__title heading-s">
                {suggestion.familyName}
                {suggestion.due && <strong className="tag tag--chair">Due</strong>}
              </h3>
              <p className="card__meta">{suggestion.reason}</p>
              {editable && (
                <>
                  <VeryActiveToggle suggestion={suggestion} />
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`Add to the agenda: ${suggestion.familyName}`}
                    onClick={() => onAdd(suggestion)}
                  >
                    Add to the agenda
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Marks a family very active (discussed weekly); the suggestions change on the next load. */
function VeryActiveToggle({ suggestion }: { suggestion: AgendaSuggestion }) {
  const [checked, setChecked] = useState(suggestion.veryActive);
  const [failed, setFailed] = useState(false);
  const id = `very-active-${suggestion.familyId}`;
  return (
    <div className="checkbox">
      <input
        id={id}
        className="checkbox__input"
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          const next = event.target.checked;
          setChecked(next);
          setFailed(false);
          setFamilyActivity(suggestion.familyId, next).catch(() => {
            setChecked(!next);
            setFailed(true);
          });
        }}
      />
      <label className="checkbox__label" htmlFor={id}>
        Very active (discuss weekly)
        <span className="visually-hidden">: {suggestion.familyName}</span>
      </label>
      {failed && (
        <p className="error-message" role="alert">
          That could not be saved. Try again.
        </p>
      )}
    </div>
  );
}
