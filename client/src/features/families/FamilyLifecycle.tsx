import { MAX_CLOSING_SUMMARY_CHARS, type FamilyDetail } from '@unitroom/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiRequestError } from '../../api/http';
import {
  closeFamily,
  fetchClosingCheck,
  fetchFamilyDetail,
  reopenFamily,
  transferFamily,
  type ClosingCheck,
} from '../../api/familyLifecycle';
import { useAuth } from '../../session/auth';
import { familyPath, unitHomePath } from '../../navigation/paths';
import { useFocusFirstField } from '../../ui/Dialog';
import { formatMeetingDate } from '../../ui/dates';
import './families.css';

type Step = 'idle' | 'transfer' | 'close';

const BIRTH_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Ciara Brennan, born 2 April 2015, case record LCS-400101". */
function describeChild(child: FamilyDetail['children'][number]): string {
  const date = child.birthDate
    ? /^\d{4}-\d{2}-\d{2}$/.test(child.birthDate)
      ? BIRTH_DATE.format(new Date(`${child.birthDate}T00:00:00Z`))
      : child.birthDate
    : null;
  const born = date ? `${child.unborn ? 'expected' : 'born'} ${date}` : 'date of birth not known';
  return `${child.name}, ${born}${child.caseRecordId ? `, case record ${child.caseRecordId}` : ''}`;
}

const messageOf = (reason: unknown, fallback: string) =>
  reason instanceof ApiRequestError ? reason.message : fallback;

/**
 * A change to the family is asked before it is made: the first submit shows the confirmation, the
 * second sends; a refusal goes back to the first step with its reason, and so does editing the
 * form (`withdraw`).
 */
function useConfirmedChange() {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmOrSend = (send: () => Promise<void>, failure: string) => {
    if (!confirming) {
      setError(null);
      setConfirming(true);
      return;
    }
    send().catch((reason: unknown) => {
      setConfirming(false);
      setError(messageOf(reason, failure));
    });
  };
  return { confirming, error, setError, withdraw: () => setConfirming(false), confirmOrSend };
}

/** A lifecycle form's buttons: Continue, or once confirming, the change itself; and Cancel. */
function ConfirmActions({ submitLabel, onCancel }: { submitLabel: string; onCancel: () => void }) {
  return (
    <div className="family-lifecycle__actions">
      <button type="submit" className="button">
        {submitLabel}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The family's place in the unit ([F7]-[F9]): its children as the unit's records hold them, its
 * lead worker, and for the consultant the transfer, close and reopen actions, each confirmed
 * before anything changes.
 */
export function FamilyLifecycle({
  familyId,
  onChanged,
}: {
  familyId: string;
  onChanged?: (detail: FamilyDetail) => void;
}) {
  const [detail, setDetail] = useState<FamilyDetail | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    fetchFamilyDetail(familyId).then(
      (found) => current && setDetail(found),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [familyId]);
  if (failed) return null;
  if (!detail) return null;
  return (
    <LifecyclePanel
      detail={detail}
      onChanged={(next) => {
        setDetail(next);
        onChanged?.(next);
      }}
    />
  );
}

function LifecyclePanel({
  detail,
  onChanged,
}: {
  detail: FamilyDetail;
  onChanged: (detail: FamilyDetail) => void;
}) {
  const [step, setStep] = useState<Step>('idle');
  const active = detail.children.filter((child) => child.active);
  const former = detail.children.filter((child) => !child.active);
  return (
    <section className="family-lifecycle" aria-labelledby="family-lifecycle-title">
      <h2 id="family-lifecycle-title" className="heading-m">
        The family in the unit
      </h2>
      <dl className="family-lifecycle__facts">
        <div>
          <dt>Status</dt>
          <dd>
            {detail.status === 'open' ? 'Open' : 'Closed'}
            {detail.closedAt && ` since ${formatMeetingDate(detail.closedAt.slice(0, 10))}`}
          </dd>
        </div>
        <div>
          <dt>Lead worker</dt>
          <dd>{detail.leadWorker?.name ?? 'Not named'}</dd>
        </div>
        <div>
          <dt>Children the unit works for</dt>
          <dd>
            {active.length === 0
              ? 'None marked on the genogram'
              : active.map(describeChild).join('; ')}
          </dd>
        </div>
        {former.length > 0 && (
          <div>
            <dt>No longer marked (records kept)</dt>
            <dd>{former.map((child) => child.name).join(', ')}</dd>
          </div>
        )}
        {detail.closingSummary && (
          <div>
            <dt>Closing summary</dt>
            <dd className="family-lifecycle__summary">{detail.closingSummary}</dd>
          </div>
        )}
      </dl>
      <div className="family-lifecycle__actions">
        {detail.can.transfer && step === 'idle' && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep('transfer')}
          >
            Transfer to another unit
          </button>
        )}
        {detail.can.close && step === 'idle' && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep('close')}
          >
            Close the family
          </button>
        )}
        {detail.can.reopen && <ReopenAction detail={detail} onChanged={onChanged} />}
      </div>
      {step === 'transfer' && <TransferForm detail={detail} onCancel={() => setStep('idle')} />}
      {step === 'close' && (
        <CloseForm
          detail={detail}
          onCancel={() => setStep('idle')}
          onClosed={(next) => {
            setStep('idle');
            onChanged(next);
          }}
        />
      )}
    </section>
  );
}

