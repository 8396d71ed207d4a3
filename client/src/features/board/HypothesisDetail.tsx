import {
  hypothesisStatus,
  ROLE_LABELS,
  type Board,
  type Evidence,
  type EvidenceSide,
  type Hypothesis,
  type PersonId,
  type RelationshipId,
} from '@unitroom/shared';
import { useId, useState, type Ref } from 'react';
import { formatPartialDate, relationshipTitle } from '../genogram';
import { PeopleCheckboxes } from '../../ui/fields';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { CommitText } from '../../ui/CommitFields';
import { STATUS_LABELS, useBoardEnv } from './boardContext';
import { ConversationPlan } from './ConversationPlan';

/**
 * The chosen hypothesis in full: who offered it, its status and why, who it is about (marked on
 * the genogram), evidence for and against, where it came from and when it was last discussed, and
 * the conversations planned to explore it.
 */
export function HypothesisDetail({
  hypothesis,
  board,
  level,
  headingRef,
  onClose,
  onChangeStatus,
}: {
  hypothesis: Hypothesis;
  board: Board;
  level: HeadingLevel;
  headingRef: Ref<HTMLHeadingElement>;
  onClose(): void;
  onChangeStatus(): void;
}) {
  const env = useBoardEnv();
  const headingId = useId();
  const sub = below(level);
  const { plan, contribute } = env.abilities;
  const accepted = hypothesis.suggestion === 'accepted';
  const conversations = board.conversations.filter((c) => c.hypothesisId === hypothesis.id);
  const link = (to: { person: PersonId } | { relationship: RelationshipId }, linked: boolean) =>
    env.act(
      (c) => c.linkHypothesis(hypothesis.id, to, linked),
      linked ? 'Linked to the hypothesis' : 'No longer linked to the hypothesis',
    );

  return (
    <section
      className="board-detail"
      aria-labelledby={headingId}
      data-testid="board-detail"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="board-detail__header">
        <Heading level={level} id={headingId} className="heading-s" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">Hypothesis: </span>
          {hypothesis.text}
        </Heading>
        <button type="button" className="button button--small button--secondary" onClick={onClose}>
          Close<span className="visually-hidden"> the hypothesis</span>
        </button>
      </div>
      {hypothesis.suggestion !== 'accepted' && (
        <p className="board-detail__suggested">
          <span className="tag tag--suggestion">
            {hypothesis.suggestion === 'suggested' ? 'Suggestion' : 'Declined'}
          </span>{' '}
          by {hypothesis.suggestedBy}. Its words stay its author&rsquo;s; it joins the plan only
          when a worker holding the family accepts it.
        </p>
      )}
      <dl className="panel-values">
        <Value label="Offered by">
          {hypothesis.offeredBy}
          {hypothesis.offeredRole && `, ${ROLE_LABELS[hypothesis.offeredRole]}`}
        </Value>
        <Value label="Status">
          {STATUS_LABELS[hypothesisStatus(hypothesis, board)]}
          {hypothesis.statusReason && `: ${hypothesis.statusReason}`}
        </Value>
        <Value label="Came from">{env.describeMeeting(hypothesis.fromMeeting)}</Value>
        <Value label="Last discussed">
          {hypothesis.lastDiscussedMeeting
            ? env.describeMeeting(hypothesis.lastDiscussedMeeting)
            : hypothesis.lastDiscussedAt
              ? formatPartialDate(hypothesis.lastDiscussedAt)
              : 'Not yet'}
        </Value>
      </dl>
      {plan && accepted && (
        <div className="button-group">
          <button type="button" className="button button--small" onClick={onChangeStatus}>
            Change status
          </button>
          {env.meeting && hypothesis.lastDiscussedMeeting !== env.meeting.id && (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                const meeting = env.meeting;
                if (meeting)
                  env.act(
                    (c) =>
                      c.updateHypothesis(hypothesis.id, {
                        lastDiscussedMeeting: meeting.id,
                        lastDiscussedAt: meeting.date,
                      }),
                    'Marked as discussed in this meeting',
                  );
              }}
            >
              Mark as discussed in this meeting
            </button>
          )}
        </div>
      )}
      {plan && accepted && (
        <CommitText
          label="The hypothesis, in words"
          value={hypothesis.text}
          multiline
          readOnly={false}
          onCommit={(text) => {
            const ok = env.act(
              (c) => c.updateHypothesis(hypothesis.id, { text: text.trim() }),
              'Saved the hypothesis',
            );
            return ok ? null : 'The hypothesis could not be saved';
          }}
        />
      )}

      {plan ? (
        <>
          <PeopleCheckboxes
            name={`${headingId}-people`}
            legend="Who it is about"
            hint="Ticked people are marked on the genogram while this hypothesis is open."
            people={env.genogram.people.map((p) => ({ id: p.id, label: env.nameOf(p.id) }))}
            genogram={env.genogram}
            checked={new Set(hypothesis.aboutPeople)}
            onChange={(id, linked) => link({ person: id as PersonId }, linked)}
          />
          {env.genogram.relationships.length > 0 && (
            <PeopleCheckboxes
              name={`${headingId}-relationships`}
              legend="Relationships it is about"
              people={env.genogram.relationships.map((r) => ({
                id: r.id,
                label: relationshipTitle(r, env.nameOf),
              }))}
              checked={new Set(hypothesis.aboutRelationships)}
              onChange={(id, linked) => link({ relationship: id as RelationshipId }, linked)}
            />
          )}
        </>
      ) : (
        <dl className="panel-values">
          <Value label="About">
            {hypothesis.aboutPeople.length + hypothesis.aboutRelationships.length === 0
              ? 'No one linked yet'
              : [
                  ...hypothesis.aboutPeople.map(env.nameOf),
                  ...env.genogram.relationships
                    .filter((r) => hypothesis.aboutRelationships.includes(r.id))
                    .map((r) => relationshipTitle(r, env.nameOf)),
                ].join('; ')}
          </Value>
        </dl>
      )}

      <div className="board-evidence">
        <EvidenceList
          side="for"
          hypothesis={hypothesis}
          items={hypothesis.evidenceFor}
          level={sub}
          canAdd={contribute && accepted}
        />
        <EvidenceList
          side="against"
          hypothesis={hypothesis}
          items={hypothesis.evidenceAgainst}
          level={sub}
          canAdd={contribute && accepted}
        />
      </div>

      <Heading level={sub} className="heading-s">
        Planned conversations
      </Heading>
      {conversations.length === 0 && (
        <p className="hint">
          {accepted
            ? 'None yet. A conversation turns the hypothesis into something to do with the family.'
            : 'Conversations are planned once the hypothesis is accepted.'}
        </p>
      )}
      {conversations.map((conversation, index) => (
        <ConversationPlan
          key={conversation.id}
          number={index + 1}
          conversation={conversation}
          hypothesis={hypothesis}
          board={board}
          level={below(sub)}
        />
      ))}
      {plan && accepted && (
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            env.act(
              (c) =>
                c.addConversation(hypothesis.id, {
                  plannedInMeeting: env.meeting?.id ?? null,
                  workers: [env.author],
                  familyMembers: hypothesis.aboutPeople,
                }),
              'Planned a conversation',
            )
          }
        >
          Plan a conversation
        </button>
      )}
      {plan && (
        <p>
          <button
            type="button"
            className="button button--small button--warning"
            onClick={() => {
              if (
                env.act(
                  (c) => c.deleteHypothesis(hypothesis.id),
                  'Deleted the hypothesis and its conversations. Undo brings them back.',
                )
              )
                onClose();
            }}
          >
            Delete this hypothesis
          </button>
        </p>
      )}
      {!plan && contribute && accepted && conversations.length === 0 && (
        <p className="hint">
          Questions are suggested for a planned conversation: once a worker plans one, you can
          suggest questions for it here.
        </p>
      )}
    </section>
  );
}

