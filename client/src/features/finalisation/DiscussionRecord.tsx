import {
  ADDENDUM_MAX_CHARS,
  canApprove,
  canMarkReady,
  changesSinceReady,
  markReadyPoint,
  type ChangesSinceReady,
  type ExportFormat,
  type FamilySummary,
  type Role,
  type TransactionOrigin,
} from '@unitroom/shared';
import type * as Y from 'yjs';
import { useId, useState, type FormEvent } from 'react';
import {
  addAddendum,
  caseNoteUrl,
  discussionMinutesUrl,
  meetingMinutesUrl,
  takeStep,
  type FinalisationStep,
} from '../../api/finalisation';
import type { DiscussionStatusState } from './useDiscussionStatus';
import './finalisation.css';

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'docx', label: 'Word (DOCX)' },
  { format: 'pdf', label: 'PDF' },
  { format: 'txt', label: 'Text for LCS or Mosaic' },
];

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const when = (iso: string) => DATE_TIME.format(new Date(iso));

interface DiscussionRecordProps {
  meetingId: string;
  family: FamilySummary;
  role: Role;
  readOnly: boolean;
  state: DiscussionStatusState;
  /** The live minutes: marking ready remembers them, approving shows what changed since. */
  minutes?: { doc: Y.Doc; origin: TransactionOrigin };
}

/**
 * Where a family's minutes stand on their way to the record: the coordinator's "Mark ready", the
 * consultant's "Approve", then the finalised record with its fingerprint, addenda and downloads.
 * The server decides every step; this only asks and shows the answer.
 */
export function DiscussionRecord({
  meetingId,
  family,
  role,
  readOnly,
  state,
  minutes,
}: DiscussionRecordProps) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  /** Approving asks first ([W5]); holds what changed since "ready" while it asks. */
  const [confirming, setConfirming] = useState<{ changes: ChangesSinceReady | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { status } = state;

  const run = async (step: FinalisationStep) => {
    setBusy(true);
    setProblem(null);
    try {
      state.replace(await takeStep(meetingId, family.id, step));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      state.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="record" aria-labelledby={headingId}>
      <h3 id={headingId} className="heading-s">
        Record of this discussion
      </h3>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {!status ? (
        <p>{state.error ? `Could not load the record: ${state.error}` : 'Loading…'}</p>
      ) : status.state === 'draft' ? (
        <>
          <p>
            <strong className="tag">Draft</strong> The minutes are still being written.
          </p>
          {!readOnly && canMarkReady(role) && (
            <>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  if (minutes) markReadyPoint(minutes.doc, minutes.origin);
                  void run('ready');
                }}
              >
                {status.approvalRequired ? 'Mark ready' : 'Mark ready and finalise'}
              </button>
              <p className="hint">
                {status.approvalRequired
                  ? 'The consultant then approves them, and they can no longer be changed.'
                  : 'Your unit does not ask for approval: the minutes are finalised at once.'}
              </p>
            </>
          )}
        </>
      ) : status.state === 'ready' ? (
        <>
          <p>
            <strong className="tag">Ready</strong> Marked ready
            {status.readyAt && <> on {when(status.readyAt)}</>}
            {status.readyBy && <> by {status.readyBy.name}</>}. Waiting for the consultant's
            approval.
          </p>
          {confirming && (
            <ApproveConfirmation
              changes={confirming.changes}
              busy={busy}
              onApprove={() => void run('approve').then(() => setConfirming(null))}
              onBack={() => setConfirming(null)}
            />
          )}
          <div className="button-group" hidden={confirming !== null}>
            {!readOnly && canApprove(role) && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  setConfirming({ changes: minutes ? changesSinceReady(minutes.doc) : null })
                }
              >
                Approve
              </button>
            )}
            {!readOnly && canMarkReady(role) && (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void run('reopen')}
              >
                Return to draft
              </button>
            )}
          </div>
        </>
      ) : (
        <Finalised meetingId={meetingId} family={family} readOnly={readOnly} state={state} />
      )}
    </section>
  );
}

