import {
  DEFAULT_QUESTION_BANK,
  QUESTION_KINDS,
  QUESTION_KIND_INFO,
  generateQuestions,
  type Board,
  type Conversation,
  type Hypothesis,
  type PersonId,
  type Question,
  type QuestionKind,
} from '@unitroom/shared';
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { todayIsoDate } from '../../ui/dates';
import { formatPartialDate } from '../genogram';
import { FieldGroup, PeopleCheckboxes, SelectControl } from '../../ui/fields';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { CommitText, DATE_HINT, parseDate } from '../../ui/CommitFields';
import { useBoardEnv } from './boardContext';

/** How many of the bank's questions to offer at once: enough to choose from, few enough to read. */
const PROPOSALS_SHOWN = 6;
const DEFAULT_TEMPLATE_IDS = new Set(DEFAULT_QUESTION_BANK.map((t) => t.id));

/**
 * A planned conversation as a numbered list of steps, in the order a worker prepares a visit:
 * who, with whom, where, by when, the change hoped for the child, the questions in order, and
 * what to do on a yes or a no; then, afterwards, whether it happened, what we learned, what next.
 */
export function ConversationPlan({
  number,
  conversation,
  hypothesis,
  board,
  level,
}: {
  number: number;
  conversation: Conversation;
  hypothesis: Hypothesis;
  board: Board;
  level: HeadingLevel;
}) {
  const env = useBoardEnv();
  const headingId = useId();
  const { plan } = env.abilities;
  const update = (patch: Parameters<typeof env.editor.perform>[0], what: string) =>
    env.act(patch, what) ? null : 'This could not be saved';
  const text = (
    label: string,
    value: string,
    write: (text: string) => Parameters<typeof env.editor.perform>[0],
    multiline = false,
  ) =>
    plan ? (
      <CommitText
        label={label}
        value={value}
        multiline={multiline}
        readOnly={false}
        onCommit={(next) => update(write(next.trim()), `Saved ${label.toLowerCase()}`)}
      />
    ) : (
      <Step label={label}>{value || 'Not written yet'}</Step>
    );
  const questions = board.questions.filter((q) => q.conversationId === conversation.id);
  const byId = new Map(questions.map((q) => [q.id as string, q]));
  const inOrder = conversation.questions.flatMap((id) => byId.get(id) ?? []);
  const waiting = questions.filter((q) => q.state === 'suggested');
  const declined = questions.filter((q) => q.state === 'declined');
  const id = conversation.id;

  return (
    <section className="board-plan" aria-labelledby={headingId} data-testid="conversation-plan">
      <Heading level={level} id={headingId} className="heading-s">
        Planned conversation {number}
        {conversation.purpose && `: ${conversation.purpose}`}
      </Heading>
      <p className="hint">
        Planned in {env.describeMeeting(conversation.plannedInMeeting)}.
        {conversation.reviewedInMeeting &&
          ` Reviewed in ${env.describeMeeting(conversation.reviewedInMeeting)}.`}
      </p>
      <ol className="board-steps">
        <li>
          {text(
            'Who from the unit',
            conversation.workers.join(', '),
            (t) => (c) =>
              c.updateConversation(id, {
                workers: t
                  .split(',')
                  .map((w) => w.trim())
                  .filter(Boolean),
              }),
          )}
        </li>
        <li>
          {plan ? (
            <PeopleCheckboxes
              name={`${headingId}-family`}
              legend="With whom in the family"
              people={env.genogram.people.map((p) => ({ id: p.id, label: env.nameOf(p.id) }))}
              genogram={env.genogram}
              checked={new Set(conversation.familyMembers)}
              onChange={(person, on) =>
                env.act(
                  (c) =>
                    c.updateConversation(id, {
                      familyMembers: on
                        ? [...conversation.familyMembers, person as PersonId]
                        : conversation.familyMembers.filter((p) => p !== person),
                    }),
                  'Saved who the conversation is with',
                )
              }
            />
          ) : (
            <Step label="With whom in the family">
              {conversation.familyMembers.map(env.nameOf).join(', ') || 'Not chosen yet'}
            </Step>
          )}
        </li>
        <li>
          {text('Where', conversation.where, (t) => (c) => c.updateConversation(id, { where: t }))}
        </li>
        <li>
          {plan ? (
            <CommitText
              label="By when"
              hint={DATE_HINT}
              value={conversation.by ?? ''}
              readOnly={false}
              width="short"
              onCommit={(t) => {
                const parsed = parseDate(t);
                if ('error' in parsed) return parsed.error;
                return update(
                  (c) => c.updateConversation(id, { by: parsed.value }),
                  'Saved by when',
                );
              }}
            />
          ) : (
            <Step label="By when">
              {conversation.by ? formatPartialDate(conversation.by) : 'Not set'}
            </Step>
          )}
        </li>
        <li>
          {text(
            'The change we hope for, for the child',
            conversation.purpose,
            (t) => (c) => c.updateConversation(id, { purpose: t }),
            true,
          )}
        </li>
        <li>
          <QuestionSteps
            conversation={conversation}
            inOrder={inOrder}
            waiting={waiting}
            declined={declined}
            hypothesis={hypothesis}
            allQuestions={questions}
            level={below(level)}
          />
        </li>
        <li>
          {text(
            'If the answer is yes',
            conversation.ifYes,
            (t) => (c) => c.updateConversation(id, { ifYes: t }),
            true,
          )}
        </li>
        <li>
          {text(
            'If the answer is no',
            conversation.ifNo,
            (t) => (c) => c.updateConversation(id, { ifNo: t }),
            true,
          )}
        </li>
      </ol>
      <details className="details">
        <summary className="details__summary">Afterwards: did it happen, what we learned</summary>
        <div className="details__text">
          <dl className="panel-values">
            <div className="panel-value">
              <dt className="panel-value__label">Did it happen?</dt>
              <dd className="panel-value__value">
                {conversation.happened === null
                  ? 'Not recorded'
                  : conversation.happened
                    ? 'Yes'
                    : 'No'}
              </dd>
            </div>
          </dl>
          {plan && (
            <div className="button-group">
              {([true, false] as const).map((happened) => (
                <button
                  key={String(happened)}
                  type="button"
                  className="button button--small button--secondary"
                  aria-pressed={conversation.happened === happened}
                  onClick={() =>
                    env.act(
                      (c) => c.recordOutcome(id, { happened }),
                      happened ? 'Recorded that it happened' : 'Recorded that it did not happen',
                    )
                  }
                >
                  {happened ? 'It happened' : 'It did not happen'}
                </button>
              ))}
            </div>
          )}
          {text(
            'What we learned',
            conversation.learned,
            (t) => (c) => c.recordOutcome(id, { happened: conversation.happened, learned: t }),
            true,
          )}
          {text(
            'What next',
            conversation.next,
            (t) => (c) => c.recordOutcome(id, { happened: conversation.happened, next: t }),
            true,
          )}
        </div>
      </details>
      {plan && (
        <button
          type="button"
          className="button button--small button--warning"
          onClick={() => env.act((c) => c.deleteConversation(id), 'Deleted the conversation')}
        >
          Delete this conversation
        </button>
      )}
    </section>
  );
}

