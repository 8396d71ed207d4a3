import { ShortcutTable } from '../../ui/ShortcutTable';

/** The keys the board answers to, written down (as the genogram's "Keyboard shortcuts"). */
export function BoardKeyboardHelp({ editable }: { editable: boolean }) {
  const rows: [string, string][] = [
    ['Up and down arrows', 'The previous or next hypothesis in the column'],
    ['Left and right arrows', 'The next column with hypotheses in it'],
    ['Enter or Space', 'Open or close the hypothesis’s details'],
    ['Escape', 'Close the details and go back to the card'],
    ...(editable
      ? ([
          ['Alt and up or down arrow', 'Move the hypothesis up or down its column'],
          ['Alt and left or right arrow', 'Move it to the previous or next status (asks why)'],
          ['Alt and up or down arrow, on a question', 'Ask the question earlier or later'],
        ] as [string, string][])
      : []),
    ['Control and Z', 'Undo your own last change on the board'],
    ['Control, Shift and Z', 'Redo'],
  ];
  return (
    <details className="details board__help">
      <summary className="details__summary">Keyboard shortcuts for the board</summary>
      <div className="details__text">
        <p>The keys work while a hypothesis card has focus, not while you type.</p>
        <ShortcutTable rows={rows} />
      </div>
    </details>
  );
}
