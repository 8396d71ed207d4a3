import type { GenogramCommands } from '@unitroom/shared';
import type { ReactNode } from 'react';
import type { Selection } from '../selection';

/**
 * Runs one change as one undo step; on success announces `success`, on refusal shows the reason
 * in the workspace's error summary. Returns whether the change was made.
 */
export type Act = (action: (commands: GenogramCommands) => unknown, success: string) => boolean;

export interface PanelProps {
  act: Act;
  readOnly: boolean;
  /** Moves the panel to a related person, union, relationship, household or ecomap entry. */
  onSelect(selection: Selection): void;
}

/** Editable fields stack as form groups; read-only ones are a description list. */
export function FieldList({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return readOnly ? <dl className="panel-values">{children}</dl> : <div>{children}</div>;
}
