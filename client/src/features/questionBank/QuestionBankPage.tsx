import {
  ADDRESSEES,
  API_ERROR_CODES,
  PLACEHOLDER_NAMES,
  QUESTION_KINDS,
  QUESTION_KIND_INFO,
  newTemplate,
  withTemplate,
  withoutTemplate,
  type Addressee,
  type QuestionBank,
  type QuestionKind,
  type UnitMembership,
  type UnitQuestionBank,
} from '@unitroom/shared';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiRequestError } from '../../api/http';
import { restoreDefaultQuestionBank, saveQuestionBank } from '../../api/questionBank';
import { useMe } from '../../session/auth';
import { unitHomePath } from '../../navigation/paths';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ErrorSummary, FieldGroup, SelectControl } from '../../ui/fields';
import { useUnitQuestionBank } from './useUnitQuestionBank';
import './questionBank.css';

const ADDRESSEE_LABELS: Record<Addressee, string> = {
  family: 'Whoever is there',
  child: 'The child',
  parent: 'A parent',
  grandparent: 'A grandparent',
  sibling: 'A brother or sister',
  partner: 'A parent’s partner',
};

/** `/units/:unitId/question-bank`: the templates the board's proposals come from (shared/SPEC.md [Q1]-[Q5]). */
export function QuestionBankPage() {
  const me = useMe();
  const { unitId } = useParams();
  const unit = me.units.find((candidate) => candidate.id === unitId);
  if (!unit) {
    return (
      <div className="page">
        <PageHeading>Unit not found</PageHeading>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }
  return <UnitBank key={unit.id} unit={unit} />;
}

function UnitBank({ unit }: { unit: UnitMembership }) {
  const { bank, error: loadError, reload, replace } = useUnitQuestionBank(unit.id);
  const [status, setStatus] = useState({ text: '', count: 0 });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = !unit.readOnly;

  const announce = (text: string) => setStatus((s) => ({ text, count: s.count + 1 }));

  /** Saves and says so; on a conflict, reloads and asks for the change again. */
  const run = async (work: () => Promise<UnitQuestionBank>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      replace(await work());
      setProblem(null);
      announce(done);
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === API_ERROR_CODES.CONFLICT) reload();
      setProblem(error instanceof Error ? error.message : 'The bank could not be saved');
      return false;
    } finally {
      setBusy(false);
    }
  };
  const save = (next: QuestionBank, done: string) =>
    bank ? run(() => saveQuestionBank(unit.id, next, bank.version), done) : Promise.resolve(false);

  return (
    <div className="page question-bank">
      <p>
        <Link to={unitHomePath(unit.id)}>Back to {unit.name}</Link>
      </p>
      <PageHeading>{`Question bank of ${unit.name}`}</PageHeading>
      <p className="lead">
        The board proposes questions for a hypothesis from these templates, filled in with the
        family&rsquo;s own people.{' '}
        {bank &&
          (bank.custom
            ? `Your unit has its own bank of ${bank.bank.length} questions.`
            : `Your unit uses the default bank of ${bank.bank.length} questions.`)}
      </p>
      {!editable && (
        <p className="notice">
          You have read-only access: you can read the bank but not change it.
        </p>
      )}
      <ErrorSummary
        errors={[...(problem ? [problem] : []), ...(loadError ? [loadError] : [])].map(
          (message) => ({ fieldId: null, message }),
        )}
      />
      <p role="status" data-testid="question-bank-status">
        {status.text}
        {status.count % 2 === 1 ? '\u200b' : ''}
      </p>
      {!bank ? (
        <Loading>Loading the question bank…</Loading>
      ) : (
        <>
          {editable && (
            <NewTemplateForm
              bank={bank.bank}
              busy={busy}
              onAdd={(template) => save(withTemplate(bank.bank, template), 'Question added')}
            />
          )}
          {editable && bank.custom && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() =>
                  void run(() => restoreDefaultQuestionBank(unit.id), 'The default bank is back')
                }
              >
                Restore the default bank
              </button>
            </p>
          )}
          {QUESTION_KINDS.map((kind) => {
            const templates = bank.bank.filter((t) => t.kind === kind);
            return (
              <section key={kind} aria-labelledby={`bank-${kind}`} className="question-bank__kind">
                <h2 id={`bank-${kind}`} className="heading-m">
                  {QUESTION_KIND_INFO[kind].label} ({templates.length})
                </h2>
                <p className="hint">{QUESTION_KIND_INFO[kind].description}</p>
                <ul className="question-bank__list">
                  {templates.map((template) => (
                    <li key={template.id} data-testid="bank-template">
                      <span>{template.text}</span>{' '}
                      <span className="hint">
                        Asked to: {ADDRESSEE_LABELS[template.addressedTo]}.
                      </span>
                      {editable && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="link-button"
                            disabled={busy}
                            onClick={() =>
                              void save(withoutTemplate(bank.bank, template.id), 'Question removed')
                            }
                          >
                            Remove<span className="visually-hidden">: {template.text}</span>
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function NewTemplateForm({
  bank,
  busy,
  onAdd,
}: {
  bank: QuestionBank;
  busy: boolean;
  onAdd(template: QuestionBank[number]): Promise<boolean>;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<QuestionKind>('circular');
  const [addressedTo, setAddressedTo] = useState<Addressee>('family');
  const [error, setError] = useState<string | null>(null);
  const hint = `Write {child}, {parent} and so on where the family's own names go: ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(', ')}.`;
  return (
    <form
      className="question-bank__form"
      onSubmit={(event) => {
        event.preventDefault();
        const made = newTemplate({ kind, addressedTo, text }, bank);
        if ('error' in made) {
          setError(made.error);
          return;
        }
        setError(null);
        void onAdd(made.template).then((ok) => {
          if (ok) setText('');
        });
      }}
    >
      <h2 className="heading-m">Add a question to the bank</h2>
      <FieldGroup id={`${id}-text`} label="Question" hint={hint} error={error}>
        <input
          id={`${id}-text`}
          className="input"
          type="text"
          autoComplete="off"
          value={text}
          aria-describedby={`${id}-text-hint${error ? ` ${id}-text-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </FieldGroup>
      <FieldGroup id={`${id}-kind`} label="Kind of question">
        <SelectControl
          id={`${id}-kind`}
          value={kind}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_INFO[k].label }))}
          onChange={setKind}
        />
      </FieldGroup>
      <FieldGroup id={`${id}-to`} label="Asked to">
        <SelectControl
          id={`${id}-to`}
          value={addressedTo}
          options={ADDRESSEES.map((a) => ({ value: a, label: ADDRESSEE_LABELS[a] }))}
          onChange={setAddressedTo}
        />
      </FieldGroup>
      <button type="submit" className="button" disabled={busy}>
        Add question
      </button>
    </form>
  );
}