function Step({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="board-step">
      <p className="board-step__label">{label}</p>
      <p className="board-step__value">{children}</p>
    </div>
  );
}

function QuestionSteps({
  conversation,
  inOrder,
  waiting,
  declined,
  hypothesis,
  allQuestions,
  level,
}: {
  conversation: Conversation;
  inOrder: Question[];
  waiting: Question[];
  declined: Question[];
  hypothesis: Hypothesis;
  allQuestions: Question[];
  level: HeadingLevel;
}) {
  const env = useBoardEnv();
  const { plan, contribute } = env.abilities;
  const to = (q: Question) => (q.addressedTo ? ` To ${env.nameOf(q.addressedTo)}.` : '');
  const kind = (q: Question) => QUESTION_KIND_INFO[q.kind].label;

  const move = (q: Question, index: number, step: -1 | 1) => {
    const target = index + step;
    if (target < 0 || target >= inOrder.length) return;
    env.act(
      (c) => c.moveQuestion(q.id, target),
      `Question moved to ${target + 1} of ${inOrder.length}`,
    );
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-question-move="${q.id}"]`)?.focus(),
    );
  };
  const onQuestionKey = (event: KeyboardEvent<HTMLElement>, q: Question, index: number) => {
    if (!plan || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(q, index, event.key === 'ArrowUp' ? -1 : 1);
  };

  return (
    <div className="board-questions">
      <p className="board-step__label">Questions, in the order we will ask them</p>
      {inOrder.length === 0 ? (
        <p className="hint">None in the plan yet.</p>
      ) : (
        <ol className="board-question-list" data-testid="plan-questions">
          {inOrder.map((q, index) => (
            <li key={q.id} data-testid="plan-question" data-state="accepted">
              <span className="board-question__text">{q.text}</span>{' '}
              <span className="board-author">
                {kind(q)}.{to(q)} Written by {q.suggestedBy}.
              </span>
              {plan && (
                <span className="board-question__actions">
                  <button
                    type="button"
                    className="link-button"
                    data-question-move={q.id}
                    aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    aria-label={`Move question ${index + 1} earlier (Alt and the up or down arrow moves it)`}
                    disabled={index === 0}
                    onClick={() => move(q, index, -1)}
                    onKeyDown={(event) => onQuestionKey(event, q, index)}
                  >
                    Earlier
                  </button>{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Move question ${index + 1} later`}
                    disabled={index === inOrder.length - 1}
                    onClick={() => move(q, index, 1)}
                    onKeyDown={(event) => onQuestionKey(event, q, index)}
                  >
                    Later
                  </button>{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove question ${index + 1}`}
                    onClick={() => env.act((c) => c.deleteQuestion(q.id), 'Removed the question')}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {waiting.length > 0 && (
        <div className="board-question-suggestions">
          <Heading level={level} className="heading-s">
            Suggested questions, not in the plan until accepted
          </Heading>
          <ul className="board-list">
            {waiting.map((q) => (
              <li
                key={q.id}
                className="board-suggestion"
                data-testid="suggested-question"
                data-state="suggested"
              >
                <p className="board-suggestion__author">
                  <span className="tag tag--suggestion">Suggestion</span> by {q.suggestedBy}
                </p>
                <p className="board-question__text">{q.text}</p>
                <p className="board-author">
                  {kind(q)}.{to(q)}
                </p>
                {plan && (
                  <div className="button-group">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        env.act(
                          (c) => c.acceptQuestion(q.id),
                          'Accepted the question into the plan',
                        )
                      }
                    >
                      Accept<span className="visually-hidden"> the question: {q.text}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() =>
                        env.act((c) => c.declineQuestion(q.id), 'Declined the question')
                      }
                    >
                      Decline<span className="visually-hidden"> the question: {q.text}</span>
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {declined.length > 0 && (
        <details className="details">
          <summary className="details__summary">Declined questions ({declined.length})</summary>
          <div className="details__text">
            <ul className="board-plain-list">
              {declined.map((q) => (
                <li key={q.id}>
                  {q.text} <span className="board-author">(suggested by {q.suggestedBy})</span>
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      {(plan || contribute) && (
        <>
          <QuestionForm conversation={conversation} />
          <BankProposals
            conversation={conversation}
            hypothesis={hypothesis}
            existing={allQuestions}
            level={level}
          />
        </>
      )}
    </div>
  );
}

/** Write a question: straight into the plan for those who plan, a suggestion for the rest. */
function QuestionForm({ conversation }: { conversation: Conversation }) {
  const env = useBoardEnv();
  const textId = useId();
  const kindId = useId();
  const toId = useId();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<QuestionKind>('circular');
  const [addressedTo, setAddressedTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const suggesting = !env.abilities.plan;

  return (
    <form
      className="board-question-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') {
          setProblem('Write the question');
          return;
        }
        const input = {
          text,
          kind,
          addressedTo: (addressedTo || null) as PersonId | null,
          suggestedBy: env.author,
        };
        const ok = env.act(
          (c) =>
            suggesting
              ? c.suggestQuestion(conversation.id, input)
              : c.addQuestion(conversation.id, input),
          suggesting ? 'Suggested a question' : 'Added the question to the plan',
        );
        if (ok) {
          setText('');
          setProblem(null);
        }
      }}
    >
      <FieldGroup
        id={textId}
        label={suggesting ? 'Suggest a question' : 'Add a question'}
        error={problem}
      >
        <input
          id={textId}
          className="input"
          type="text"
          autoComplete="off"
          value={text}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </FieldGroup>
      <div className="board-question-form__row">
        <FieldGroup id={kindId} label="Kind of question">
          <SelectControl
            id={kindId}
            value={kind}
            options={QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_INFO[k].label }))}
            onChange={setKind}
          />
        </FieldGroup>
        <FieldGroup id={toId} label="Asked to">
          <SelectControl
            id={toId}
            value={addressedTo}
            options={[
              { value: '', label: 'Whoever is there' },
              ...env.genogram.people.map((p) => ({
                value: p.id as string,
                label: env.nameOf(p.id),
              })),
            ]}
            onChange={setAddressedTo}
          />
        </FieldGroup>
      </div>
      <button type="submit" className="button button--small">
        {suggesting ? 'Suggest question' : 'Add question'}
      </button>
    </form>
  );
}

/**
 * The question bank's proposals for this hypothesis, filled in with the family's own people;
 * one click puts one on the board as a suggestion by the person who clicked.
 */
function BankProposals({
  conversation,
  hypothesis,
  existing,
  level,
}: {
  conversation: Conversation;
  hypothesis: Hypothesis;
  existing: Question[];
  level: HeadingLevel;
}) {
  const env = useBoardEnv();
  const [asOf] = useState(todayIsoDate);
  const all = useMemo(
    () =>
      generateQuestions({
        genogram: env.genogram,
        hypothesis: {
          text: hypothesis.text,
          people: hypothesis.aboutPeople,
          relationships: hypothesis.aboutRelationships,
        },
        bank: env.bank,
        asOf,
      }),
    [
      env.genogram,
      env.bank,
      hypothesis.text,
      hypothesis.aboutPeople,
      hypothesis.aboutRelationships,
      asOf,
    ],
  );
  const used = new Set(existing.map((q) => q.text));
  // The unit's own questions first: a unit writes one because it wants it asked.
  const own = (templateId: string) => (DEFAULT_TEMPLATE_IDS.has(templateId) ? 1 : 0);
  const proposals = all
    .filter((q) => !used.has(q.text))
    .sort((a, b) => own(a.templateId) - own(b.templateId))
    .slice(0, PROPOSALS_SHOWN);
  return (
    <details className="details board-bank">
      <summary className="details__summary">Questions from the bank for this hypothesis</summary>
      <div className="details__text">
        <p className="hint">
          Proposed from your unit&rsquo;s question bank.{' '}
          <Link to={env.bankPath}>See or change the unit&rsquo;s question bank</Link>
        </p>
        {proposals.length === 0 ? (
          <p className="hint">
            The bank fills its questions with the family&rsquo;s own people: add the child and their
            family to the genogram, and link the hypothesis to them.
          </p>
        ) : (
          <>
            <Heading level={level} className="visually-hidden">
              Proposed questions
            </Heading>
            <ul className="board-list">
              {proposals.map((q) => (
                <li key={q.key} className="board-proposal" data-testid="bank-proposal">
                  <p className="board-question__text">{q.text}</p>
                  <p className="board-author">
                    {QUESTION_KIND_INFO[q.kind].label}.
                    {q.addressedTo && ` To ${env.nameOf(q.addressedTo)}.`}
                  </p>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() =>
                      env.act(
                        (c) =>
                          c.suggestQuestion(conversation.id, {
                            text: q.text,
                            kind: q.kind,
                            addressedTo: q.addressedTo,
                            suggestedBy: env.author,
                          }),
                        'Suggested the question',
                      )
                    }
                  >
                    Suggest<span className="visually-hidden"> this question: {q.text}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}
