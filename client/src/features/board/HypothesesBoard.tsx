import {
  HYPOTHESIS_STATUSES,
  hypothesisStatus,
  boardAbilities,
  type AwarenessUser,
  type Board,
  type Genogram,
  type Hypothesis,
  type HypothesisId,
  type HypothesisStatus,
  type MeetingId,
  type PersonId,
  type QuestionTemplate,
} from '@unitroom/shared';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { namesOf } from '../genogram';
import { ErrorSummary } from '../../ui/fields';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { isTyping } from '../../ui/isTyping';
import { HypothesisDialog, StatusDialog } from './BoardDialogs';
import { BoardKeyboardHelp } from './BoardKeyboardHelp';
import { BoardNotes } from './BoardNotes';
import { BoardEnvContext, peopleOf, type BoardEnv, type BoardMeeting } from './boardContext';
import {
  BoardColumns,
  BoardEmpty,
  BoardToolbar,
  DeclinedSuggestions,
  FilteredNotice,
  PersonFilter,
  SuggestedHypotheses,
} from './BoardSections';
import { HypothesisCard } from './HypothesisCard';
import { HypothesisDetail } from './HypothesisDetail';
import { ReviewPanel } from './ReviewPanel';
import { useUndoState } from '../../sync/commandEditor';
import { useBoardEditor } from './useBoardEditor';

export interface HypothesesBoardProps {
  doc: Y.Doc;
  genogram: Genogram;
  /** The board as read with `genogram` (useBoard). */
  board: Board;
  user: AwarenessUser;
  readOnly: boolean;
  meeting: BoardMeeting | null;
  /** The unit's question bank, and where to edit it. */
  bank: readonly QuestionTemplate[];
  bankPath: string;
  describeMeeting(id: MeetingId | null): string;
  isEarlierMeeting(id: MeetingId): boolean;
  headingLevel: HeadingLevel;
  /** Only hypotheses about this person are shown (chosen here or on the genogram). */
  personFilter: PersonId | null;
  onPersonFilter(personId: PersonId | null): void;
  /** The hypothesis whose details are open; its people are marked on the genogram. */
  chosen: HypothesisId | null;
  onChoose(id: HypothesisId | null): void;
}

type DialogState =
  { type: 'hypothesis' } | { type: 'status'; id: HypothesisId; status: HypothesisStatus };

const READ_ONLY_NOTICE =
  'You can read the whole board, but you cannot change it or suggest anything.';

/**
 * The family's hypotheses board: cards in columns by status, suggestions apart until accepted,
 * the chosen hypothesis's details with its planned conversations, free notes, and (in a meeting
 * the family comes back to) last time's conversations to review first. Every change is a board
 * command with this board's own origin, so Undo takes back this person's changes only.
 */
