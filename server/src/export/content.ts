import {
  HYPOTHESIS_STATUS_LABELS,
  hypothesisStatus,
  CHILD_SEEN_LABELS,
  CONCERN_LABELS,
  RISK_PARTS,
  RISK_PART_LABELS,
  SECTION_LABELS,
  type Addendum,
  type Conversation,
  type DiscussionChild,
} from '@unitroom/shared';
import type { DiscussionRecord } from '../finalisation/record.js';
import type { ExportBlock, ExportDocument } from './exportDocument.js';
import type { GenogramImage } from './genogramImage.js';

/** One finalised discussion with what the exports add to it. */
export interface ExportSource {
  record: DiscussionRecord;
  contentHash: string;
  addenda: Addendum[];
  genogram: GenogramImage | null;
}

/**
 * The whole minutes of a meeting: every finalised discussion in agenda order, each with its
 * sections in the order the unit wrote them, the children's voice and risk, decisions with any
 * dissent, actions, the linked hypotheses and planned conversations, the genogram and addenda.
 */
export function minutesDocument(
  meeting: { title: string; date: string; unitName: string },
  sources: ExportSource[],
  notFinalised: string[],
): ExportDocument {
  const blocks: ExportBlock[] = [];
  for (const source of sources) {
    const { record } = source;
    const { discussion } = record;
    blocks.push({ kind: 'heading', level: 1, text: record.family.name });
    blocks.push(...attendanceBlocks(record));
    for (const section of discussion.sections) {
      if (section.kind === 'child' || section.kind === 'decisions' || section.kind === 'actions')
        continue;
      if (!section.text.trim()) continue;
      blocks.push({ kind: 'heading', level: 2, text: SECTION_LABELS[section.kind] });
      blocks.push({ kind: 'paragraph', text: section.text });
    }
    if (discussion.looseText.trim()) {
      blocks.push({ kind: 'heading', level: 2, text: 'Other notes' });
      blocks.push({ kind: 'paragraph', text: discussion.looseText });
    }
    const hypotheses = record.board.hypotheses.filter((h) =>
      discussion.hypothesisIds.includes(h.id),
    );
    if (hypotheses.length > 0) {
      blocks.push({ kind: 'heading', level: 2, text: 'Hypotheses on the board' });
      blocks.push({
        kind: 'list',
        items: hypotheses.map(
          (h) => `${h.text} (${HYPOTHESIS_STATUS_LABELS[hypothesisStatus(h, record.board)]})`,
        ),
      });
    }
    for (const child of discussion.children) blocks.push(...childBlocks(record, child, 2));
    blocks.push(...decisionBlocks(record));
    blocks.push(...actionBlocks(record, () => true));
    blocks.push(...conversationBlocks(record));
    blocks.push(...genogramBlocks(source));
    blocks.push(...addendaBlocks(source.addenda));
    blocks.push({ kind: 'paragraph', text: provenance(source) });
  }
  if (notFinalised.length > 0) {
    blocks.push({ kind: 'heading', level: 1, text: 'Not included' });
    blocks.push({
      kind: 'paragraph',
      text: `Not finalised, so not part of these minutes: ${notFinalised.join(', ')}.`,
    });
  }
  return {
    title: `Minutes: ${meeting.title}, ${formatDate(meeting.date)}`,
    subtitle: [meeting.unitName],
    blocks,
    footer: sources.map((s) => `${s.record.family.name}: SHA-256 ${s.contentHash}`),
  };
}

/**
 * One child's case note, for the council's case recording system: that child's voice and risk,
 * the decisions, the actions for that child or the whole family, the family's planned
 * conversations and the genogram. Nothing written about another child goes in.
 */
export function caseNoteDocument(source: ExportSource, childId: string): ExportDocument {
  const { record } = source;
  const child = record.children.find((candidate) => candidate.id === childId);
  if (!child) throw new Error(`child ${childId} is not in ${record.family.name}`);
  const written = record.discussion.children.find((candidate) => candidate.childId === childId);
  const blocks: ExportBlock[] = [];
  blocks.push(...filingBlocks(record, child));
  blocks.push(...attendanceBlocks(record));
  if (written) blocks.push(...childBlocks(record, written, 1));
  else {
    blocks.push({ kind: 'heading', level: 1, text: child.name });
    blocks.push({
      kind: 'paragraph',
      text: 'Nothing was recorded about this child at this meeting.',
    });
  }
  blocks.push(...decisionBlocks(record));
  blocks.push(
    ...actionBlocks(record, (action) => action.childId === null || action.childId === childId),
  );
  blocks.push(...conversationBlocks(record));
  blocks.push(...genogramBlocks(source));
  blocks.push(...addendaBlocks(source.addenda));
  return {
    title: `Case note: ${child.name}`,
    subtitle: [
      `Unit meeting: ${record.meeting.title}, ${formatDate(record.meeting.date)}`,
      `${record.unit.name}; ${record.family.name}`,
    ],
    blocks,
    footer: [provenance(source)],
  };
}

