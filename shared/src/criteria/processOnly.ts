import type { Action } from '../model/discussion/discussion.js';
import type { ProcessOnlyAction } from './report.js';
import { quote } from './text.js';
import { PURPOSE_PATTERNS } from './vocabulary.js';

/**
 * Actions that say only what will be done ("visit child at school", "refer to agency") and
 * nothing of the change they are for: none of the purpose markers in `PURPOSE_PATTERNS`.
 * Empty actions are not listed: there is nothing to reflect on yet.
 */
export function processOnlyActions(actions: readonly Action[]): ProcessOnlyAction[] {
  const out: ProcessOnlyAction[] = [];
  actions.forEach((action, index) => {
    const text = action.text.trim();
    if (text === '' || PURPOSE_PATTERNS.some((pattern) => pattern.test(text))) return;
    out.push({
      index,
      text,
      suggestion: `${quote(text)} says what will be done: what is it for? What change for the child do we hope it brings (“… so that …”)?`,
    });
  });
  return out;
}
