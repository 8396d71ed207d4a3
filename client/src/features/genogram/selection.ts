import type { Genogram } from '@unitroom/shared';

/** What the side panel edits and the toolbar acts on. Only people are shared with others live. */
export type Selection =
  | { kind: 'person'; id: string }
  | { kind: 'union'; id: string }
  | { kind: 'relationship'; id: string }
  | { kind: 'household'; id: string }
  | { kind: 'ecomap'; id: string };

/** Whether the selected thing is still on the genogram (others delete things, undo removes them). */
export function selectionExists(genogram: Genogram, selection: Selection): boolean {
  const has = (items: readonly { id: string }[]) => items.some((item) => item.id === selection.id);
  switch (selection.kind) {
    case 'person':
      return has(genogram.people);
    case 'union':
      return has(genogram.unions);
    case 'relationship':
      return has(genogram.relationships);
    case 'household':
      return has(genogram.households);
    case 'ecomap':
      return has(genogram.ecomap);
  }
}

export const sameSelection = (a: Selection | null, b: Selection | null): boolean =>
  a?.kind === b?.kind && a?.id === b?.id;
