import { canApprove, type UnitMembership } from '@unitroom/shared';
import { useEffect, useId, useState } from 'react';
import { fetchFinalisationSettings, saveFinalisationSettings } from '../../api/finalisation';

/**
 * The unit's choice whether ready minutes wait for the consultant's approval. Everyone sees it;
 * only the consultant changes it, and the server checks that too.
 */
export function ApprovalSetting({ unit }: { unit: UnitMembership }) {
  const id = useId();
  const [required, setRequired] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = canApprove(unit.role) && !unit.readOnly;

  useEffect(() => {
    let cancelled = false;
    fetchFinalisationSettings(unit.id).then(
      (settings) => !cancelled && setRequired(settings.approvalRequired),
      (failure: unknown) =>
        !cancelled && setProblem(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [unit.id]);

  const change = async (next: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      setRequired(
        (await saveFinalisationSettings(unit.id, { approvalRequired: next })).approvalRequired,
      );
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  if (required === null) return problem ? <p>{problem}</p> : null;
  return (
    <section className="approval-setting" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="heading-m">
        Finalising minutes
      </h2>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {editable ? (
        <div className="checkbox">
          <input
            id={id}
            className="checkbox__input"
            type="checkbox"
            checked={required}
            disabled={busy}
            onChange={(event) => void change(event.target.checked)}
          />
          <label htmlFor={id} className="checkbox__label">
            Minutes marked ready wait for the consultant's approval
          </label>
        </div>
      ) : (
        <p>
          {required
            ? "Minutes marked ready wait for the consultant's approval."
            : 'Minutes are finalised as soon as they are marked ready.'}
        </p>
      )}
    </section>
  );
}
