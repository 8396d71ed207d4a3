import { ID_PATTERN, asFamilyId, asMeetingId, type FamilyId, type MeetingId } from '../ids.js';

/**
 * Every Yjs document has a name `<kind>:<id>`; the name is also its path under `/collab/` and its
 * key in the document store. A family document lives across meetings; a meeting document holds
 * one weekly meeting's minutes.
 */
export type DocName = `family:${string}` | `meeting:${string}`;
export type ParsedDocName =
  | { kind: 'family'; id: FamilyId; name: DocName }
  | { kind: 'meeting'; id: MeetingId; name: DocName };

export const familyDocName = (id: FamilyId): DocName => `family:${id}`;
export const meetingDocName = (id: MeetingId): DocName => `meeting:${id}`;

/** Returns null for anything that is not exactly a known kind and a well-formed id. */
export function parseDocName(name: string): ParsedDocName | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!ID_PATTERN.test(id)) return null;
  if (kind === 'family') return { kind, id: asFamilyId(id), name: `family:${id}` };
  if (kind === 'meeting') return { kind, id: asMeetingId(id), name: `meeting:${id}` };
  return null;
}
