import {
  CRITERIA,
  checkDiscussion,
  createCriteriaCache,
  type Board,
  type CriteriaReport,
  type Discussion,
  type DiscussionActivity,
  type EvidencePlace,
  type Genogram,
  SECTION_LABELS,
} from '@unitroom/shared';
import { useDeferredValue, useId, useMemo } from 'react';
import { goToAction } from './processOnlyMark';
import './prompts.css';

const blank = (text: string) => text.trim() === '';

/** Nothing written in the minutes yet, and nothing linked: the discussion has not begun ([W7]). */
export const nothingWritten = (discussion: Discussion) =>
  blank(discussion.looseText) &&
  discussion.sections.every((section) => blank(section.text)) &&
  discussion.decisions.length === 0 &&
  discussion.actions.length === 0 &&
  discussion.hypothesisIds.length === 0 &&
  discussion.conversationIds.length === 0 &&
  discussion.children.every(
    ({ notes, voice, risk }) =>
      blank(notes) &&
      blank(voice.text) &&
      voice.seen === null &&
      risk.concern === null &&
      [risk.see, risk.worry, risk.do, risk.familyView, risk.lessWorried].every(blank),
  );

interface PromptsPanelProps {
  discussion: Discussion;
  board: Board | null;
  genogram: Genogram | null;
  activity: Partial<DiscussionActivity>;
  enabled: boolean;
  /** Given to the unit's consultant only: switches the prompts on or off for the whole unit. */
  onSwitch?: (enabled: boolean) => void;
  switching: boolean;
}

/**
 * The systemic-discussion prompts beside the minutes: questions for the unit, worked out again
 * as the minutes change (reads are already debounced, and React may defer this panel behind
 * typing). Never a grade of a person, never in the way of saving.
 */
export function PromptsPanel(props: PromptsPanelProps) {
  const headingId = useId();
  const { enabled, onSwitch, switching } = props;
  return (
    <aside className="prompts" aria-labelledby={headingId}>
      <h3 id={headingId} className="heading-s">
        Reflective prompts
      </h3>
      {enabled ? (
        <PromptsReport {...props} />
      ) : (
        <p className="hint">The unit has switched the systemic-discussion prompts off.</p>
      )}
      {onSwitch && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={switching}
          onClick={() => onSwitch(!enabled)}
        >
          {enabled ? 'Switch prompts off for the unit' : 'Switch prompts on for the unit'}
        </button>
      )}
    </aside>
  );
}

/** The id a finding links to (a hypothesis, conversation, question, note or child), if any. */
function placeId(where: EvidencePlace): string | undefined {
  if (where.kind === 'section') return where.childId ?? where.section ?? undefined;
  return 'id' in where ? where.id : undefined;
}

/** Where a finding is, in words: so the unit can see why a prompt says what it says. */
function placeLabel(where: EvidencePlace, childNames: ReadonlyMap<string, string>): string {
  switch (where.kind) {
    case 'section':
      if (where.childId) return childNames.get(where.childId) ?? 'a child’s section';
      return where.section && where.section !== 'child'
        ? SECTION_LABELS[where.section]
        : 'the minutes';
    case 'hypothesis':
      return 'on the board';
    case 'conversation':
      return 'a planned conversation';
    case 'question':
      return 'a planned question';
    case 'boardNote':
      return 'a note on the board';
    case 'genogram':
      return 'the genogram';
    case 'attendance':
      return 'who took part';
  }
}

function PromptsReport({ discussion, board, genogram, activity }: PromptsPanelProps) {
  const childNames = useMemo(
    () => new Map((activity.children ?? []).map((child) => [child.id, child.name])),
    [activity.children],
  );
  const cache = useMemo(() => createCriteriaCache(), []);
  const deferred = useDeferredValue(discussion);
  const report = useMemo<CriteriaReport | null>(
    () =>
      board && genogram
        ? checkDiscussion({ discussion: deferred, board, genogram, activity }, cache)
        : null,
    [deferred, board, genogram, activity, cache],
  );
  if (!report) return <p className="hint">Reading the family’s genogram and board…</p>;
  const empty = nothingWritten(deferred);
  return (
    <>
      {empty ? (
        <p className="prompts__empty" data-testid="prompts-empty">
          Nothing discussed yet: the prompts fill in as you talk.
        </p>
      ) : (
        <p className="hint">
          Questions for the unit to think about, from the eight features of a systemic discussion.
          Not a score of anyone: a question may only mean something was said but not written down.
        </p>
      )}
      <ul className="prompts__list" aria-label={empty ? 'Questions to start from' : 'Questions'}>
        {report.criteria.map((criterion) => (
          <li
            key={criterion.id}
            className={`prompt prompt--${criterion.met ? 'met' : 'open'}`}
            data-testid={`prompt-${criterion.id}`}
          >
            <p className="prompt__title">
              <span className="prompt__id">{criterion.id}</span> {CRITERIA[criterion.id]}
              {criterion.met && <span className="prompt__state">In the minutes</span>}
            </p>
            {criterion.suggestion && <p className="prompt__question">{criterion.suggestion}</p>}
            {criterion.evidence.length > 0 && (
              <details className="prompt__evidence">
                <summary>What the minutes show</summary>
                <ul>
                  {(
                    criterion.found ?? criterion.evidence.map((text) => ({ text, where: null }))
                  ).map(({ text, where }) => (
                    <li
                      key={text}
                      data-where={where?.kind}
                      data-where-id={where ? placeId(where) : undefined}
                    >
                      {text}
                      {where && <span className="hint"> ({placeLabel(where, childNames)})</span>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
      {report.processOnlyActions.length > 0 && (
        <div className="prompts__actions">
          <p className="prompt__title">Actions that say what, not why</p>
          <p className="hint">Each is marked on the action itself in the minutes.</p>
          <ul>
            {report.processOnlyActions.map((action) => (
              <li key={action.index}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => goToAction(action.index)}
                >
                  Go to the action: {action.text}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
