import type {
  DocumentHistory,
  HistoryArea,
  HistoryStep,
  RestorePreview,
  RestoreResult,
  RestoreTarget,
} from '@unitroom/shared';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { fetchDocumentHistory, previewRestore, restoreDocument } from '../../api/history';
import { ApiRequestError } from '../../api/http';
import './history.css';

type Loaded =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; value: DocumentHistory };

type Flow =
  | { stage: 'choosing' }
  | { stage: 'checking' }
  | { stage: 'confirming'; target: RestoreTarget; preview: RestorePreview }
  | { stage: 'restoring'; target: RestoreTarget; preview: RestorePreview }
  | { stage: 'done'; result: RestoreResult }
  | { stage: 'failed'; message: string };

/** Steps shown before "Show older changes". */
const FIRST_STEPS = 12;

const dateTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

function when(step: HistoryStep): string {
  const from = dateTime.format(step.from);
  return step.to - step.from < 60_000 ? from : `${from} to ${time.format(step.to)}`;
}

/** "the genogram and the minutes", as a sentence says it. */
function areasInWords(areas: readonly HistoryArea[]): string {
  if (areas.length === 0) return 'the document';
  const words = areas.map((area) => (area === 'other' ? 'other parts' : `the ${area}`));
  return words.length === 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

function whatChanged(step: HistoryStep): string {
  const areas = areasInWords(step.areas);
  if (step.kind === 'restore') return `restored ${areas}`;
  if (step.kind === 'system') return `set up ${areas}`;
  return `changed ${areas}`;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'The server could not be reached. Nothing was changed; try again in a moment.';
}

/**
 * A family's or a discussion's history of changes (who, what, when) and its restore ([Y3],
 * [Y4]): choose a point in the history, then either everything back to how it was, or only one
 * person's changes since then taken back; the server says what will change before anything
 * does, and the restore arrives for everyone as ordinary changes.
 *
 * Memoised: its props are plain values, and the minutes around it render again as the unit types
 * (each time, every radio button of the history's list was set again).
 */
export const DocumentHistoryPanel = memo(function DocumentHistoryPanel({
  docName,
  canRestore,
  cannotRestoreReason,
  subject,
  headingLevel = 2,
}: {
  docName: string;
  canRestore: boolean;
  /** Shown instead of the restore controls when `canRestore` is false. */
  cannotRestoreReason: string;
  /** "this family", "these minutes": what the sentences talk about. */
  subject: string;
  headingLevel?: 2 | 3;
}) {
  const headingId = useId();
  const pointName = useId();
  const modeName = useId();
  const personId = useId();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [showAll, setShowAll] = useState(false);
  const [pointIndex, setPointIndex] = useState<number | null>(null);
  const [mode, setMode] = useState<'time' | 'person'>('time');
  const [person, setPerson] = useState('');
  const [flow, setFlow] = useState<Flow>({ stage: 'choosing' });
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    let live = true;
    fetchDocumentHistory(docName).then(
      (value) => live && setLoaded({ state: 'ready', value }),
      () => live && setLoaded({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [docName]);
  useEffect(load, [load]);

  useEffect(() => {
    if (flow.stage === 'confirming') {
      confirmRef.current?.focus();
      // The whole question, its table and its buttons, not only its heading.
      confirmRef.current?.parentElement?.scrollIntoView({ block: 'nearest' });
    }
    if (flow.stage === 'done' || flow.stage === 'failed') resultRef.current?.focus();
  }, [flow.stage]);

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4';
  if (loaded.state === 'loading') return <p role="status">Loading the history of changes…</p>;
  if (loaded.state === 'failed') return null;
  const history = loaded.value;
  const steps = showAll ? history.steps : history.steps.slice(0, FIRST_STEPS);
  const point = pointIndex === null ? null : (history.steps[pointIndex] ?? null);
  const personName = history.people.find((p) => p.id === person)?.name ?? '';

  const targetOf = (): RestoreTarget | null => {
    if (!point) {
      setChoiceError('Choose a point in the history.');
      return null;
    }
    const before = point.from - 1;
    if (mode === 'time') return { kind: 'time', at: before };
    if (!person) {
      setChoiceError('Choose whose changes to take back.');
      return null;
    }
    return { kind: 'person', userId: person, since: before };
  };

  const check = () => {
    const target = targetOf();
    if (!target) return;
    setChoiceError(null);
    setFlow({ stage: 'checking' });
    previewRestore(docName, target).then(
      (preview) => setFlow({ stage: 'confirming', target, preview }),
      (error: unknown) => setFlow({ stage: 'failed', message: messageOf(error) }),
    );
  };

  const confirm = (target: RestoreTarget, preview: RestorePreview) => {
    setFlow({ stage: 'restoring', target, preview });
    restoreDocument(docName, target).then(
      (result) => {
        setFlow({ stage: 'done', result });
        load();
      },
      (error: unknown) => setFlow({ stage: 'failed', message: messageOf(error) }),
    );
  };

  const describeTarget = (target: RestoreTarget) =>
    target.kind === 'time'
      ? `Everything goes back to how it was just before ${dateTime.format(target.at + 1)}.`
      : `${personName}'s changes since ${dateTime.format(target.since + 1)} are taken back; everyone else's stay.`;

  return (
    <section className="document-history" aria-labelledby={headingId}>
      <Heading id={headingId} className="heading-m">
        Changes and restore
      </Heading>
      <p className="hint">
        Who changed {subject}, and when. Unitroom keeps {history.windowDays} days of changes
        {history.earliest !== null
          ? `; the earliest point it can go back to is ${dateTime.format(history.earliest)}.`
          : '.'}
      </p>
      {history.steps.length === 0 ? (
        <p>No changes recorded yet.</p>
      ) : (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">
            {canRestore ? 'Choose a point in the history' : 'Changes, newest first'}
          </legend>
          <ol className="document-history__steps">
            {steps.map((step, index) => (
              <li key={`${step.from}-${index}`} className="document-history__step">
                {canRestore ? (
                  <label className="radios__item">
                    <input
                      type="radio"
                      className="radios__input"
                      name={pointName}
                      checked={pointIndex === index}
                      onChange={() => {
                        setPointIndex(index);
                        setFlow({ stage: 'choosing' });
                      }}
                    />
                    <span className="radios__label">
                      <StepText step={step} />
                    </span>
                  </label>
                ) : (
                  <StepText step={step} />
                )}
              </li>
            ))}
          </ol>
          {history.steps.length > FIRST_STEPS && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setShowAll(!showAll)}
            >
              {showAll ? 'Show fewer changes' : `Show all ${history.steps.length} changes`}
            </button>
          )}
        </fieldset>
      )}
      {!canRestore && history.steps.length > 0 && <p className="hint">{cannotRestoreReason}</p>}
      {canRestore && history.steps.length > 0 && (
        <div className="document-history__restore">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">What to put back</legend>
            <label className="radios__item">
              <input
                type="radio"
                className="radios__input"
                name={modeName}
                checked={mode === 'time'}
                onChange={() => setMode('time')}
              />
              <span className="radios__label">
                Everything, as it was just before the chosen change
              </span>
            </label>
            <label className="radios__item">
              <input
                type="radio"
                className="radios__input"
                name={modeName}
                checked={mode === 'person'}
                onChange={() => setMode('person')}
              />
              <span className="radios__label">
                Only one person's changes since then, keeping everyone else's
              </span>
            </label>
            {mode === 'person' && (
              <div className="document-history__person">
                <label className="label" htmlFor={personId}>
                  Whose changes
                </label>
                <select
                  id={personId}
                  className="select"
                  value={person}
                  onChange={(event) => setPerson(event.target.value)}
                >
                  <option value="">Choose a person</option>
                  {history.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </fieldset>
          {choiceError && (
            <p className="error-message" role="alert">
              {choiceError}
            </p>
          )}
          {(flow.stage === 'choosing' || flow.stage === 'done' || flow.stage === 'failed') && (
            <button type="button" className="button" onClick={check}>
              Check what will change
            </button>
          )}
          {flow.stage === 'checking' && <p role="status">Working out what would change…</p>}
          {(flow.stage === 'confirming' || flow.stage === 'restoring') && (
            <div className="document-history__confirm">
              <SubHeading ref={confirmRef} tabIndex={-1} className="heading-s">
                {flow.preview.changes ? 'Restore?' : 'Nothing to restore'}
              </SubHeading>
              {flow.preview.changes ? (
                <>
                  <p>
                    {describeTarget(flow.target)} This changes {areasInWords(flow.preview.areas)}{' '}
                    for everyone who has {subject} open. Nothing is deleted from the history: the
                    restore can itself be undone from here.
                  </p>
                  <table className="document-history__table">
                    <caption className="visually-hidden">What will change</caption>
                    <thead>
                      <tr>
                        <th scope="col">What</th>
                        <th scope="col">Now</th>
                        <th scope="col">After restoring</th>
                      </tr>
                    </thead>
                    <tbody>
                      {flow.preview.lines.map((line) => (
                        <tr
                          key={line.label}
                          className={line.now !== line.after ? 'document-history__changed' : ''}
                        >
                          <th scope="row">{line.label}</th>
                          <td>{line.now}</td>
                          <td>{line.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {flow.stage === 'restoring' ? (
                    <p role="status">Restoring…</p>
                  ) : (
                    <div className="button-group">
                      <button
                        type="button"
                        className="button button--warning"
                        onClick={() => confirm(flow.target, flow.preview)}
                      >
                        Restore
                      </button>
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => setFlow({ stage: 'choosing' })}
                      >
                        Cancel
                      </button>
                    </div>
                  )}
                </>
              ) : (
                <>
                  <p>{subject[0]?.toUpperCase() + subject.slice(1)} already looks like that.</p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setFlow({ stage: 'choosing' })}
                  >
                    Choose again
                  </button>
                </>
              )}
            </div>
          )}
          <div
            ref={resultRef}
            tabIndex={-1}
            aria-live="polite"
            className="document-history__result"
          >
            {flow.stage === 'done' &&
              (flow.result.changes ? (
                <p className="document-history__success">
                  Restored. Everyone with {subject} open sees it now, and the restore is listed
                  above.
                </p>
              ) : (
                <p>Nothing needed restoring: {subject} already looked like that.</p>
              ))}
            {flow.stage === 'failed' && (
              <p className="error-message" role="alert">
                Not restored: {flow.message}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
});

function StepText({ step }: { step: HistoryStep }) {
  return (
    <span className="document-history__step-text">
      <span className="document-history__when">{when(step)}</span> <strong>{step.who}</strong>{' '}
      {whatChanged(step)}
      {step.changes > 1 && <span className="document-history__count"> ({step.changes} edits)</span>}
    </span>
  );
}
