import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import * as Y from 'yjs';
import {
  checkDiscussion,
  readBoard,
  readDiscussion,
  readGenogram,
  safeLine,
  safeText,
  type Addendum,
  type Board,
  type CriteriaReport,
  type Discussion,
  type Genogram,
  type RecordedActivity,
} from '@unitroom/shared';
import { verifiedAttendance, type SeenPerson } from './verifiedAttendance.js';

export interface PersonRef {
  id: string;
  name: string;
}

/**
 * What a finalised discussion says, self-contained: everything an export or an auditor needs,
 * read through the typed readers from the two documents as they stood when it was finalised.
 * Stored as canonical JSON (RFC 8785), so the same content always has the same bytes and hash.
 */
export interface DiscussionRecord {
  format: typeof RECORD_FORMAT;
  unit: { id: string; name: string };
  meeting: { id: string; title: string; date: string };
  family: { id: string; name: string };
  /**
   * The family's children from the unit's records, eldest first, with what the council's case
   * recording system files a note by ([F5]); records before the mirror lack the optional fields.
   */
  children: Array<{
    id: string;
    name: string;
    birthYear: number | null;
    birthDate?: string | null;
    unborn?: boolean;
    caseRecordId?: string | null;
  }>;
  /** The unit's members then, so an action's owner (a user id) reads as a name for good. */
  members: PersonRef[];
  discussion: Discussion;
  genogram: Genogram;
  board: Board;
  /**
   * What the server recorded of the discussion beyond the two documents ([C13]): kept with the
   * record so anyone rebuilding it from the stored states passes it back and gets the same hash.
   */
  activity: RecordedActivity;
  /**
   * The systemic-discussion prompts as the server ran them at finalisation: reflective prompts
   * kept with the record, never a grade, never exported into a case note.
   */
  criteria: CriteriaReport;
  finalisedAt: string;
  finalisedBy: PersonRef;
  /** Null when the unit did not require approval. */
  approvedBy: PersonRef | null;
  /** Who recorded the minutes (marked them ready); absent in records made before it was kept. */
  recordedBy?: PersonRef | null;
  /**
   * The people the server saw at the discussion, which the attendance was checked against
   * ([U1]): kept with the record, so a rebuild from the stored states passes it back and gets the
   * same hash. Absent in records made before it was kept.
   */
  seenAttendees?: SeenPerson[];
}

export const RECORD_FORMAT = 'unitroom.discussion-record.v1';

export interface RecordInput {
  unit: DiscussionRecord['unit'];
  meeting: DiscussionRecord['meeting'];
  family: DiscussionRecord['family'];
  children: DiscussionRecord['children'];
  members: PersonRef[];
  /** The discussion document, one Yjs update. */
  discussionState: Uint8Array;
  /** The family document (genogram and board), one Yjs update. */
  familyState: Uint8Array;
  /** Who used the genogram and board while the family was in focus ([C2], [C6]). */
  activity?: RecordedActivity | undefined;
  finalisedAt: string;
  finalisedBy: PersonRef;
  approvedBy: PersonRef | null;
  recordedBy: PersonRef | null;
  /**
   * The people the server saw at the discussion ([U1]): the attendance is checked against them.
   * Absent when rebuilding a record finalised before it was kept: the attendance stands as read.
   */
  seenAttendees?: readonly SeenPerson[] | undefined;
}

/** What is stored of a built record: its canonical JSON and the hash of it. */
export interface BuiltRecordContent {
  content: string;
  contentHash: string;
}

/** A finalised discussion as stored: its record's canonical JSON, hash and addenda. */
export interface StoredContent extends BuiltRecordContent {
  addenda: Addendum[];
}

export interface BuiltRecord {
  record: DiscussionRecord;
  /** Canonical JSON of `record`. */
  content: string;
  /** SHA-256 of `content` (UTF-8), hex. */
  contentHash: string;
}

export function buildRecord(input: RecordInput): BuiltRecord {
  const discussionDoc = docFrom(input.discussionState);
  const read = readDiscussion(discussionDoc);
  const discussion = cleanStrings(
    input.seenAttendees
      ? { ...read, attendance: verifiedAttendance(read.attendance, input.seenAttendees) }
      : read,
  );
  discussionDoc.destroy();
  const familyDoc = docFrom(input.familyState);
  const readGenogramOnce = readGenogram(familyDoc);
  const board = cleanStrings(readBoard(familyDoc, readGenogramOnce));
  const genogram = cleanStrings(readGenogramOnce);
  familyDoc.destroy();
  const activity: RecordedActivity = input.activity ?? {
    genogramUsed: false,
    boardContributors: [],
  };
  const record: DiscussionRecord = {
    format: RECORD_FORMAT,
    unit: cleanStrings(input.unit),
    meeting: cleanStrings(input.meeting),
    family: cleanStrings(input.family),
    children: cleanStrings(input.children),
    members: cleanStrings(input.members),
    discussion,
    genogram,
    board,
    activity,
    criteria: checkDiscussion({
      discussion,
      board,
      genogram,
      activity: { ...activity, meetingId: input.meeting.id, children: input.children },
    }),
    finalisedAt: input.finalisedAt,
    finalisedBy: cleanStrings(input.finalisedBy),
    approvedBy: cleanStrings(input.approvedBy),
    recordedBy: cleanStrings(input.recordedBy ?? null),
    ...(input.seenAttendees ? { seenAttendees: cleanStrings([...input.seenAttendees]) } : {}),
  };
  const content = canonicalJson(record);
  return { record, content, contentHash: sha256Hex(content) };
}

/** One-line values: names, titles and labels; every other string may hold lines. */
const ONE_LINE_KEYS = new Set(['name', 'title', 'label', 'familyName', 'offeredBy', 'suggestedBy']);

/**
 * Every string of a value as `safeText` leaves it (`safeLine` for names and titles): the record
 * holds nothing an export cannot write, whatever was typed or pasted into the documents.
 */
export function cleanStrings<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    return (ONE_LINE_KEYS.has(key) ? safeLine(value) : safeText(value)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => cleanStrings(item, key)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = cleanStrings(item, name);
    return out as T;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('nothing to canonicalise');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The stored content, parsed; it was written by `buildRecord` and is never changed. */
export function parseRecord(content: string): DiscussionRecord {
  const record = JSON.parse(content) as DiscussionRecord;
  if (record.format !== RECORD_FORMAT) throw new Error(`unknown record format ${record.format}`);
  return record;
}

function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
