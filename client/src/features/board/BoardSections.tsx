import type { HypothesisStatus, Hypothesis, PersonId } from '@unitroom/shared';
import { useId, type ReactNode } from 'react';
import { Heading, type HeadingLevel } from '../../ui/Heading';
import { STATUS_HINTS, STATUS_LABELS } from './boardContext';

/**
 * The parts of the hypotheses board that only show what they are given; the board itself
 * (HypothesesBoard) keeps the state, the keyboard and the dialogs.
 */

/** What a hypothesis is and how to start, while the board has none; `addLabel` when one may. */
export function BoardEmpty({ addLabel, onAdd }: { addLabel: string | null; onAdd(): void }) {
  return (
    <div className="board-empty" data-testid="board-empty">
      <p className="board-empty__title">No hypotheses yet.</p>
      <p>
        A hypothesis is a tentative idea about what is going on in the family and why. Start from
        the genogram: who worries most, and about whom? What might the child&rsquo;s behaviour be
        saying? Write two or three ideas side by side rather than one answer.
      </p>
      <p>
        Then plan a conversation to explore each: who will ask whom which questions, and what you
        will do if the answer is yes or no. The question bank proposes questions with the
        family&rsquo;s own people in them.
      </p>
      {addLabel && (
        <button type="button" className="button" onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </div>
  );
}

/** Adding, undo and redo (null when read only), then whatever filter the board offers. */
export function BoardToolbar({
  addLabel,
  onAdd,
  undo,
  children,
}: {
  addLabel: string | null;
  onAdd(): void;
  undo: { canUndo: boolean; canRedo: boolean; onUndo(redo: boolean): void } | null;
  children: ReactNode;
}) {
  return (
    <div className="board__toolbar">
      {addLabel && (
        <button type="button" className="button button--small" onClick={onAdd}>
          {addLabel}
        </button>
      )}
      {undo && (
        <>
          <button
            type="button"
            className="button button--small button--secondary"
            aria-keyshortcuts="Control+Z"
            aria-disabled={!undo.canUndo}
            onClick={() => undo.onUndo(false)}
          >
            Undo<span className="visually-hidden"> my last board change</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            aria-keyshortcuts="Control+Shift+Z"
            aria-disabled={!undo.canRedo}
            onClick={() => undo.onUndo(true)}
          >
            Redo<span className="visually-hidden"> on the board</span>
          </button>
        </>
      )}
      {children}
    </div>
  );
}

/**
 * Shows only the hypotheses about one person. The person chosen stays a choice even once no
 * hypothesis names them any more, so the select never shows something other than the filter.
 */
export function PersonFilter({
  people,
  chosen,
  nameOf,
  onChoose,
}: {
  people: readonly { id: PersonId }[];
  chosen: PersonId | null;
  nameOf(id: PersonId): string;
  onChoose(id: PersonId | null): void;
}) {
  const id = useId();
  return (
    <div className="board__filter">
      <label className="label" htmlFor={id}>
        Show hypotheses about
      </label>
      <select
        id={id}
        className="select"
        value={chosen ?? ''}
        onChange={(event) => onChoose((event.target.value || null) as PersonId | null)}
      >
        <option value="">Everyone</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {nameOf(p.id)}
          </option>
        ))}
        {chosen && !people.some((p) => p.id === chosen) && (
          <option value={chosen}>{nameOf(chosen)}</option>
        )}
      </select>
    </div>
  );
}

export function FilteredNotice({
  shown,
  total,
  name,
  onShowAll,
}: {
  shown: number;
  total: number;
  name: string;
  onShowAll(): void;
}) {
  return (
    <p className="board__filtered" data-testid="board-filter">
      Showing {shown} of {total} hypotheses, those about {name}.{' '}
      <button type="button" className="link-button" onClick={onShowAll}>
        Show all hypotheses
      </button>
    </p>
  );
}

export function SuggestedHypotheses({
  id,
  level,
  count,
  children,
}: {
  id: string;
  level: HeadingLevel;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="board-suggestions" aria-labelledby={id}>
      <Heading level={level} id={id} className="heading-s">
        Suggested hypotheses, waiting to be accepted ({count})
      </Heading>
      <ul className="board-list">{children}</ul>
    </section>
  );
}

/** One column a status, each card drawn by the board (`card`) so it keeps the keyboard. */
export function BoardColumns({
  idPrefix,
  level,
  columns,
  card,
}: {
  idPrefix: string;
  level: HeadingLevel;
  columns: readonly { status: HypothesisStatus; cards: Hypothesis[] }[];
  card(hypothesis: Hypothesis, column: number): ReactNode;
}) {
  return (
    <div className="board__columns">
      {columns.map((column, index) => (
        <section
          key={column.status}
          className="board-column"
          aria-labelledby={`${idPrefix}-${column.status}`}
        >
          <Heading
            level={level}
            id={`${idPrefix}-${column.status}`}
            className="heading-s board-column__title"
          >
            {STATUS_LABELS[column.status]}{' '}
            <span className="board-column__count">({column.cards.length})</span>
          </Heading>
          <p className="hint board-column__hint">{STATUS_HINTS[column.status]}</p>
          {column.cards.length > 0 ? (
            <ul className="board-list">{column.cards.map((h) => card(h, index))}</ul>
          ) : (
            <p className="board-column__empty">None</p>
          )}
        </section>
      ))}
    </div>
  );
}

export function DeclinedSuggestions({ count, children }: { count: number; children: ReactNode }) {
  return (
    <details className="details">
      <summary className="details__summary">Declined suggestions ({count})</summary>
      <div className="details__text">
        <ul className="board-list">{children}</ul>
      </div>
    </details>
  );
}
