import {
  CHILD_SEEN,
  CHILD_SEEN_LABELS,
  CONCERN_LABELS,
  CONCERN_LEVELS,
  RISK_PART_LABELS,
  SECTION_LABELS,
  childSeenSchema,
  concernSchema,
  riskPartSchema,
  sectionKindSchema,
  type Board,
} from '@unitroom/shared';
import type { NodeViewRenderer } from '@tiptap/core';
import {
  NodeViewContent,
  NodeViewWrapper,
  ReactNodeViewRenderer,
  type ReactNodeViewProps,
} from '@tiptap/react';
import { useId } from 'react';
import { childName, useMinutesContext } from './MinutesContext';
import { ProcessOnlyMark } from './processOnlyMark';

/**
 * How the minutes' structure is drawn in the browser. Labels and controls are not content
 * (`contentEditable={false}`): they come from the node's attributes and the family's records,
 * so nobody can type over "Why it worries us", and the schema stays exactly the shared one.
 */

type Props = ReactNodeViewProps<HTMLElement>;

function Label({ children, level = 'section' }: { children: string; level?: 'section' | 'part' }) {
  return (
    <span
      className={level === 'section' ? 'minutes-label minutes-label--section' : 'minutes-label'}
      contentEditable={false}
      suppressContentEditableWarning
    >
      {children}
    </span>
  );
}

function SectionView({ node }: Props) {
  const context = useMinutesContext();
  const kind = sectionKindSchema.safeParse(node.attrs['kind']);
  const label =
    kind.success && kind.data !== 'child'
      ? SECTION_LABELS[kind.data]
      : childName(context, node.attrs['childId']);
  return (
    <NodeViewWrapper
      as="section"
      className="minutes-section"
      data-kind={node.attrs['kind']}
      data-child-id={node.attrs['childId'] ?? undefined}
      role="group"
      aria-label={label}
    >
      <Label>{label}</Label>
      <NodeViewContent className="minutes-section__content" />
    </NodeViewWrapper>
  );
}

function ChildVoiceView({ node, updateAttributes, editor }: Props) {
  const context = useMinutesContext();
  const selectId = useId();
  const seen = childSeenSchema.safeParse(node.attrs['seen']);
  const name = childName(context, node.attrs['childId']);
  return (
    <NodeViewWrapper
      className="minutes-block minutes-voice"
      role="group"
      aria-label={`${name}’s voice`}
    >
      <div className="minutes-block__head" contentEditable={false} suppressContentEditableWarning>
        <span className="minutes-label">{`${name}’s voice: what they said, their wishes and feelings`}</span>
        <label className="minutes-control" htmlFor={selectId}>
          How we heard them
          <select
            id={selectId}
            value={seen.success ? seen.data : ''}
            disabled={!editor.isEditable}
            onChange={(event) =>
              updateAttributes({ seen: event.target.value === '' ? null : event.target.value })
            }
          >
            <option value="">Not said</option>
            {CHILD_SEEN.map((value) => (
              <option key={value} value={value}>
                {CHILD_SEEN_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NodeViewContent className="minutes-block__content" />
    </NodeViewWrapper>
  );
}

function RiskView({ node, updateAttributes, editor }: Props) {
  const context = useMinutesContext();
  const groupName = useId();
  const concern = concernSchema.safeParse(node.attrs['concern']);
  const name = childName(context, node.attrs['childId']);
  return (
    <NodeViewWrapper
      className="minutes-block minutes-risk"
      role="group"
      aria-label={`Risk to ${name}`}
    >
      <div className="minutes-block__head" contentEditable={false} suppressContentEditableWarning>
        <span className="minutes-label">{`Risk to ${name}`}</span>
        <fieldset className="minutes-concern">
          <legend>Level of concern</legend>
          {CONCERN_LEVELS.map((level) => (
            <label key={level} className="minutes-concern__option">
              <input
                type="radio"
                name={groupName}
                value={level}
                checked={concern.success && concern.data === level}
                disabled={!editor.isEditable}
                onChange={() => updateAttributes({ concern: level })}
              />
              {CONCERN_LABELS[level]}
            </label>
          ))}
        </fieldset>
      </div>
      <NodeViewContent className="minutes-block__content" />
    </NodeViewWrapper>
  );
}

function RiskPartView({ node }: Props) {
  const part = riskPartSchema.safeParse(node.attrs['part']);
  const label = part.success ? RISK_PART_LABELS[part.data] : 'Notes';
  return (
    <NodeViewWrapper
      className="minutes-part"
      data-part={node.attrs['part']}
      role="group"
      aria-label={label}
    >
      <Label level="part">{label}</Label>
      <NodeViewContent className="minutes-part__content" />
    </NodeViewWrapper>
  );
}

function DecisionView({ node, editor, getPos }: Props) {
  let hasReason = false;
  let hasDissent = false;
  let dissentOffset: number | null = null;
  node.forEach((child, offset) => {
    if (child.type.name === 'decisionReason') hasReason = true;
    if (child.type.name === 'decisionDissent') {
      hasDissent = true;
      dissentOffset = offset;
    }
  });
  const add = (type: 'decisionReason' | 'decisionDissent') => {
    const start = getPos();
    if (typeof start !== 'number') return;
    // Inside the decision: its reason goes before any dissent, a dissent at the end.
    const at =
      type === 'decisionReason' && dissentOffset !== null
        ? start + 1 + dissentOffset
        : start + node.nodeSize - 1;
    editor
      .chain()
      .insertContentAt(at, { type, content: [{ type: 'paragraph' }] })
      .setTextSelection(at + 2)
      .focus()
      .run();
  };
  return (
    <NodeViewWrapper className="minutes-block minutes-decision" role="group" aria-label="Decision">
      <Label level="part">Decision</Label>
      <NodeViewContent className="minutes-block__content" />
      {editor.isEditable && (!hasReason || !hasDissent) && (
        <div
          className="minutes-block__actions"
          contentEditable={false}
          suppressContentEditableWarning
        >
          {!hasReason && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => add('decisionReason')}
            >
              Add the reason
            </button>
          )}
          {!hasDissent && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => add('decisionDissent')}
            >
              Record a different view
            </button>
          )}
        </div>
      )}
    </NodeViewWrapper>
  );
}

