import type { Board, ChildSummary, Genogram } from '@unitroom/shared';
import { createContext, use } from 'react';

export interface MinutesPerson {
  id: string;
  name: string;
}

/** What the minutes' node views need to draw labels and live links: the family and its board. */
export interface MinutesContextValue {
  familyName: string;
  children: readonly ChildSummary[];
  /** People who can own an action: the discussion's attendance. */
  people: readonly MinutesPerson[];
  /** Null until the family document has synced. */
  board: Board | null;
  genogram: Genogram | null;
  /** The unit has the reflective prompts on: actions show their process-only mark ([W7]). */
  prompts?: boolean;
}

export const MinutesContext = createContext<MinutesContextValue | null>(null);

export function useMinutesContext(): MinutesContextValue {
  const value = use(MinutesContext);
  if (!value) throw new Error('minutes node views must be inside <MinutesContext>');
  return value;
}

export function childName(context: MinutesContextValue, childId: unknown): string {
  return (
    context.children.find((child) => child.id === childId)?.name ??
    (typeof childId === 'string' ? 'A child no longer on the family’s record' : 'A child')
  );
}
