import { conversationsToReview, reviewedIn, type Board, type Conversation } from '@unitroom/shared';
import { useId, useState } from 'react';
import { formatPartialDate } from '../genogram';
import { ErrorSummary, FieldGroup, RadioGroup } from '../../ui/fields';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { useBoardEnv } from './boardContext';

/**
 * When a family comes back on the agenda, its board opens with last time's planned conversations
 * and asks: did it happen, what did we learn, what next ([B19], [B20]). Reviews done in this
 * meeting stay listed as done, so the list does not jump while the unit works through it.
 */
export function ReviewPanel({ board, level }: { board: Board; level: HeadingLevel }) {
  const env = useBoardEnv();
  const headingId = useId();
  const meeting = env.meeting;
  if (!meeting) return null;
  const due = conversationsToReview(board, meeting.id, env.isEarlierMeeting);
  const done = board.conversations.filter((c) => reviewedIn(c, meeting.id));
  if (due.length === 0 && done.length === 0) return null;
  return (
    <section className="board-review" aria-labelledby={headingId} data-testid="board-review">
      <Heading level={level} id={headingId} className="heading-s">
        Since last time:{' '}
        {due.length === 0
          ? 'all reviewed'
          : `${due.length} planned conversation${due.length === 1 ? '' : 's'} to review`}
      </Heading>
      <p>What did we plan, did it happen, what did we learn, and what next?</p>
      <ol className="board-review__list">
        {due.map((c) => (
          <li key={c.id}>
            <ReviewItem conversation={c} board={board} level={below(level)} />
          </li>
        ))}
        {done.map((c) => (
          <li key={c.id}>
            <Reviewed conversation={c} board={board} level={below(level)} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Summary({ conversation, board }: { conversation: Conversation; board: Board }) {
  const env = useBoardEnv();
  const hypothesis = board.hypotheses.find((h) => h.id === conversation.hypothesisId);
  const questions = conversation.questions.flatMap(
    (id) => board.questions.find((q) => q.id === id) ?? [],
  );
  return (
    <>
      <p className="board-quote">Hypothesis: {hypothesis?.text}</p>
      <dl className="panel-values">
        <div className="panel-value">
          <dt className="panel-value__label">Planned</dt>
          <dd className="panel-value__value">
            {env.describeMeeting(conversation.plannedInMeeting)}:{' '}
            {conversation.workers.join(', ') || 'someone from the unit'} with{' '}
            {conversation.familyMembers.map(env.nameOf).join(', ') || 'the family'}
            {conversation.where && `, ${conversation.where}`}
            {conversation.by && `, by ${formatPartialDate(conversation.by)}`}
          </dd>
        </div>
        <div className="panel-value">
          <dt className="panel-value__label">Hoped-for change</dt>
          <dd className="panel-value__value">{conversation.purpose || 'Not written'}</dd>
        </div>
        {questions.length > 0 && (
          <div className="panel-value">
            <dt className="panel-value__label">Questions</dt>
            <dd className="panel-value__value">
              <ol className="board-plain-list">
                {questions.map((q) => (
                  <li key={q.id}>{q.text}</li>
                ))}
              </ol>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

function ReviewItem({
  conversation,
  board,
  level,
}: {
  conversation: Conversation;
  board: Board;
  level: HeadingLevel;
}) {
  const env = useBoardEnv();
  const formId = useId();
  const [happened, setHappened] = useState<'yes' | 'no' | null>(
    conversation.happened === null ? null : conversation.happened ? 'yes' : 'no',
  );
  const [learned, setLearned] = useState(conversation.learned);
  const [next, setNext] = useState(conversation.next);
  const [problem, setProblem] = useState<string | null>(null);
  const hypothesis = board.hypotheses.find((h) => h.id === conversation.hypothesisId);
  const title = conversation.purpose || hypothesis?.text || 'A planned conversation';
  return (
    <article className="board-review__item" aria-labelledby={`${formId}-title`}>
      <Heading level={level} id={`${formId}-title`} className="heading-s">
        {title}
      </Heading>
      <Summary conversation={conversation} board={board} />
      {env.abilities.plan && env.meeting ? (
        <form
          aria-label={`Review: ${title}`}
          onSubmit={(event) => {
            event.preventDefault();
            const meeting = env.meeting;
            if (!meeting) return;
            if (happened === null) {
              setProblem('Say whether the conversation happened');
              return;
            }
            const ok = env.act(
              (c) =>
                c.reviewConversation(conversation.id, {
                  happened: happened === 'yes',
                  learned,
                  next,
                  meeting: meeting.id,
                  date: meeting.date,
                }),
              'Review saved',
            );
            if (ok) setProblem(null);
          }}
        >
          <ErrorSummary
            errors={problem ? [{ fieldId: `${formId}-happened-yes`, message: problem }] : []}
          />
          <RadioGroup
            name={`${formId}-happened`}
            legend="Did it happen?"
            value={happened}
            inline
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            onChange={setHappened}
          />
          <FieldGroup id={`${formId}-learned`} label="What did we learn?">
            <textarea
              id={`${formId}-learned`}
              className="textarea"
              rows={2}
              value={learned}
              onChange={(event) => setLearned(event.target.value)}
            />
          </FieldGroup>
          <FieldGroup id={`${formId}-next`} label="What next?">
            <textarea
              id={`${formId}-next`}
              className="textarea"
              rows={2}
              value={next}
              onChange={(event) => setNext(event.target.value)}
            />
          </FieldGroup>
          <button type="submit" className="button button--small">
            Save the review
          </button>
        </form>
      ) : (
        <p className="hint">Waiting for the workers holding the family to review it.</p>
      )}
    </article>
  );
}

function Reviewed({
  conversation,
  board,
  level,
}: {
  conversation: Conversation;
  board: Board;
  level: HeadingLevel;
}) {
  const hypothesis = board.hypotheses.find((h) => h.id === conversation.hypothesisId);
  const headingId = useId();
  return (
    <article
      className="board-review__item board-review__item--done"
      aria-labelledby={headingId}
      data-testid="board-reviewed"
    >
      <Heading level={level} id={headingId} className="heading-s">
        Reviewed: {conversation.purpose || hypothesis?.text || 'a planned conversation'}
      </Heading>
      <dl className="panel-values">
        <div className="panel-value">
          <dt className="panel-value__label">Did it happen?</dt>
          <dd className="panel-value__value">{conversation.happened ? 'Yes' : 'No'}</dd>
        </div>
        <div className="panel-value">
          <dt className="panel-value__label">What we learned</dt>
          <dd className="panel-value__value">{conversation.learned || 'Nothing written'}</dd>
        </div>
        <div className="panel-value">
          <dt className="panel-value__label">What next</dt>
          <dd className="panel-value__value">{conversation.next || 'Nothing written'}</dd>
        </div>
      </dl>
    </article>
  );
}