/** The case-note note type, as case recording systems file unit-meeting notes. */
export const CASE_NOTE_TYPE = 'Unit meeting: systemic case discussion';

/**
 * What the council's case recording system files the note by ([F5]): the child's name, date of
 * birth (or expected date) and case-record id, the meeting date, the note type, who recorded
 * and who approved.
 */
function filingBlocks(
  record: DiscussionRecord,
  child: DiscussionRecord['children'][number],
): ExportBlock[] {
  const born = child.birthDate ?? (child.birthYear === null ? null : String(child.birthYear));
  const recordedBy = record.recordedBy ?? record.finalisedBy;
  return [
    { kind: 'field', label: 'Child', value: child.name },
    {
      kind: 'field',
      label: child.unborn ? 'Expected date of birth' : 'Date of birth',
      value: born ? formatPartialDate(born) : 'Not recorded',
    },
    { kind: 'field', label: 'Case record id', value: child.caseRecordId ?? 'Not recorded' },
    { kind: 'field', label: 'Meeting date', value: formatDate(record.meeting.date) },
    { kind: 'field', label: 'Note type', value: CASE_NOTE_TYPE },
    { kind: 'field', label: 'Recorded by', value: recordedBy.name },
    {
      kind: 'field',
      label: 'Approved by',
      value: record.approvedBy?.name ?? 'No approval required by the unit',
    },
  ];
}

