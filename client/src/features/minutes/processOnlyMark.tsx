import { processOnlyActions } from '@unitroom/shared';

/**
 * The process-only mark on an action itself ([W7]): the same rule the prompts panel uses, for
 * this action's own words.
 */
export function ProcessOnlyMark({ text }: { text: string }) {
  const found = processOnlyActions([{ text, owner: null, due: null, childId: null }])[0];
  if (!found) return null;
  return (
    <p className="minutes-action__mark" data-testid="process-only-mark" tabIndex={-1}>
      {found.suggestion}
    </p>
  );
}

/** Brings the n-th action of the minutes into view, in document order. */
export function goToAction(index: number): void {
  const action = document.querySelectorAll<HTMLElement>('.minutes-action')[index];
  if (!action) return;
  action.scrollIntoView({ block: 'center' });
  action.querySelector<HTMLElement>('.minutes-action__mark')?.focus();
}
