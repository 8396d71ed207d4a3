import type { Role } from '../model/role.js';

/**
 * What each client publishes in Yjs awareness under the `user` field. CollaborationCaret reads
 * `name` and `color`; the presence bar reads `role`.
 */
export interface AwarenessUser {
  id: string;
  name: string;
  role: Role;
  color: string;
}

/** Colours with at least 4.5:1 contrast against white text, for caret labels. */
const CARET_COLOURS = [
  '#1d70b8',
  '#d4351c',
  '#00703c',
  '#4c2c92',
  '#b58840',
  '#912b88',
  '#28a197',
  '#f47738',
];

/** The same person always gets the same colour, on every laptop. */
export function colourFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i += 1) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return CARET_COLOURS[Math.abs(hash) % CARET_COLOURS.length] ?? '#1d70b8';
}

/**
 * The only fields a client may state in its awareness ([E1]): the editor's caret and selection,
 * and the genogram's selection and drag. The server drops any other field and sets `user` itself
 * from the session, so presence names only people who are there, with their real role.
 */
export const AWARENESS_CLIENT_FIELDS: readonly string[] = [
  'cursor',
  'genogramSelection',
  'genogramDrag',
];
