import { ID_PATTERN, asFamilyId, asMeetingId, type FamilyId, type MeetingId } from '../ids.js';

/**
 * Every Yjs document has a name `<kind>:<id>`; the name is also its path under `/collab/` and its
 * key in the document store. A family document lives across meetings; a meeting document holds
 * what is meeting-wide (presence, the chair's focus); a discussion document
 * `discussion:<meetingId>:<familyId>` holds one family's discussion at one meeting (its minutes),
 * so a finalised discussion can be frozen room by room and each stays small over a year.
 */
export type DocName = `family:${string}` | `meeting:${string}` | `discussion:${string}:${string}`;
export type ParsedDocName =
  | { kind: 'family'; id: FamilyId; name: DocName }
  | { kind: 'meeting'; id: MeetingId; name: DocName }
  | { kind: 'discussion'; meetingId: MeetingId; familyId: FamilyId; name: DocName };

export const familyDocName = (id: FamilyId): DocName => `family:${id}`;
export const meetingDocName = (id: MeetingId): DocName => `meeting:${id}`;
export const discussionDocName = (meetingId: MeetingId, familyId: FamilyId): DocName =>
  `discussion:${meetingId}:${familyId}`;

/**
 * Names already parsed. The server parses the name of the room an update goes to in several
 * hooks for every keystroke (referee, freeze, activity, mirror); a room's name is parsed once.
 * Emptied when full, so names that clients make up cannot grow it without bound.
 */
const parsedNames = new Map<string, Readonly<ParsedDocName> | null>();
const PARSED_NAMES_KEPT = 4096;

/**
 * Returns null for anything that is not exactly a known kind and well-formed ids. The result is
 * shared between callers (frozen).
 */
export function parseDocName(name: string): ParsedDocName | null {
  const known = parsedNames.get(name);
  if (known !== undefined) return known;
  const parsed = parseDocNameAfresh(name);
  if (parsedNames.size >= PARSED_NAMES_KEPT) parsedNames.clear();
  parsedNames.set(name, parsed === null ? null : Object.freeze(parsed));
  return parsed;
}

function parseDocNameAfresh(name: string): ParsedDocName | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon);
  const rest = name.slice(colon + 1);
  if (kind === 'discussion') {
    const [meetingId, familyId, ...extra] = rest.split(':');
    if (extra.length > 0 || meetingId === undefined || familyId === undefined) return null;
    if (!ID_PATTERN.test(meetingId) || !ID_PATTERN.test(familyId)) return null;
    return {
      kind,
      meetingId: asMeetingId(meetingId),
      familyId: asFamilyId(familyId),
      name: `discussion:${meetingId}:${familyId}`,
    };
  }
  if (!ID_PATTERN.test(rest)) return null;
  if (kind === 'family') return { kind, id: asFamilyId(rest), name: `family:${rest}` };
  if (kind === 'meeting') return { kind, id: asMeetingId(rest), name: `meeting:${rest}` };
  return null;
}
