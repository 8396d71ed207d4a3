import type { Selection } from '../selection';
import type { CommandId } from '../shortcuts';
import { DeleteDialog } from './DeleteDialog';
import { EcomapDialog } from './EcomapDialog';
import { HouseholdDialog } from './HouseholdDialog';
import { PersonDialog, type GenogramDialogProps, type PersonDialogMode } from './PersonDialog';
import { RelationshipDialog } from './RelationshipDialog';

/** The one dialog open in the workspace, if any, and what it is about. */
export type DialogState =
  | { type: 'person'; mode: PersonDialogMode }
  | { type: 'relationship'; personId: string }
  | { type: 'household'; personId: string | null }
  | { type: 'ecomap'; personId: string | null }
  | { type: 'delete'; selection: Selection };

const SELECT_FIRST =
  'Select a person first: Tab to the genogram and use the arrow keys, or click a person.';

/**
 * The dialog a command opens for what is selected; a message when it needs a selection there is
 * not; null for commands without a dialog (undo, zoom).
 */
export function dialogFor(
  command: CommandId,
  current: Selection | null,
): DialogState | string | null {
  const person = current?.kind === 'person' ? current.id : null;
  const forPerson = (make: (personId: string) => DialogState) =>
    person ? make(person) : SELECT_FIRST;
  switch (command) {
    case 'addPerson':
      return { type: 'person', mode: { type: 'person' } };
    case 'addPartner':
      return forPerson((personId) => ({ type: 'person', mode: { type: 'partner', personId } }));
    case 'addChild':
      // A selected couple has the child together; a selected person is asked with whom.
      if (current?.kind === 'union')
        return { type: 'person', mode: { type: 'child', personId: null, unionId: current.id } };
      return forPerson((personId) => ({
        type: 'person',
        mode: { type: 'child', personId, unionId: null },
      }));
    case 'addParents':
      return forPerson((personId) => ({ type: 'person', mode: { type: 'parents', personId } }));
    case 'addSibling':
      return forPerson((personId) => ({ type: 'person', mode: { type: 'sibling', personId } }));
    case 'addRelationship':
      return forPerson((personId) => ({ type: 'relationship', personId }));
    case 'addHousehold':
      return { type: 'household', personId: person };
    case 'addEcomap':
      return { type: 'ecomap', personId: person };
    case 'delete':
      return current
        ? { type: 'delete', selection: current }
        : 'Select what to delete first: a person, or a line or boundary.';
    default:
      return null;
  }
}

/** Renders the open dialog with what every dialog shares. */
export function WorkspaceDialog({
  dialog,
  ...common
}: GenogramDialogProps & { dialog: DialogState }) {
  switch (dialog.type) {
    case 'person':
      return <PersonDialog mode={dialog.mode} {...common} />;
    case 'relationship':
      return <RelationshipDialog personId={dialog.personId} {...common} />;
    case 'household':
      return <HouseholdDialog personId={dialog.personId} {...common} />;
    case 'ecomap':
      return <EcomapDialog personId={dialog.personId} {...common} />;
    case 'delete':
      return <DeleteDialog selection={dialog.selection} {...common} />;
  }
}