/** `2019`, `2019-03` or `2019-03-14` as people read them. */
function formatPartialDate(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return formatDate(date);
  if (/^\d{4}-\d{2}$/.test(date)) {
    return new Date(`${date}-01T00:00:00Z`).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return date;
}

function attendanceBlocks(record: DiscussionRecord): ExportBlock[] {
  const blocks: ExportBlock[] = [];
  const present = record.discussion.attendance.map((a) =>
    a.description ? `${a.name} (${a.description})` : a.name,
  );
  if (present.length > 0)
    blocks.push({ kind: 'field', label: 'Present', value: present.join(', ') });
  if (record.discussion.timeSpentSeconds > 0) {
    const minutes = Math.round(record.discussion.timeSpentSeconds / 60);
    blocks.push({ kind: 'field', label: 'Time spent', value: `${minutes} minutes` });
  }
  return blocks;
}

function childBlocks(
  record: DiscussionRecord,
  written: DiscussionChild,
  level: 1 | 2,
): ExportBlock[] {
  const child = record.children.find((candidate) => candidate.id === written.childId);
  const name = child?.name ?? 'Child';
  const sub = (level + 1) as 2 | 3;
  const blocks: ExportBlock[] = [{ kind: 'heading', level, text: name }];
  if (written.notes.trim()) blocks.push({ kind: 'paragraph', text: written.notes });
  blocks.push({ kind: 'heading', level: sub, text: "The child's voice" });
  if (written.voice.seen) {
    blocks.push({ kind: 'field', label: 'Contact', value: CHILD_SEEN_LABELS[written.voice.seen] });
  }
  blocks.push({ kind: 'paragraph', text: written.voice.text.trim() || 'Not recorded.' });
  blocks.push({ kind: 'heading', level: sub, text: 'Risk' });
  blocks.push({
    kind: 'field',
    label: 'Level of concern',
    value: written.risk.concern ? CONCERN_LABELS[written.risk.concern] : 'Not recorded',
  });
  for (const part of RISK_PARTS) {
    const text = written.risk[part].trim();
    if (text) blocks.push({ kind: 'field', label: RISK_PART_LABELS[part], value: text });
  }
  return blocks;
}

function decisionBlocks(record: DiscussionRecord): ExportBlock[] {
  const { decisions } = record.discussion;
  if (decisions.length === 0) return [];
  const blocks: ExportBlock[] = [{ kind: 'heading', level: 2, text: 'Decisions' }];
  decisions.forEach((decision, index) => {
    blocks.push({ kind: 'paragraph', text: `${index + 1}. ${decision.text}` });
    if (decision.reason.trim())
      blocks.push({ kind: 'field', label: 'Why', value: decision.reason });
    if (decision.dissent.trim()) {
      blocks.push({ kind: 'field', label: 'Disagreement recorded', value: decision.dissent });
    }
  });
  return blocks;
}

function actionBlocks(
  record: DiscussionRecord,
  include: (action: DiscussionRecord['discussion']['actions'][number]) => boolean,
): ExportBlock[] {
  const actions = record.discussion.actions.filter(include);
  if (actions.length === 0) return [];
  const nameOf = (owner: string) =>
    record.members.find((member) => member.id === owner)?.name ?? owner;
  const childName = (childId: string | null) =>
    childId === null
      ? 'whole family'
      : (record.children.find((child) => child.id === childId)?.name ?? 'a child');
  return [
    { kind: 'heading', level: 2, text: 'Actions' },
    {
      kind: 'list',
      items: actions.map((action) => {
        const who = action.owner ? nameOf(action.owner) : 'no owner yet';
        const due = action.due ? `by ${formatDate(action.due)}` : 'no date';
        return `${action.text} (${who}; ${due}; for ${childName(action.childId)})`;
      }),
    },
  ];
}

/** The family's planned conversations: those linked from the minutes, then any other planned. */
function conversationBlocks(record: DiscussionRecord): ExportBlock[] {
  const { board, discussion, genogram } = record;
  const linked = discussion.conversationIds
    .map((id) => board.conversations.find((c) => c.id === id))
    .filter((c): c is Conversation => c !== undefined);
  const planned = board.conversations.filter(
    (c) => c.happened === null && !discussion.conversationIds.includes(c.id),
  );
  const conversations = [...linked, ...planned];
  const sectionText = discussion.sections
    .filter((section) => section.kind === 'conversations')
    .map((section) => section.text.trim())
    .filter(Boolean)
    .join('\n');
  if (conversations.length === 0 && !sectionText) return [];
  const blocks: ExportBlock[] = [
    { kind: 'heading', level: 2, text: 'Planned conversations with the family' },
  ];
  if (sectionText) blocks.push({ kind: 'paragraph', text: sectionText });
  const personName = (id: string) => genogram.people.find((p) => p.id === id)?.name ?? 'someone';
  const hypothesisText = (id: string) => board.hypotheses.find((h) => h.id === id)?.text ?? '';
  const questionText = (id: string) => board.questions.find((q) => q.id === id)?.text ?? '';
  for (const conversation of conversations) {
    const withWhom = conversation.familyMembers.map(personName).join(', ') || 'the family';
    blocks.push({
      kind: 'heading',
      level: 3,
      text: `With ${withWhom}${conversation.by ? ` by ${formatDate(conversation.by)}` : ''}`,
    });
    const hypothesis = hypothesisText(conversation.hypothesisId);
    if (hypothesis) blocks.push({ kind: 'field', label: 'Exploring', value: hypothesis });
    if (conversation.workers.length > 0) {
      blocks.push({ kind: 'field', label: 'Who', value: conversation.workers.join(', ') });
    }
    if (conversation.purpose)
      blocks.push({ kind: 'field', label: 'Purpose', value: conversation.purpose });
    const questions = conversation.questions.map(questionText).filter(Boolean);
    if (questions.length > 0) blocks.push({ kind: 'list', items: questions });
    if (conversation.ifYes)
      blocks.push({ kind: 'field', label: 'If yes', value: conversation.ifYes });
    if (conversation.ifNo) blocks.push({ kind: 'field', label: 'If no', value: conversation.ifNo });
  }
  return blocks;
}

function genogramBlocks(source: ExportSource): ExportBlock[] {
  if (!source.genogram) return [];
  return [
    { kind: 'heading', level: 2, text: 'Genogram' },
    {
      kind: 'genogram',
      image: source.genogram,
      alt: `Genogram of the ${source.record.family.name} as it stood on ${formatDate(source.record.meeting.date)}`,
    },
  ];
}

function addendaBlocks(addenda: Addendum[]): ExportBlock[] {
  if (addenda.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: 'Addenda' },
    ...addenda.map((addendum): ExportBlock => ({
      kind: 'paragraph',
      text: `${formatDateTime(addendum.at)}, ${addendum.author.name}: ${addendum.text}`,
    })),
  ];
}

function provenance(source: ExportSource): string {
  const { record } = source;
  const approval = record.approvedBy
    ? `approved by ${record.approvedBy.name}`
    : `finalised by ${record.finalisedBy.name} (approval not required)`;
  return `Finalised ${formatDateTime(record.finalisedAt)}, ${approval}. Record SHA-256 ${source.contentHash}.`;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "22 November 2026" from `YYYY-MM-DD` (or a partial `YYYY-MM` / `YYYY`, shown as given). */
export function formatDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}
