import type {
  EcomapEntryId,
  Genogram,
  HouseholdId,
  PersonId,
  RelationshipId,
  UnionId,
} from '@unitroom/shared';
import { useState } from 'react';
import { namesOf, relationshipTitle, unionTitle } from '../describe';
import type { SummaryError } from '../../../ui/fields';
import type { Selection } from '../selection';
import { Dialog } from '../../../ui/Dialog';
import type { GenogramDialogProps } from './PersonDialog';

function describeTarget(genogram: Genogram, selection: Selection) {
  const nameOf = namesOf(genogram);
  switch (selection.kind) {
    case 'person':
      return {
        what: nameOf(selection.id),
        consequence:
          'Their partnerships, relationships, household places, ecomap ties and legal markers go too. Their children stay, with the other parent.',
      };
    case 'union': {
      const union = genogram.unions.find((u) => u.id === selection.id);
      return {
        what: union ? `the partnership of ${unionTitle(union, nameOf)}` : 'this partnership',
        consequence: 'The children stay on the genogram, no longer hanging from this couple.',
      };
    }
    case 'relationship': {
      const relationship = genogram.relationships.find((r) => r.id === selection.id);
      return {
        what: relationship
          ? `the relationship ${relationshipTitle(relationship, nameOf)}`
          : 'this relationship',
        consequence: null,
      };
    }
    case 'household': {
      const household = genogram.households.find((h) => h.id === selection.id);
      return {
        what: household?.label ? `the household "${household.label}"` : 'this household',
        consequence: 'Its members stay on the genogram.',
      };
    }
    case 'ecomap': {
      const entry = genogram.ecomap.find((e) => e.id === selection.id);
      return { what: entry?.label || 'this ecomap entry', consequence: null };
    }
  }
}

/** Confirms a deletion, saying what else goes with it; undo can bring it all back. */
export function DeleteDialog({
  selection,
  genogram,
  editor,
  onDone,
  onCancel,
}: GenogramDialogProps & { selection: Selection }) {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const { what, consequence } = describeTarget(genogram, selection);

  const submit = () => {
    const outcome = editor.perform((commands) => {
      switch (selection.kind) {
        case 'person':
          return commands.deletePerson(selection.id as PersonId);
        case 'union':
          return commands.deleteUnion(selection.id as UnionId);
        case 'relationship':
          return commands.deleteRelationship(selection.id as RelationshipId);
        case 'household':
          return commands.deleteHousehold(selection.id as HouseholdId);
        case 'ecomap':
          return commands.deleteEcomapEntry(selection.id as EcomapEntryId);
      }
    });
    if (outcome.ok) onDone({ focus: null, message: `Deleted ${what}` });
    else setErrors([{ fieldId: null, message: outcome.message }]);
  };

  return (
    <Dialog
      title={`Delete ${what}?`}
      lead={
        <>
          {consequence && <p>{consequence}</p>}
          <p>You can undo this with Undo (Ctrl + Z).</p>
        </>
      }
      submitLabel="Delete"
      destructive
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    />
  );
}