function Value({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="panel-value">
      <dt className="panel-value__label">{label}</dt>
      <dd className="panel-value__value">{children}</dd>
    </div>
  );
}

function EvidenceList({
  side,
  hypothesis,
  items,
  level,
  canAdd,
}: {
  side: EvidenceSide;
  hypothesis: Hypothesis;
  items: readonly Evidence[];
  level: HeadingLevel;
  canAdd: boolean;
}) {
  const env = useBoardEnv();
  const inputId = useId();
  const [text, setText] = useState('');
  const title = side === 'for' ? 'Evidence for' : 'Evidence against';
  return (
    <div className="board-evidence__side">
      <Heading level={level} className="heading-s">
        {title}
      </Heading>
      {items.length === 0 ? (
        <p className="hint">None recorded.</p>
      ) : (
        <ul className="board-plain-list">
          {items.map((item, index) => (
            <li key={index}>
              {item.text} <span className="board-author">({item.addedBy})</span>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form
          className="board-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim() === '') return;
            if (
              env.act(
                (c) => c.addEvidence(hypothesis.id, side, text, env.author),
                `Added evidence ${side}`,
              )
            )
              setText('');
          }}
        >
          <label className="label" htmlFor={inputId}>
            Add evidence {side}
          </label>
          <input
            id={inputId}
            className="input"
            type="text"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--small button--secondary">
            Add<span className="visually-hidden"> evidence {side}</span>
          </button>
        </form>
      )}
    </div>
  );
}