export function HypothesesBoard(props: HypothesesBoardProps) {
  const { doc, genogram, user, readOnly, meeting, headingLevel, personFilter, chosen } = props;
  const { board } = props;
  const editor = useBoardEditor(doc, user.id);
  const undoState = useUndoState(editor);
  const abilities = boardAbilities(user.role, readOnly);
  const [status, setStatus] = useState({ text: '', count: 0 });
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const cardButtons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<string | null>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const sub = below(headingLevel);

  const announce = (text: string) => setStatus((s) => ({ text, count: s.count + 1 }));
  const nameOf = useMemo(() => namesOf(genogram), [genogram]);
  const env: BoardEnv = {
    editor,
    abilities,
    author: user.name,
    role: user.role,
    genogram,
    meeting,
    bank: props.bank,
    bankPath: props.bankPath,
    describeMeeting: props.describeMeeting,
    isEarlierMeeting: props.isEarlierMeeting,
    nameOf,
    act(action, success) {
      const outcome = editor.perform(action);
      if (outcome.ok) {
        setError(null);
        announce(success);
        return true;
      }
      setError(outcome.message);
      return false;
    },
  };

  // A card moved by the keyboard is a new element in a new place: give it focus back.
  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    pendingFocus.current = null;
    cardButtons.current.get(id)?.focus();
  });

  const about = (h: Hypothesis) => personFilter === null || peopleOf(h, genogram).has(personFilter);
  const shown = board.hypotheses.filter(about);
  const suggestions = shown.filter((h) => h.suggestion === 'suggested');
  const declined = shown.filter((h) => h.suggestion === 'declined');
  const accepted = shown.filter((h) => h.suggestion === 'accepted');
  const columns = HYPOTHESIS_STATUSES.map((s) => ({
    status: s,
    cards: accepted.filter((h) => hypothesisStatus(h, board) === s),
  }));
  const conversationCount = (id: string) =>
    board.conversations.filter((c) => c.hypothesisId === id).length;
  const chosenHypothesis = board.hypotheses.find((h) => h.id === chosen) ?? null;
  const onBoard = board.hypotheses.filter((h) => h.suggestion !== 'declined');

  const choose = (id: HypothesisId | null) => {
    props.onChoose(id);
    if (id !== null) requestAnimationFrame(() => detailHeading.current?.focus());
  };

  const closeDetail = () => {
    const id = chosen;
    props.onChoose(null);
    if (id) requestAnimationFrame(() => cardButtons.current.get(id)?.focus());
  };

  const undo = (redo: boolean) => {
    setError(null);
    if (redo) announce(editor.redo() ? 'Redone' : 'Nothing to redo');
    else announce(editor.undo() ? 'Undone' : 'Nothing of yours to undo on the board');
  };

  /** Moves a card within its column: before the previous card, or after the next one. */
  const moveInColumn = (h: Hypothesis, cards: Hypothesis[], step: -1 | 1) => {
    const at = cards.findIndex((c) => c.id === h.id);
    const neighbour = cards[at + step];
    if (!neighbour) {
      announce(step < 0 ? 'Already first in its column' : 'Already last in its column');
      return;
    }
    const others = board.hypotheses.map((x) => x.id).filter((id) => id !== h.id);
    const index = others.indexOf(neighbour.id) + (step > 0 ? 1 : 0);
    pendingFocus.current = h.id;
    env.act(
      (c) => c.reorderHypothesis(h.id, index),
      `Moved ${step < 0 ? 'up' : 'down'} to place ${at + step + 1} of ${cards.length}`,
    );
  };

  const onCardKey = (event: KeyboardEvent<HTMLButtonElement>, h: Hypothesis, column: number) => {
    const cards = columns[column]?.cards ?? [];
    const at = cards.findIndex((c) => c.id === h.id);
    const focusCard = (target: Hypothesis | undefined) => {
      if (target) cardButtons.current.get(target.id)?.focus();
    };
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (plain && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      focusCard(cards[at + (event.key === 'ArrowUp' ? -1 : 1)]);
    } else if (plain && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      for (let c = column + step; c >= 0 && c < columns.length; c += step) {
        const next = columns[c]?.cards ?? [];
        if (next.length > 0) {
          focusCard(next[Math.min(at, next.length - 1)]);
          return;
        }
      }
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.startsWith('Arrow')) {
      event.preventDefault();
      if (!abilities.plan) {
        announce('Only the workers holding the family move hypotheses');
        return;
      }
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown')
        moveInColumn(h, cards, event.key === 'ArrowUp' ? -1 : 1);
      else {
        const next = HYPOTHESIS_STATUSES[column + (event.key === 'ArrowLeft' ? -1 : 1)];
        if (next) setDialog({ type: 'status', id: h.id, status: next });
        else announce('No column that way');
      }
    }
  };

  const onBoardKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || dialog || isTyping(event.target)) return;
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
    if (readOnly) return;
    event.preventDefault();
    undo(event.shiftKey);
  };

  const cardRef = (id: string) => (element: HTMLButtonElement | null) => {
    if (element) cardButtons.current.set(id, element);
    else cardButtons.current.delete(id);
  };

  const card = (h: Hypothesis, column?: number) => (
    <li key={h.id}>
      <HypothesisCard
        hypothesis={h}
        chosen={chosen === h.id}
        conversations={conversationCount(h.id)}
        buttonRef={cardRef(h.id)}
        onOpen={() => (chosen === h.id ? closeDetail() : choose(h.id))}
        onKeyDown={column === undefined ? undefined : (event) => onCardKey(event, h, column)}
      />
    </li>
  );

  const canAdd = abilities.plan || abilities.contribute;
  const addLabel = abilities.plan ? 'Add a hypothesis' : 'Suggest a hypothesis';

  const statusTarget =
    dialog?.type === 'status' ? (board.hypotheses.find((x) => x.id === dialog.id) ?? null) : null;

  const filterOptions = genogram.people.filter((p) =>
    board.hypotheses.some((h) => peopleOf(h, genogram).has(p.id)),
  );

  return (
    <BoardEnvContext value={env}>
      <section className="board" aria-labelledby={headingId} onKeyDown={onBoardKeyDown}>
        <Heading level={headingLevel} id={headingId} className="heading-m">
          Hypotheses board
        </Heading>
        {readOnly && (
          <p className="notice" data-testid="board-read-only">
            {READ_ONLY_NOTICE}
          </p>
        )}
        {!readOnly && !abilities.plan && (
          <p className="hint">
            What you add here are suggestions, shown with your name: a worker holding the family
            accepts them into the plan or declines them. Nothing you suggest changes anyone
            else&rsquo;s words.
          </p>
        )}
        <ErrorSummary errors={error ? [{ fieldId: null, message: error }] : []} />
        <p className="board__status" role="status" data-testid="board-status">
          {status.text}
          {status.count % 2 === 1 ? '\u200b' : ''}
        </p>

        <BoardToolbar
          addLabel={canAdd && onBoard.length > 0 ? addLabel : null}
          onAdd={() => setDialog({ type: 'hypothesis' })}
          undo={readOnly ? null : { ...undoState, onUndo: undo }}
        >
          {board.hypotheses.length > 0 && (
            <PersonFilter
              people={filterOptions}
              chosen={personFilter}
              nameOf={nameOf}
              onChoose={props.onPersonFilter}
            />
          )}
        </BoardToolbar>
        {personFilter && (
          <FilteredNotice
            shown={shown.length}
            total={board.hypotheses.length}
            name={nameOf(personFilter)}
            onShowAll={() => props.onPersonFilter(null)}
          />
        )}

        {meeting && <ReviewPanel board={board} level={sub} />}
        {onBoard.length === 0 && (
          <BoardEmpty
            addLabel={
              !canAdd
                ? null
                : abilities.plan
                  ? 'Add the first hypothesis'
                  : 'Suggest the first hypothesis'
            }
            onAdd={() => setDialog({ type: 'hypothesis' })}
          />
        )}

        {suggestions.length > 0 && (
          <SuggestedHypotheses
            id={`${headingId}-suggestions`}
            level={sub}
            count={suggestions.length}
          >
            {suggestions.map((h) => card(h))}
          </SuggestedHypotheses>
        )}

        {onBoard.length > 0 && (
          <BoardColumns idPrefix={headingId} level={sub} columns={columns} card={card} />
        )}

        {declined.length > 0 && (
          <DeclinedSuggestions count={declined.length}>
            {declined.map((h) => card(h))}
          </DeclinedSuggestions>
        )}

        {chosenHypothesis && (
          <HypothesisDetail
            key={chosenHypothesis.id}
            hypothesis={chosenHypothesis}
            board={board}
            level={sub}
            headingRef={detailHeading}
            onClose={closeDetail}
            onChangeStatus={() =>
              setDialog({
                type: 'status',
                id: chosenHypothesis.id,
                status: chosenHypothesis.status,
              })
            }
          />
        )}

        <BoardNotes notes={board.notes} level={sub} />
        <BoardKeyboardHelp editable={abilities.plan} />

        {dialog?.type === 'hypothesis' && (
          <HypothesisDialog
            initialPeople={personFilter ? [personFilter] : []}
            onCancel={() => setDialog(null)}
            onDone={(id, message) => {
              setDialog(null);
              setError(null);
              announce(message);
              pendingFocus.current = id;
            }}
          />
        )}
        {statusTarget && dialog?.type === 'status' && (
          <StatusDialog
            hypothesis={statusTarget}
            initialStatus={dialog.status}
            onCancel={() => setDialog(null)}
            onDone={(message) => {
              setDialog(null);
              setError(null);
              announce(message);
              pendingFocus.current = statusTarget.id;
            }}
          />
        )}
      </section>
    </BoardEnvContext>
  );
}