function TransferForm({ detail, onCancel }: { detail: FamilyDetail; onCancel: () => void }) {
  const { refreshMe } = useAuth();
  const navigate = useNavigate();
  const [toUnitId, setToUnitId] = useState('');
  const { confirming, error, setError, withdraw, confirmOrSend } = useConfirmedChange();
  const target = detail.transferTargets.find((unit) => unit.id === toUnitId);
  const form = useFocusFirstField<HTMLFormElement>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) {
      setError('Choose the unit the family moves to');
      return;
    }
    confirmOrSend(async () => {
      await transferFamily(detail.id, target.id);
      await refreshMe().catch(() => undefined);
      navigate(unitHomePath(detail.unitId));
    }, 'The family could not be transferred.');
  };

  return (
    <form ref={form} className="family-lifecycle__form" onSubmit={submit} noValidate>
      <h3 className="heading-s">Transfer {detail.name}</h3>
      <p>
        The family moves with all its history: genogram and its past versions, board, discussions,
        finalised records and addenda. This unit keeps no access.
      </p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <div className="form-group">
        <label className="label" htmlFor="transfer-unit">
          Move to
        </label>
        <select
          id="transfer-unit"
          className="input"
          value={toUnitId}
          onChange={(event) => {
            setToUnitId(event.target.value);
            withdraw();
          }}
        >
          <option value="">Choose a unit</option>
          {detail.transferTargets.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </select>
      </div>
      {confirming && target && (
        <p className="family-lifecycle__confirm" role="status">
          Transfer {detail.name} to {target.name}? Everyone here loses access at once.
        </p>
      )}
      <ConfirmActions
        submitLabel={confirming && target ? `Yes, transfer to ${target.name}` : 'Continue'}
        onCancel={onCancel}
      />
    </form>
  );
}

function CloseForm({
  detail,
  onCancel,
  onClosed,
}: {
  detail: FamilyDetail;
  onCancel: () => void;
  onClosed: (detail: FamilyDetail) => void;
}) {
  const { refreshMe } = useAuth();
  const [summary, setSummary] = useState('');
  const [open, setOpen] = useState<ClosingCheck | null>(null);
  const { confirming, error, setError, withdraw, confirmOrSend } = useConfirmedChange();
  const form = useFocusFirstField<HTMLFormElement>();
  const summaryField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    fetchClosingCheck(detail.id).then(setOpen, () => setOpen({ actions: [], conversations: [] }));
  }, [detail.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!summary.trim()) {
      setError('Write a short closing summary');
      summaryField.current?.focus();
      return;
    }
    confirmOrSend(async () => {
      const next = await closeFamily(detail.id, summary);
      await refreshMe().catch(() => undefined);
      onClosed(next);
    }, 'The family could not be closed.');
  };

  return (
    <form ref={form} className="family-lifecycle__form" onSubmit={submit} noValidate>
      <h3 className="heading-s">Close {detail.name}</h3>
      {open && (open.actions.length > 0 || open.conversations.length > 0) ? (
        <div className="family-lifecycle__open" role="note">
          <p>
            <strong>Still open:</strong>
          </p>
          <ul>
            {open.actions.map((action) => (
              <li key={`action:${action.text}:${action.due ?? ''}`}>
                Action: {action.text}
                {action.owner ? ` (${action.owner})` : ''}
              </li>
            ))}
            {open.conversations.map((conversation) => (
              <li key={conversation.id}>
                Planned conversation not yet reviewed:{' '}
                {conversation.purpose || 'no purpose written'}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        open && <p>No open actions or planned conversations.</p>
      )}
      {error && (
        <p className="error-message" role="alert" id="closing-summary-error">
          {error}
        </p>
      )}
      <div className="form-group">
        <label className="label" htmlFor="closing-summary">
          Closing summary
        </label>
        <p id="closing-summary-hint" className="hint field-hint">
          A few lines: why the unit’s work ends and what is in place for the children.
        </p>
        <textarea
          id="closing-summary"
          ref={summaryField}
          className="input family-lifecycle__textarea"
          rows={4}
          maxLength={MAX_CLOSING_SUMMARY_CHARS}
          aria-describedby={`closing-summary-hint${error ? ' closing-summary-error' : ''}`}
          value={summary}
          onChange={(event) => {
            setSummary(event.target.value);
            withdraw();
          }}
        />
      </div>
      {confirming && (
        <p className="family-lifecycle__confirm" role="status">
          Close {detail.name}? It becomes read-only and leaves the agenda and the home page; it can
          be reopened.
        </p>
      )}
      <ConfirmActions
        submitLabel={confirming ? 'Yes, close the family' : 'Continue'}
        onCancel={onCancel}
      />
    </form>
  );
}

function ReopenAction({
  detail,
  onChanged,
}: {
  detail: FamilyDetail;
  onChanged: (detail: FamilyDetail) => void;
}) {
  const { refreshMe } = useAuth();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reopen = () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    reopenFamily(detail.id)
      .then(async (next) => {
        await refreshMe().catch(() => undefined);
        onChanged(next);
        navigate(familyPath(detail.id));
      })
      .catch((reason: unknown) => setError(messageOf(reason, 'The family could not be reopened.')));
  };
  return (
    <>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button" onClick={reopen}>
        {confirming ? `Yes, reopen ${detail.name}` : 'Reopen (a re-referral)'}
      </button>
    </>
  );
}
