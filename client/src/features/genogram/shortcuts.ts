/**
 * The workspace's commands and their keys, in one table for the toolbar's hints, its
 * `aria-keyshortcuts`, the keyboard help and the key handler. Single-letter keys work only while
 * focus is on the genogram or its toolbars (WCAG 2.1.4), never while typing in a field.
 */
export type CommandId =
  | 'addPerson'
  | 'addPartner'
  | 'addChild'
  | 'addParents'
  | 'addSibling'
  | 'addRelationship'
  | 'addHousehold'
  | 'addEcomap'
  | 'delete'
  | 'undo'
  | 'redo'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit';

/** The commands that change the genogram: hidden or refused for read-only members. */
export const EDIT_COMMANDS: readonly CommandId[] = [
  'addPerson',
  'addPartner',
  'addChild',
  'addParents',
  'addSibling',
  'addRelationship',
  'addHousehold',
  'addEcomap',
  'delete',
  'undo',
  'redo',
];

/** The commands that only change the view. */
export const VIEW_COMMANDS: readonly CommandId[] = ['zoomIn', 'zoomOut', 'fit'];

export interface CommandKeys {
  label: string;
  /** What the button shows, in `<kbd>`. */
  hint: string;
  /** `aria-keyshortcuts` syntax. */
  aria: string;
}

export const COMMANDS: Record<CommandId, CommandKeys> = {
  addPerson: { label: 'Add person', hint: 'N', aria: 'N' },
  addPartner: { label: 'Add partner', hint: 'P', aria: 'P' },
  addChild: { label: 'Add child', hint: 'C', aria: 'C' },
  addParents: { label: 'Add parents', hint: 'A', aria: 'A' },
  addSibling: { label: 'Add sibling', hint: 'S', aria: 'S' },
  addRelationship: { label: 'Add relationship', hint: 'R', aria: 'R' },
  addHousehold: { label: 'Add household', hint: 'H', aria: 'H' },
  addEcomap: { label: 'Add ecomap entry', hint: 'E', aria: 'E' },
  delete: { label: 'Delete', hint: 'Del', aria: 'Delete' },
  undo: { label: 'Undo', hint: 'Ctrl+Z', aria: 'Control+Z' },
  redo: { label: 'Redo', hint: 'Ctrl+Y', aria: 'Control+Y Control+Shift+Z' },
  zoomIn: { label: 'Zoom in', hint: '+', aria: '+' },
  zoomOut: { label: 'Zoom out', hint: '−', aria: '-' },
  fit: { label: 'Fit', hint: '0', aria: '0' },
};

const LETTERS: Record<string, CommandId> = {
  n: 'addPerson',
  p: 'addPartner',
  c: 'addChild',
  a: 'addParents',
  s: 'addSibling',
  r: 'addRelationship',
  h: 'addHousehold',
  e: 'addEcomap',
};

export function commandForKey(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): CommandId | null {
  const key = event.key.toLowerCase();
  if (event.ctrlKey || event.metaKey) {
    if (event.altKey) return null;
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    return null;
  }
  if (event.altKey) return null;
  if (event.key === 'Delete' || event.key === 'Backspace') return 'delete';
  if (event.key === '+' || event.key === '=') return 'zoomIn';
  if (event.key === '-' || event.key === '_') return 'zoomOut';
  if (event.key === '0') return 'fit';
  return LETTERS[key] ?? null;
}
