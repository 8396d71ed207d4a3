import { ShortcutTable } from '../../ui/ShortcutTable';
import { COMMANDS, EDIT_COMMANDS, VIEW_COMMANDS } from './shortcuts';

/** Every key the canvas answers to, one click (or Enter) away, for those who cannot guess them. */
export function KeyboardHelp({ editable }: { editable: boolean }) {
  const rows: [string, string][] = [
    ['Tab', 'Move to the genogram, then on to what follows it'],
    ['Left and right arrows', 'The previous or next person in the same generation'],
    ['Up arrow', 'The person’s parents (or the generation above)'],
    ['Down arrow', 'The person’s children (or the generation below)'],
    ['Home and End', 'The first or last person in the generation'],
    ['Enter', 'Open the selected person’s details'],
    ['Escape', 'Close the details'],
    ['Shift and an arrow', 'Pan the view'],
    ...(editable
      ? ([
          ['Alt and an arrow', 'Move the selected person a step'],
          ...EDIT_COMMANDS.map((id) => [COMMANDS[id].hint, COMMANDS[id].label]),
        ] as [string, string][])
      : []),
    ...VIEW_COMMANDS.map((id): [string, string] => [COMMANDS[id].hint, COMMANDS[id].label]),
  ];
  return (
    <details className="details genogram__help">
      <summary className="details__summary">Keyboard shortcuts</summary>
      <div className="details__text">
        <p>Letter keys work while the genogram or its toolbars have focus, not while you type.</p>
        <ShortcutTable rows={rows} />
      </div>
    </details>
  );
}