function DecisionReasonView() {
  return (
    <NodeViewWrapper className="minutes-part">
      <Label level="part">Why</Label>
      <NodeViewContent className="minutes-part__content" />
    </NodeViewWrapper>
  );
}

function DecisionDissentView() {
  return (
    <NodeViewWrapper className="minutes-part minutes-part--dissent">
      <Label level="part">A different view (recorded, not overruled)</Label>
      <NodeViewContent className="minutes-part__content" />
    </NodeViewWrapper>
  );
}

function ActionView({ node, updateAttributes, editor }: Props) {
  const context = useMinutesContext();
  const ownerId = useId();
  const ownersId = useId();
  const dueId = useId();
  const childId = useId();
  const owner = typeof node.attrs['owner'] === 'string' ? node.attrs['owner'] : '';
  const ownerName = context.people.find((person) => person.id === owner)?.name ?? owner;
  const commitOwner = (value: string) => {
    const name = value.trim();
    const person = context.people.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const next = name === '' ? null : (person?.id ?? name);
    if (next !== (owner || null)) updateAttributes({ owner: next });
  };
  const editable = editor.isEditable;
  return (
    <NodeViewWrapper className="minutes-block minutes-action" role="group" aria-label="Action">
      <Label level="part">Action</Label>
      <NodeViewContent className="minutes-action__text" />
      {context.prompts && (
        <div contentEditable={false} suppressContentEditableWarning>
          <ProcessOnlyMark text={node.textContent} />
        </div>
      )}
      <div
        className="minutes-action__fields"
        contentEditable={false}
        suppressContentEditableWarning
      >
        <label className="minutes-control" htmlFor={ownerId}>
          Who
          <input
            id={ownerId}
            key={owner}
            list={ownersId}
            defaultValue={ownerName}
            disabled={!editable}
            autoComplete="off"
            onBlur={(event) => commitOwner(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitOwner(event.currentTarget.value);
            }}
          />
          <datalist id={ownersId}>
            {context.people.map((person) => (
              <option key={person.id} value={person.name} />
            ))}
          </datalist>
        </label>
        <label className="minutes-control" htmlFor={dueId}>
          By
          <input
            id={dueId}
            type="date"
            value={typeof node.attrs['due'] === 'string' ? node.attrs['due'] : ''}
            disabled={!editable}
            onChange={(event) => updateAttributes({ due: event.target.value || null })}
          />
        </label>
        <label className="minutes-control" htmlFor={childId}>
          For
          <select
            id={childId}
            value={typeof node.attrs['childId'] === 'string' ? node.attrs['childId'] : ''}
            disabled={!editable}
            onChange={(event) => updateAttributes({ childId: event.target.value || null })}
          >
            <option value="">The whole family</option>
            {context.children.map((child) => (
              <option key={child.id} value={child.id}>
                {child.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </NodeViewWrapper>
  );
}

export function hypothesisText(board: Board | null, id: unknown): string {
  if (!board) return 'Hypothesis (the board is loading)';
  const hypothesis = board.hypotheses.find((h) => h.id === id);
  return hypothesis ? hypothesis.text : 'A hypothesis since removed from the board';
}

export function conversationText(board: Board | null, id: unknown): string {
  if (!board) return 'Planned conversation (the board is loading)';
  const conversation = board.conversations.find((c) => c.id === id);
  if (!conversation) return 'A conversation since removed from the board';
  const about = hypothesisText(board, conversation.hypothesisId);
  return conversation.purpose.trim() !== ''
    ? `${conversation.purpose} (exploring “${about}”)`
    : `Exploring “${about}”`;
}

function HypothesisRefView({ node }: Props) {
  const { board } = useMinutesContext();
  return (
    <NodeViewWrapper as="span" className="minutes-ref minutes-ref--hypothesis">
      <span className="visually-hidden">Linked hypothesis: </span>
      {hypothesisText(board, node.attrs['hypothesisId'])}
    </NodeViewWrapper>
  );
}

function ConversationRefView({ node }: Props) {
  const { board } = useMinutesContext();
  return (
    <NodeViewWrapper as="span" className="minutes-ref minutes-ref--conversation">
      <span className="visually-hidden">Linked planned conversation: </span>
      {conversationText(board, node.attrs['conversationId'])}
    </NodeViewWrapper>
  );
}

/** The browser's node views, by node name, for `minutesExtensions({ nodeViews })`. */
export function minutesNodeViews(): Record<string, NodeViewRenderer> {
  return {
    section: ReactNodeViewRenderer(SectionView),
    childVoice: ReactNodeViewRenderer(ChildVoiceView),
    risk: ReactNodeViewRenderer(RiskView),
    riskPart: ReactNodeViewRenderer(RiskPartView),
    decision: ReactNodeViewRenderer(DecisionView),
    decisionReason: ReactNodeViewRenderer(DecisionReasonView),
    decisionDissent: ReactNodeViewRenderer(DecisionDissentView),
    action: ReactNodeViewRenderer(ActionView),
    hypothesisRef: ReactNodeViewRenderer(HypothesisRefView, { as: 'span' }),
    conversationRef: ReactNodeViewRenderer(ConversationRefView, { as: 'span' }),
  };
}