/** Approving cannot be undone: say so, and show what was written after "ready". */
function ApproveConfirmation({
  changes,
  busy,
  onApprove,
  onBack,
}: {
  changes: ChangesSinceReady | null;
  busy: boolean;
  onApprove(): void;
  onBack(): void;
}) {
  const changed = changes !== null && (changes.added.length > 0 || changes.removedCharacters > 0);
  return (
    <div className="approve-confirm" role="group" aria-labelledby="approve-confirm-title">
      <p id="approve-confirm-title" className="notice__message">
        Approving cannot be undone: the minutes become the record and can then only be corrected by
        an addendum.
      </p>
      {changes === null ? null : changed ? (
        <>
          <p>Changed since they were marked ready:</p>
          {changes.added.length > 0 && (
            <ul className="approve-confirm__added" aria-label="Written since marked ready">
              {changes.added.map((run, index) => (
                <li key={index}>
                  <ins>{run}</ins>
                </li>
              ))}
            </ul>
          )}
          {changes.removedCharacters > 0 && (
            <p>
              {changes.removedCharacters === 1
                ? '1 character was removed.'
                : `${changes.removedCharacters} characters were removed.`}
            </p>
          )}
        </>
      ) : (
        <p>Nothing has changed since they were marked ready.</p>
      )}
      <div className="button-group">
        <button type="button" className="button" disabled={busy} onClick={onApprove}>
          Yes, approve these minutes
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          Go back
        </button>
      </div>
    </div>
  );
}

function Finalised({ meetingId, family, readOnly, state }: Omit<DiscussionRecordProps, 'role'>) {
  const status = state.status;
  if (!status) return null;
  return (
    <>
      <p>
        <strong className="tag tag--finalised">Finalised</strong>{' '}
        {status.finalisedAt && <>on {when(status.finalisedAt)}</>}
        {status.approvedBy ? (
          <>, approved by {status.approvedBy.name}</>
        ) : (
          <> (your unit does not ask for approval)</>
        )}
        . The minutes can no longer be changed; add an addendum to correct them.
      </p>
      {status.contentHash && (
        <p className="record__hash">
          Fingerprint of the record (SHA-256): <code>{status.contentHash}</code>
        </p>
      )}
      <h4 className="heading-s">Download</h4>
      <ul className="record__downloads">
        <li>
          Minutes for {family.name}:{' '}
          <DownloadLinks
            what={`Minutes for ${family.name}`}
            url={(format) => discussionMinutesUrl(meetingId, family.id, format)}
          />
        </li>
        <li>
          The whole meeting (every finalised family):{' '}
          <DownloadLinks
            what="Minutes of the whole meeting"
            url={(format) => meetingMinutesUrl(meetingId, format)}
          />
        </li>
        {family.children.map((child) => (
          <li key={child.id}>
            Case note for {child.name}:{' '}
            <DownloadLinks
              what={`Case note for ${child.name}`}
              url={(format) => caseNoteUrl(meetingId, family.id, child.id, format)}
            />
          </li>
        ))}
      </ul>
      <Addenda meetingId={meetingId} familyId={family.id} readOnly={readOnly} state={state} />
    </>
  );
}

function DownloadLinks({ what, url }: { what: string; url: (format: ExportFormat) => string }) {
  return (
    <span className="record__formats">
      {FORMATS.map(({ format, label }) => (
        <a key={format} href={url(format)} download aria-label={`${what}, ${label}`}>
          {label}
        </a>
      ))}
    </span>
  );
}

function Addenda({
  meetingId,
  familyId,
  readOnly,
  state,
}: {
  meetingId: string;
  familyId: string;
  readOnly: boolean;
  state: DiscussionStatusState;
}) {
  const fieldId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const addenda = state.status?.addenda ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setProblem('Write the correction first.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      state.replace(await addAddendum(meetingId, familyId, text.trim()));
      setText('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h4 className="heading-s">Addenda</h4>
      {addenda.length === 0 ? (
        <p>No addenda.</p>
      ) : (
        <ol className="record__addenda">
          {addenda.map((addendum) => (
            <li key={addendum.id}>
              <p className="hint">
                <time dateTime={addendum.at}>{when(addendum.at)}</time>, {addendum.author.name}
              </p>
              <p>{addendum.text}</p>
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <form onSubmit={(event) => void submit(event)} className="record__addendum-form">
          <label htmlFor={fieldId}>Add an addendum (a dated correction or addition)</label>
          {problem && (
            <p className="notice notice--error" role="alert">
              {problem}
            </p>
          )}
          <textarea
            id={fieldId}
            value={text}
            rows={3}
            maxLength={ADDENDUM_MAX_CHARS}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--secondary" disabled={busy}>
            Add addendum
          </button>
        </form>
      )}
    </>
  );
}
