import type * as Y from 'yjs';
import { MINUTES_FRAGMENT } from '../../model/discussion/vocabulary.js';

/**
 * Roots of a discussion document `discussion:<meetingId>:<familyId>` (shared/SPEC.md [D4]).
 * Collections are root maps of their own, never maps nested in a shared map: two replicas
 * creating the same nested map at once would each make their own, and one would be lost.
 */
export const DISCUSSION_MAP = 'discussion';
export const ATTENDANCE_ROOT = 'discussion:attendance';
export const TIME_SPANS_ROOT = 'discussion:timeSpans';
export const CONTRIBUTORS_ROOT = 'discussion:contributors';

/** Key in `DISCUSSION_MAP`: set once the template has been written, so it is written once. */
export const TEMPLATE_SEEDED_KEY = 'templateSeeded';

export const discussionMinutesFragment = (doc: Y.Doc): Y.XmlFragment =>
  doc.getXmlFragment(MINUTES_FRAGMENT);
export const discussionMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DISCUSSION_MAP);
export const attendanceRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ATTENDANCE_ROOT);
export const timeSpansRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(TIME_SPANS_ROOT);
export const contributorsRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CONTRIBUTORS_ROOT);

/**
 * Whether a discussion has neither minutes nor a template yet: the only time one is seeded. Here,
 * beside the roots, rather than with the commands: it needs no editor schema, so the server can
 * ask it of every discussion it loads without loading Tiptap (`@unitroom/shared/minutes`).
 */
export function needsTemplate(doc: Y.Doc): boolean {
  return (
    discussionMinutesFragment(doc).length === 0 &&
    discussionMap(doc).get(TEMPLATE_SEEDED_KEY) !== true
  );
}
