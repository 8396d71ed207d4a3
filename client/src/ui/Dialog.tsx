import { useEffect, useId, useLayoutEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from './fields';

/** Where a form starts: the control marked `data-autofocus`, else its first control. */
function firstField(form: HTMLElement): HTMLElement | null {
  return (
    form.querySelector<HTMLElement>('[data-autofocus]') ??
    form.querySelector<HTMLElement>('input, select, textarea, button')
  );
}

/**
 * For a form that opens in place rather than in a Dialog: focus goes to where it starts when it
 * appears, as in a Dialog. Put the returned ref on the form.
 */
export function useFocusFirstField<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (ref.current) firstField(ref.current)?.focus();
  }, []);
  return ref;
}

interface DialogProps {
  title: string;
  /** Shown under the title: what the dialog will do, in a sentence. */
  lead?: ReactNode;
  submitLabel: string;
  /** Styles the submit button as a warning (deleting). */
  destructive?: boolean;
  errors: readonly SummaryError[];
  onSubmit(): void;
  onCancel(): void;
  children?: ReactNode;
}

/**
 * A modal form on the native `<dialog>`: the browser keeps focus inside it and makes the page
 * behind inert, Escape cancels. Focus goes to the first field (or `data-autofocus`) when it opens,
 * to the error summary when a submit fails, and back to whatever opened it when it closes.
 */
export function Dialog({
  title,
  lead,
  submitLabel,
  destructive = false,
  errors,
  onSubmit,
  onCancel,
  children,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // A layout effect, so the cleanup closes the dialog and returns focus while the dialog is still
  // in the page: a passive cleanup runs after React has removed it, when focus is already lost.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    firstField(dialog)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Whoever handles the outcome may move focus on later (to a person just added); until
      // then it must not fall to the page's body.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    if (errors.length > 0) summaryRef.current?.focus();
  }, [errors]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // React owns whether the dialog is open: let the parent unmount it.
        event.preventDefault();
        onCancel();
      }}
      onClose={(event) => {
        // The browser may close it anyway (a second Escape without user activation); the
        // `close` that follows our own `close()` on unmount finds it open again or is not heard.
        if (!event.currentTarget.open) onCancel();
      }}
    >
      <form className="dialog__form" onSubmit={submit} noValidate>
        <h2 id={titleId} className="heading-m">
          {title}
        </h2>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        {lead && <div className="dialog__lead">{lead}</div>}
        {children}
        <div className="button-group">
          <button
            type="submit"
            className={destructive ? 'button button--warning' : 'button'}
            data-testid="dialog-submit"
          >
            {submitLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
