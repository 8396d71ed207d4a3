import type * as Y from 'yjs';
import type { FamilyId } from '../ids.js';

/**
 * Roots of a meeting document `meeting:<id>`. Each family on the agenda has its own minutes
 * fragment, so two families' discussions never share an undo stack or a caret.
 */
export const minutesFragmentName = (familyId: FamilyId | string): string => `minutes:${familyId}`;

export function minutesFragment(doc: Y.Doc, familyId: FamilyId | string): Y.XmlFragment {
  return doc.getXmlFragment(minutesFragmentName(familyId));
}
