import type { Board } from '../model/board/board.js';
import type { Hypothesis } from '../model/board/hypothesis.js';
import type { Attendee, Discussion } from '../model/discussion/discussion.js';
import type { SectionKind } from '../model/discussion/vocabulary.js';
import type { Genogram } from '../model/genogram/genogram.js';
import { ROLE_LABELS, type Role } from '../model/role.js';
import { processOnlyActions } from './processOnly.js';
import {
  CRITERION_IDS,
  RATING_EXPLANATIONS,
  type CriteriaReport,
  type CriterionId,
  type CriterionResult,
  type DiscussionActivity,
  type EvidencePlace,
  type Finding,
  type Rating,
} from './report.js';
import {
  CheckCache,
  TermList,
  contentWords,
  listInWords,
  overlap,
  quote,
  wordsOf,
  type CheckLists,
  type LineFacts,
  type SentenceFacts,
} from './text.js';
import {
  CHALLENGE_TERMS,
  FAMILY_VIEW_VERBS,
  FILLER_WORDS,
  FIXED_VIEW_TERMS,
  MAY_AS_VERB,
  PATTERN_TERMS,
  PRACTICE_ABBREVIATIONS,
  REFLECTIVE_TERMS,
  STOCK_PHRASES,
  WIDER_SYSTEM_TERMS,
  familyViewPattern,
} from './vocabulary.js';

export interface CheckInput {
  discussion: Discussion;
  board: Board;
  genogram: Genogram;
  activity?: Partial<DiscussionActivity>;
}

const LISTS: CheckLists = {
  wider: new TermList(WIDER_SYSTEM_TERMS),
  patterns: new TermList(PATTERN_TERMS),
  reflective: new TermList(REFLECTIVE_TERMS),
  fixed: new TermList(FIXED_VIEW_TERMS),
  challenge: new TermList(CHALLENGE_TERMS),
  stock: new TermList(STOCK_PHRASES),
  filler: new Set<string>(FILLER_WORDS),
  mayAsVerb: MAY_AS_VERB,
};

/**
 * A cache for a panel that checks the same discussion again and again as people type: only the
 * lines that changed are read again. Reports are the same with or without one ([C11]).
 */
export const createCriteriaCache = (): CheckCache => new CheckCache(LISTS);

/**
 * What a paragraph of the minutes is, for reading it where it belongs ([C0]): the sections by
 * kind, and inside a child's section its notes, the child's voice and each part of the risk.
 */
type ParagraphKind =
  | 'context'
  | 'obstacles'
  | 'hypotheses'
  | 'conversations'
  | 'decision'
  | 'dissent'
  | 'childNotes'
  | 'voice'
  | 'riskSee'
  | 'riskWorry'
  | 'riskDo'
  | 'riskFamilyView'
  | 'riskLessWorried'
  | 'loose';

/** [C0] Where each kind of written evidence is read. Actions are read for none of them. */
const READ_IN: Record<
  'wider' | 'patterns' | 'curious' | 'challenge' | 'familyView',
  ReadonlySet<ParagraphKind>
> = {
  wider: new Set<ParagraphKind>([
    'context',
    'obstacles',
    'hypotheses',
    'conversations',
    'childNotes',
    'voice',
    'riskSee',
    'riskWorry',
    'riskFamilyView',
    'riskLessWorried',
    'loose',
  ]),
  patterns: new Set<ParagraphKind>(['context', 'obstacles', 'hypotheses', 'childNotes', 'loose']),
  curious: new Set<ParagraphKind>([
    'context',
    'obstacles',
    'hypotheses',
    'conversations',
    'childNotes',
    'dissent',
    'loose',
  ]),
  challenge: new Set<ParagraphKind>(['context', 'obstacles', 'hypotheses', 'dissent', 'loose']),
  familyView: new Set<ParagraphKind>([
    'context',
    'obstacles',
    'childNotes',
    'riskSee',
    'riskWorry',
    'riskFamilyView',
    'loose',
  ]),
};

interface Paragraph {
  text: string;
  facts: LineFacts;
  kind: ParagraphKind;
  where: EvidencePlace;
}

/** One idea about the family: a hypothesis in play on the board, or one written in the minutes. */
interface Idea {
  text: string;
  content: string[];
  /** Who offered it (user id or name); null when the minutes do not say. */
  authors: Set<string>;
  where: EvidencePlace;
}

/** Ideas sharing this much of their words are one idea said twice ([C4]). */
const SAME_IDEA_OVERLAP = 0.5;
/** A written idea needs this many content words: less is a label, not an explanation. */
const MIN_IDEA_WORDS = 4;
/** Findings shown per kind: enough to see why, few enough to read (and cheap per keystroke). */
const SHOWN_FINDINGS = 3;
/** F3 asks for this many independent signs of curiosity ([C3]). */
const CURIOSITY_SIGNS_NEEDED = 2;

/**
 * Roles that may contribute less (the coordinator records), only read (the manager), or are not
 * of the unit at all (a guest: F6 asks about the whole unit).
 */
const ROLES_NOT_EXPECTED_TO_SPEAK: ReadonlySet<Role> = new Set<Role>([
  'unit_coordinator',
  'manager',
  'guest',
]);

const ABBREVIATIONS: ReadonlySet<string> = new Set(PRACTICE_ABBREVIATIONS);
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx']);
const SAY_VERBS: readonly string[] = [
  ...FAMILY_VIEW_VERBS,
  'wonders',
  'wondered',
  'suggested',
  'suggests',
  'challenged',
  'disagreed',
  'doubts',
  'noted',
  'added',
];

/**
 * Reflective prompts for one family's discussion against the eight features of a systemic
 * discussion (shared/SPEC.md [C0]-[C12] say exactly what counts). Pure and deterministic: the
 * same input gives the same report, on every laptop and on the server at finalisation. Cheap
 * enough to run on every keystroke.
 */
export function checkDiscussion(
  input: CheckInput,
  cache: CheckCache = createCriteriaCache(),
): CriteriaReport {
  const context = new CheckContext(input, cache);
  const criteria: CriterionResult[] = [
    context.f1WiderContext(),
    context.f2Genogram(),
    context.f3Reflective(),
    context.f4SeveralHypotheses(),
    context.f5Conversations(),
    context.f6WholeUnit(),
    context.f7ChildAndFamily(),
    context.f8RiskToEachChild(),
  ];
  const rating = rate(criteria);
  return {
    criteria,
    processOnlyActions: processOnlyActions(input.discussion.actions),
    rating,
    ratingExplanation: RATING_EXPLANATIONS[rating],
  };
}

/** [C10] all eight: systemic; all but F5: green shoots; anything else: not yet systemic. */
export function rate(criteria: readonly CriterionResult[]): Rating {
  const missing = CRITERION_IDS.filter((id) => !criteria.find((c) => c.id === id)?.met);
  if (missing.length === 0) return 'systemic';
  if (missing.length === 1 && missing[0] === 'F5') return 'green-shoots';
  return 'not-yet-systemic';
}

const result = (
  id: CriterionId,
  met: boolean,
  found: Finding[],
  suggestion: string,
): CriterionResult => ({
  id,
  met,
  evidence: found.map((f) => f.text),
  found,
  suggestion: met ? null : suggestion,
});

const section = (kind: SectionKind | null, childId: string | null = null): EvidencePlace => ({
  kind: 'section',
  section: kind,
  childId,
});

/** A line's text without a leading attribution ("RS: …", "JO for Mia: …"). */
const ATTRIBUTION = /^\s*(\p{Lu}{2,3})(?:\s+for\s+[^:–-]{1,40})?\s*[:–-]\s*/u;

class CheckContext {
  private readonly discussion: Discussion;
  private readonly board: Board;
  private readonly genogram: Genogram;
  private readonly activity: DiscussionActivity;
  private readonly paragraphs: Paragraph[];
  private readonly inPlay: Hypothesis[];
  private readonly childNames: Map<string, string>;
  /** Attendees by the initials that stand for them (ambiguous initials left out). */
  private readonly byInitials = new Map<string, Attendee>();
  /** For each attendee, their first name followed by a verb of saying or a colon. */
  private readonly saying = new Map<string, { first: string; pattern: RegExp }>();
  private readonly cache: CheckCache;
  private ideasCache: Idea[] | null = null;
  private challengesCache: Finding[] | null = null;

  constructor({ discussion, board, genogram, activity }: CheckInput, cache: CheckCache) {
    this.cache = cache;
    this.discussion = discussion;
    this.board = board;
    this.genogram = genogram;
    this.activity = {
      meetingId: activity?.meetingId ?? null,
      children: activity?.children ?? [],
      genogramUsed: activity?.genogramUsed ?? false,
      boardContributors: activity?.boardContributors ?? [],
    };
    this.paragraphs = [];
    const add = (text: string, kind: ParagraphKind, where: EvidencePlace) => {
      for (const line of text.split('\n'))
        if (line.trim() !== '')
          this.paragraphs.push({ text: line, facts: cache.facts(line), kind, where });
    };
    for (const s of discussion.sections) {
      if (
        s.kind === 'context' ||
        s.kind === 'obstacles' ||
        s.kind === 'hypotheses' ||
        s.kind === 'conversations'
      )
        add(s.text, s.kind, section(s.kind));
    }
    for (const d of discussion.decisions) {
      add(d.text, 'decision', section('decisions'));
      add(d.reason, 'decision', section('decisions'));
      add(d.dissent, 'dissent', section('decisions'));
    }
    for (const child of discussion.children) {
      const where = section('child', child.childId);
      add(child.notes, 'childNotes', where);
      add(child.voice.text, 'voice', where);
      add(child.risk.see, 'riskSee', where);
      add(child.risk.worry, 'riskWorry', where);
      add(child.risk.do, 'riskDo', where);
      add(child.risk.familyView, 'riskFamilyView', where);
      add(child.risk.lessWorried, 'riskLessWorried', where);
    }
    add(discussion.looseText, 'loose', section(null));
    this.inPlay = this.hypothesesInPlay();
    this.childNames = new Map(this.activity.children.map((child) => [child.id, child.name]));
    const seen = new Map<string, number>();
    for (const attendee of discussion.attendance) {
      for (const initials of initialsOf(attendee.name)) {
        seen.set(initials, (seen.get(initials) ?? 0) + 1);
        this.byInitials.set(initials, attendee);
      }
    }
    for (const [initials, count] of seen) if (count > 1) this.byInitials.delete(initials);
    for (const attendee of discussion.attendance) {
      const first = firstNameOf(attendee.name);
      if (first) this.saying.set(attendee.id, { first, pattern: sayingPattern(first) });
    }
  }

  /** [C2] Linked in the minutes, or raised or discussed at this meeting; declined ones never. */
  private hypothesesInPlay(): Hypothesis[] {
    const linked = new Set<string>(this.discussion.hypothesisIds);
    const conversations = new Set<string>(this.discussion.conversationIds);
    for (const conversation of this.board.conversations) {
      if (conversations.has(conversation.id)) linked.add(conversation.hypothesisId);
    }
    const meetingId = this.activity.meetingId;
    return this.board.hypotheses.filter(
      (h) =>
        h.suggestion !== 'declined' &&
        (linked.has(h.id) ||
          (meetingId !== null &&
            (h.fromMeeting === meetingId || h.lastDiscussedMeeting === meetingId))),
    );
  }

  /** Non-stock sentences of the paragraphs read for `purpose`, with their paragraph. */
  private sentences(
    purpose: keyof typeof READ_IN,
  ): Array<{ sentence: SentenceFacts; paragraph: Paragraph }> {
    const kinds = READ_IN[purpose];
    const out: Array<{ sentence: SentenceFacts; paragraph: Paragraph }> = [];
    for (const paragraph of this.paragraphs) {
      if (!kinds.has(paragraph.kind)) continue;
      for (const sentence of paragraph.facts.sentences)
        if (!sentence.stock) out.push({ sentence, paragraph });
    }
    return out;
  }

  private childName(childId: string): string {
    return this.childNames.get(childId) ?? 'this child';
  }

  /** The family's children from its records, else the children the minutes speak of. */
  private children() {
    const byId = new Map(this.discussion.children.map((child) => [child.childId as string, child]));
    const ids =
      this.activity.children.length > 0
        ? this.activity.children.map((child) => child.id)
        : [...byId.keys()];
    return ids.map((id) => ({ id, name: this.childName(id), entry: byId.get(id) }));
  }

  private attendeeFor(author: string): Attendee | undefined {
    return this.discussion.attendance.find((a) => a.id === author || a.name === author);
  }

  /** The attendee a paragraph is attributed to by its leading initials, if any. */
  private attributedTo(text: string): Attendee | undefined {
    const match = ATTRIBUTION.exec(text);
    return match ? this.byInitials.get(match[1] as string) : undefined;
  }

  /**
   * [C4] Distinct ideas about the family: hypotheses in play and hypotheses written in the
   * hypotheses section, near-identical ones (sharing half their words) counted once.
   */
  private ideas(): Idea[] {
    if (this.ideasCache) return this.ideasCache;
    const ideas: Idea[] = [];
    const addIdea = (
      text: string,
      content: string[],
      author: string | null,
      where: EvidencePlace,
    ) => {
      const same = ideas.find((idea) => overlap(idea.content, content) >= SAME_IDEA_OVERLAP);
      if (same) {
        if (author !== null) same.authors.add(author);
        return;
      }
      ideas.push({ text, content, authors: new Set(author === null ? [] : [author]), where });
    };
    for (const h of this.inPlay)
      addIdea(h.text, contentWords(wordsOf(h.text)), h.offeredBy, { kind: 'hypothesis', id: h.id });
    const soleTypist = this.soleTypist();
    const enough = () =>
      ideas.length >= SHOWN_FINDINGS + 1 && new Set(ideas.flatMap((i) => [...i.authors])).size >= 2;
    for (const paragraph of this.paragraphs) {
      if (enough()) break;
      if (paragraph.kind !== 'hypotheses') continue;
      const sentences = paragraph.facts.sentences;
      if (sentences.every((s) => s.stock) || sentences.some((s) => s.fixed)) continue;
      if (sentences.some((s) => s.challenge)) continue;
      const body = paragraph.text.replace(ATTRIBUTION, '');
      if (/^\s*(?:what|who|how|when|where|why|if)\b[^.]*\?\s*$/i.test(body)) continue;
      const content = (paragraph.facts.ideaContent ??= contentWords(wordsOf(body)));
      if (content.length < MIN_IDEA_WORDS) continue;
      const author = this.attributedTo(paragraph.text)?.id ?? soleTypist;
      addIdea(body, content, author, paragraph.where);
    }
    this.ideasCache = ideas;
    return ideas;
  }

  /** The one member other than the coordinator who typed, when there is exactly one. */
  private soleTypist(): string | null {
    const typists = this.discussion.contributors.filter((c) => c.role !== 'unit_coordinator');
    return typists.length === 1 ? (typists[0]?.userId ?? null) : null;
  }

  /**
   * [C4] A view challenged: evidence against a hypothesis in play from someone other than its
   * author, a hypothesis set aside with a reason, a dissent recorded with a decision, or a
   * challenge in words in the hypotheses, obstacles or context.
   */
  private challenges(): Finding[] {
    if (this.challengesCache) return this.challengesCache;
    const found: Finding[] = [];
    for (const h of this.inPlay) {
      const against = h.evidenceAgainst.find((e) => e.addedBy !== h.offeredBy);
      if (against)
        found.push({
          text: `${quote(h.text, 50)} is challenged: ${quote(against.text, 60)}`,
          where: { kind: 'hypothesis', id: h.id },
        });
      if (h.status === 'set_aside' && h.statusReason.trim() !== '')
        found.push({
          text: `A view was set aside: ${quote(h.text, 50)} (${quote(h.statusReason, 50)})`,
          where: { kind: 'hypothesis', id: h.id },
        });
    }
    for (const { sentence, paragraph } of this.sentences('challenge')) {
      if (found.length >= SHOWN_FINDINGS) break;
      if (paragraph.kind === 'dissent')
        found.push({
          text: `A different view is recorded: ${quote(sentence.text)}`,
          where: paragraph.where,
        });
      else if (sentence.challenge)
        found.push({
          text: `A view is questioned: ${quote(sentence.text)}`,
          where: paragraph.where,
        });
    }
    this.challengesCache = found;
    return found;
  }

  f1WiderContext(): CriterionResult {
    const terms = new Set<string>();
    const found: Finding[] = [];
    const ecomap = this.genogram.ecomap
      .map((entry) => ({ entry, label: entry.label.trim().toLowerCase() }))
      .filter(({ label }) => label.length >= 3);
    const namedEcomap = new Set<string>();
    const readHere = (text: string, sentence: SentenceFacts | null, where: EvidencePlace) => {
      const fresh = (sentence?.wider ?? []).filter((t) => !terms.has(t));
      const lower = text.toLowerCase();
      const ecomapHere = ecomap.filter(
        ({ label, entry }) => !namedEcomap.has(entry.id) && lower.includes(label),
      );
      if (fresh.length === 0 && ecomapHere.length === 0) return;
      for (const t of fresh) terms.add(t);
      for (const { entry } of ecomapHere) namedEcomap.add(entry.id);
      if (found.length < 3) found.push({ text: quote(text), where });
    };
    for (const { sentence, paragraph } of this.sentences('wider'))
      readHere(sentence.text, sentence, paragraph.where);
    const evidence: Finding[] = [];
    if (terms.size > 0 || namedEcomap.size > 0)
      evidence.push({
        text: `The minutes name the family’s wider world: ${listInWords(
          [
            ...[...terms].map((t) => (t.length <= 5 && ABBREVIATIONS.has(t) ? t.toUpperCase() : t)),
            ...this.genogram.ecomap.filter((e) => namedEcomap.has(e.id)).map((e) => e.label),
          ].slice(0, 6),
        )}.`,
        where: found[0]?.where ?? section('context'),
      });
    evidence.push(...found);
    if (this.genogram.ecomap.length > 0)
      evidence.push({
        text: `The ecomap shows ${this.genogram.ecomap.length} connection(s).`,
        where: { kind: 'genogram' },
      });
    const contextWritten = this.paragraphs.some(
      (p) => p.kind === 'context' && p.facts.sentences.some((s) => !s.stock),
    );
    return result(
      'F1',
      terms.size > 0 || namedEcomap.size > 0,
      evidence,
      !contextWritten
        ? 'Nothing is written yet about the family’s context: who else is in their world (wider family, friends, school, faith or community, other agencies)?'
        : 'The context stays inside the household: who else matters to this family (grandparents, friends, school, faith or community, other agencies), and what do they make of things?',
    );
  }

  f2Genogram(): CriterionResult {
    const people = this.genogram.people.length;
    const found: Finding[] = [];
    const written = this.sentences('patterns');
    const mentioned = written.find(({ sentence }) => sentence.mentionsGenogram);
    const used = this.activity.genogramUsed || mentioned !== undefined;
    if (this.activity.genogramUsed)
      found.push({
        text: 'The genogram was looked at or changed while the family was in focus.',
        where: { kind: 'genogram' },
      });
    else if (mentioned)
      found.push({
        text: `The minutes speak of the genogram: ${quote(mentioned.sentence.text)}`,
        where: mentioned.paragraph.where,
      });
    const patterns: Finding[] = [];
    for (const { sentence, paragraph } of written)
      if (sentence.patterns.length > 0 || sentence.mentionsGenogram)
        patterns.push({
          text: `Talk of patterns: ${quote(sentence.text)}`,
          where: paragraph.where,
        });
    for (const h of this.inPlay) {
      if (patterns.length >= SHOWN_FINDINGS) break;
      const aboutRelationships = h.aboutRelationships.length > 0 || h.aboutPeople.length >= 2;
      const patternWords = LISTS.patterns.find(wordsOf(h.text)).length > 0;
      if (aboutRelationships || patternWords)
        patterns.push({
          text: `A hypothesis about relationships on the genogram: ${quote(h.text, 60)}`,
          where: { kind: 'hypothesis', id: h.id },
        });
    }
    found.push(...patterns);
    const met = people >= 2 && used && patterns.length > 0;
    return result(
      'F2',
      met,
      found,
      people < 2
        ? 'The family’s genogram is not drawn yet: who is in this family, and who matters to them?'
        : !used
          ? 'Nobody has looked at the genogram in this discussion yet: what does it show about this family’s relationships?'
          : 'What patterns does the genogram show? Who else in the family, in this generation or the one before, has faced something like this, and what helped?',
    );
  }

  f3Reflective(): CriterionResult {
    const signs: Finding[] = [];
    // Up to two curious sentences, not inside a fixed view ([C3]).
    const curious: Finding[] = [];
    const seen = new Set<string>();
    const consider = (sentence: SentenceFacts, where: EvidencePlace) => {
      if (curious.length >= 2) return;
      if (sentence.reflective.length === 0 || sentence.fixed || sentence.stock) return;
      const key = sentence.text.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      curious.push({ text: `Curious, tentative talk: ${quote(sentence.text)}`, where });
    };
    for (const { sentence, paragraph } of this.sentences('curious'))
      consider(sentence, paragraph.where);
    for (const h of this.inPlay)
      for (const sentence of this.cache.facts(h.text).sentences)
        consider(sentence, { kind: 'hypothesis', id: h.id });
    signs.push(...curious.slice(0, 2));
    const ideas = this.ideas();
    const authors = new Set(ideas.flatMap((idea) => [...idea.authors]));
    if (ideas.length >= 2 && authors.size >= 2)
      signs.push({
        text: 'Different ideas about the family from more than one person.',
        where: ideas[0]?.where ?? section('hypotheses'),
      });
    const challenge = this.challenges()[0];
    if (challenge) signs.push(challenge);
    const question = this.plannedQuestions().find((q) => q.kind !== 'lineal');
    if (question)
      signs.push({
        text: `A ${question.kind} question is planned: ${quote(question.text, 60)}`,
        where: { kind: 'question', id: question.id },
      });
    const contributors = new Set(this.activity.boardContributors.map((c) => c.id));
    const note = this.board.notes.find((n) => contributors.has(n.addedBy) && n.text.trim() !== '');
    if (note)
      signs.push({
        text: `A ${note.kind === 'position' ? 'note on our own position' : note.kind} on the board: ${quote(note.text, 60)}`,
        where: { kind: 'boardNote', id: note.id },
      });
    const met = signs.length >= CURIOSITY_SIGNS_NEEDED;
    return result(
      'F3',
      met,
      signs,
      signs.length === 0
        ? 'The minutes read as one account of the family. Is there another way of seeing what is happening? (“I wonder whether…”, “what would Dad say?”)'
        : 'There is a hint of curiosity here. What would someone in the family, or someone in the unit who sees it differently, say about it?',
    );
  }

  /** Questions planned (accepted or still suggested) for conversations about hypotheses in play. */
  private plannedQuestions() {
    const conversations = new Set(
      this.board.conversations
        .filter((c) => this.inPlay.some((h) => h.id === c.hypothesisId))
        .map((c) => c.id as string),
    );
    return this.board.questions.filter(
      (q) => q.state !== 'declined' && conversations.has(q.conversationId),
    );
  }

  f4SeveralHypotheses(): CriterionResult {
    const ideas = this.ideas();
    const challenges = this.challenges();
    const found: Finding[] = ideas
      .slice(0, 4)
      .map((idea) => ({ text: `Hypothesis: ${quote(idea.text)}`, where: idea.where }));
    found.push(...challenges.slice(0, 2));
    const met = ideas.length >= 2 || (ideas.length === 1 && challenges.length > 0);
    const only = ideas[0];
    return result(
      'F4',
      met,
      found,
      only
        ? `${quote(only.text)} is the only hypothesis so far: what else might explain what is happening? Who in the family would see it differently?`
        : 'No hypothesis is linked to this discussion yet: what might explain what is happening in this family? Link one from the board, or add one.',
    );
  }

  f5Conversations(): CriterionResult {
    const found: Finding[] = [];
    let firstGap: string | null = null;
    for (const hypothesis of this.inPlay) {
      const conversations = this.board.conversations.filter(
        (c) => c.hypothesisId === hypothesis.id,
      );
      const actionable = conversations.find(
        (c) =>
          c.workers.length > 0 &&
          (c.familyMembers.length > 0 || c.where.trim() !== '') &&
          (c.questions.length > 0 || c.purpose.trim() !== ''),
      );
      if (actionable) {
        const who = this.peopleNames(actionable.familyMembers);
        found.push({
          text: `${quote(hypothesis.text, 50)} → a conversation${who ? ` with ${who}` : ''}, ${actionable.questions.length} question(s) planned.`,
          where: { kind: 'conversation', id: actionable.id },
        });
        continue;
      }
      if (firstGap !== null || hypothesis.suggestion !== 'accepted') continue;
      const conversation = conversations[0];
      if (!conversation) {
        const about = this.peopleNames(hypothesis.aboutPeople.slice(0, 1));
        firstGap = `${quote(hypothesis.text)} has no planned conversation yet: what would you ask ${about || 'the family'}, and who would ask it?`;
      } else {
        const missing = [
          conversation.workers.length === 0 ? 'who from the unit will have it' : null,
          conversation.familyMembers.length === 0 && conversation.where.trim() === ''
            ? 'with whom in the family'
            : null,
          conversation.questions.length === 0 && conversation.purpose.trim() === ''
            ? 'which questions, or what change it hopes for'
            : null,
        ].filter((part): part is string => part !== null);
        firstGap = `The conversation planned for ${quote(hypothesis.text, 50)} does not yet say ${listInWords(missing)}.`;
      }
    }
    // Written in the minutes: who from the unit asks whom in the family what (a question).
    if (found.length === 0 && this.ideas().length > 0) {
      const family = this.familyWords();
      for (const paragraph of this.paragraphs) {
        if (paragraph.kind !== 'conversations' || !paragraph.text.includes('?')) continue;
        if (paragraph.facts.sentences.every((s) => s.stock)) continue;
        const worker = this.namesMember(paragraph);
        const withFamily = [...paragraph.facts.words].some((w) => family.has(w));
        if (worker && withFamily) {
          found.push({
            text: `A conversation in the minutes: ${quote(paragraph.text)}`,
            where: paragraph.where,
          });
          break;
        }
      }
    }
    return result(
      'F5',
      found.length > 0,
      found,
      firstGap ??
        (this.inPlay.length === 0
          ? 'Once there is a hypothesis, how would you test it with the family? Who would you talk to, and what would you ask?'
          : 'How would you explore these hypotheses with the family? Plan a conversation: who, with whom, which questions.'),
    );
  }

  /** Lower-case first names of the genogram's people and the family words ("mum", "nan"). */
  private familyWords(): Set<string> {
    const words = new Set<string>(FAMILY_WORDS);
    for (const person of this.genogram.people) {
      const first = wordsOf(person.name)[0];
      if (first && first.length > 1) words.add(first);
    }
    return words;
  }

  /** Whether a paragraph names someone at the meeting, by initials or first name. */
  private namesMember(paragraph: Paragraph): boolean {
    if (paragraph.facts.capitals.some((c) => this.byInitials.has(c))) return true;
    return this.discussion.attendance.some((a) => {
      const first = firstNameOf(a.name);
      return first !== undefined && paragraph.facts.words.has(first);
    });
  }

  f6WholeUnit(): CriterionResult {
    /** Who was heard, by id, with their role. */
    const heard = new Map<string, Role | null>();
    const hear = (id: string, role: Role | null) => {
      if (!heard.has(id)) heard.set(id, role);
    };
    const found: Finding[] = [];
    // [C6] Attributed in the minutes: initials typed with a point, or a first name saying something.
    let attributed = 0;
    for (const paragraph of this.paragraphs) {
      const ids = new Set<string>();
      const lead = this.attributedTo(paragraph.text);
      if (lead) ids.add(lead.id);
      for (const capitals of paragraph.facts.capitals) {
        const attendee = this.byInitials.get(capitals);
        if (attendee && !ABBREVIATIONS.has(capitals.toLowerCase())) ids.add(attendee.id);
      }
      for (const [id, { first, pattern }] of this.saying)
        if (paragraph.facts.words.has(first) && pattern.test(paragraph.facts.lower)) ids.add(id);
      for (const id of ids) {
        const attendee = this.attendeeFor(id);
        if (attendee) {
          hear(attendee.id, attendee.role);
          attributed += 1;
        }
      }
    }
    if (attributed > 0)
      found.push({
        text: 'Points in the minutes are attributed to the people who made them.',
        where: section(null),
      });
    // Who typed, except the coordinator, whose typing is the record of everyone's words.
    for (const c of this.discussion.contributors)
      if (c.role !== 'unit_coordinator') hear(c.userId, c.role);
    // The board: who offered, challenged or added to the hypotheses in play, planned questions,
    // or changed the board while the family was in focus.
    let onBoard = false;
    const hearAuthor = (author: string, role: Role | null) => {
      const attendee = this.attendeeFor(author);
      hear(attendee?.id ?? author, attendee?.role ?? role);
      onBoard = true;
    };
    for (const h of this.inPlay) {
      hearAuthor(h.offeredBy, h.offeredRole);
      for (const e of [...h.evidenceFor, ...h.evidenceAgainst]) hearAuthor(e.addedBy, null);
    }
    for (const q of this.plannedQuestions()) hearAuthor(q.suggestedBy, null);
    for (const c of this.activity.boardContributors) hearAuthor(c.id, c.role);
    if (onBoard)
      found.push({
        text: 'The board holds ideas, evidence or questions from this discussion.',
        where: this.inPlay[0]
          ? { kind: 'hypothesis', id: this.inPlay[0].id }
          : { kind: 'attendance' },
      });
    const rolesHeard = new Set([...heard.values()].filter((r): r is Role => r !== null));
    const rolesPresent = new Set(
      this.discussion.attendance
        .map((a) => a.role)
        .filter((r): r is Role => r !== null && !ROLES_NOT_EXPECTED_TO_SPEAK.has(r)),
    );
    const notHeard = [...rolesPresent].filter((role) => !rolesHeard.has(role));
    if (rolesHeard.size > 0)
      found.unshift({
        text: `Views from: ${listInWords([...rolesHeard].map((r) => ROLE_LABELS[r].toLowerCase()))}.`,
        where: { kind: 'attendance' },
      });
    const met = heard.size >= 2 && notHeard.length === 0;
    return result(
      'F6',
      met,
      found,
      notHeard.length > 0
        ? `What does the ${ROLE_LABELS[notHeard[0] as Role].toLowerCase()} make of this family? Their view is not in the minutes yet (start a point with their initials, “AB: …”, to show whose it is).`
        : 'Whose voices are in this discussion? Who in the unit sees this family differently?',
    );
  }

  f7ChildAndFamily(): CriterionResult {
    const children = this.children();
    const found: Finding[] = [];
    let firstGap: string | null = null;
    for (const child of children) {
      const entry = child.entry;
      const where = section('child', child.id);
      const voice = entry ? this.realText(entry.voice.text) : null;
      const first = wordsOf(child.name)[0];
      const saying = first !== undefined ? sayingPattern(first) : null;
      const quoted =
        entry && entry.notes
          ? entry.notes
              .split('\n')
              .find(
                (line) =>
                  !this.isStock(line) &&
                  (/[“"]/.test(line) || (saying !== null && saying.test(line.toLowerCase()))),
              )
          : undefined;
      if (voice) found.push({ text: `${child.name}: ${quote(voice, 60)}`, where });
      else if (quoted) found.push({ text: `${child.name}: ${quote(quoted, 60)}`, where });
      else
        firstGap ??= `Nobody has said what ${child.name} thinks or feels yet. What would ${child.name === 'this child' ? 'they' : child.name} say about this?`;
    }
    const familyView = this.familyView();
    if (familyView) found.push(familyView);
    const met = children.length > 0 && firstGap === null && familyView !== null;
    return result(
      'F7',
      met,
      found,
      children.length === 0
        ? 'Which children is this discussion about? No child’s section is in the minutes yet.'
        : (firstGap ??
            'What does the family make of our worries? Their own view is not written down yet.'),
    );
  }

  /** [C7] The family's own view: in a risk, in prose, or learned in a conversation reviewed now. */
  private familyView(): Finding | null {
    for (const child of this.discussion.children) {
      const view = this.realText(child.risk.familyView);
      if (view)
        return {
          text: `The family’s view: ${quote(view, 60)}`,
          where: section('child', child.childId),
        };
    }
    const pattern = familyViewPatternFor(this.genogram);
    for (const { sentence, paragraph } of this.sentences('familyView')) {
      const cached = sentence.familyView;
      const matched =
        cached?.pattern === pattern ? cached.matched : matches(pattern, sentence.text);
      sentence.familyView = { pattern, matched };
      if (matched)
        return { text: `The family’s view: ${quote(sentence.text, 60)}`, where: paragraph.where };
    }
    const meetingId = this.activity.meetingId;
    const inPlay = new Set(this.inPlay.map((h) => h.id as string));
    const learned = this.board.conversations.find(
      (c) =>
        c.learned.trim() !== '' &&
        ((meetingId !== null && c.reviewedInMeeting === meetingId) || inPlay.has(c.hypothesisId)),
    );
    if (learned)
      return {
        text: `What the family said in a planned conversation: ${quote(learned.learned, 60)}`,
        where: { kind: 'conversation', id: learned.id },
      };
    return null;
  }

  /** The text if any of its sentences says something beyond stock phrases, else null. */
  private realText(text: string): string | null {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    return this.isStock(trimmed) ? null : trimmed;
  }

  private isStock(text: string): boolean {
    return text.split('\n').every((line) => this.cache.facts(line).sentences.every((s) => s.stock));
  }

  f8RiskToEachChild(): CriterionResult {
    const children = this.children();
    const found: Finding[] = [];
    let firstGap: string | null = null;
    for (const child of children) {
      const risk = child.entry?.risk;
      const parts = [
        ['what we see', risk?.see],
        ['why it worries us', risk?.worry],
        ['what we will do', risk?.do],
      ] as const;
      const have = parts.filter(([, text]) => text && this.realText(text)).map(([label]) => label);
      const missing = parts
        .filter(([, text]) => !text || !this.realText(text))
        .map(([label]) => label);
      if (missing.length === 0 && risk?.concern) {
        found.push({
          text: `${child.name}: concern ${risk.concern}; ${quote(risk.worry, 50)}`,
          where: section('child', child.id),
        });
        continue;
      }
      if (firstGap !== null) continue;
      if (have.length === 0)
        firstGap = `No risk is written for ${child.name} yet: what do we see, why does it worry us, and what will we do?`;
      else if (missing.length > 0)
        firstGap = `The risk to ${child.name} says ${listInWords(have)} but not ${listInWords(missing)}.`;
      else
        firstGap = `No level of concern is chosen for ${child.name} yet: none, low, medium or high?`;
    }
    const met = children.length > 0 && firstGap === null;
    return result(
      'F8',
      met,
      found,
      firstGap ??
        'Which children is this discussion about? No child’s section is in the minutes yet.',
    );
  }

  private peopleNames(ids: readonly string[]): string {
    const names = ids
      .map((id) => this.genogram.people.find((p) => p.id === id)?.name.trim())
      .filter((name): name is string => Boolean(name));
    return listInWords(names);
  }
}

/** Words for members of a family, for telling a conversation with the family. */
const FAMILY_WORDS = [
  'mum',
  'mother',
  'dad',
  'father',
  'parents',
  'nan',
  'nana',
  'gran',
  'grandma',
  'grandad',
  'grandmother',
  'grandfather',
  'mgm',
  'pgm',
  'carer',
  'carers',
  'stepdad',
  'stepmum',
  'aunt',
  'uncle',
  'family',
  'child',
  'children',
];

/** Upper-case initials a name stands for: first and last names, and all names when three. */
function initialsOf(name: string): string[] {
  const parts = wordsOf(name).filter((part) => !TITLES.has(part));
  const first = parts[0]?.[0];
  const last = parts[parts.length - 1]?.[0];
  if (!first || !last || parts.length < 2) return [];
  const out = new Set([`${first}${last}`.toUpperCase()]);
  if (parts.length === 3)
    out.add(
      parts
        .map((p) => p[0])
        .join('')
        .toUpperCase(),
    );
  return [...out];
}

function firstNameOf(name: string): string | undefined {
  const first = wordsOf(name).find((part) => !TITLES.has(part));
  return first !== undefined && first.length > 1 ? first : undefined;
}

const SAY_ALTERNATION = SAY_VERBS.map((v) => v.replace(/\s+/g, '\\s+')).join('|');
/** `name` (lower case) followed by a verb of saying or thinking, or by a colon. */
function sayingPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?:\\s*:|\\s+(?:${SAY_ALTERNATION})\\b)`, 'u');
}

/** The family-view pattern for a genogram's first names, kept while the genogram is unchanged. */
const familyViewPatterns = new WeakMap<Genogram, RegExp>();
function familyViewPatternFor(genogram: Genogram): RegExp {
  let pattern = familyViewPatterns.get(genogram);
  if (!pattern) {
    const firstNames = genogram.people
      .map((person) => person.name.trim().split(/\s+/)[0] ?? '')
      .filter((name) => name.length > 1);
    pattern = familyViewPattern(firstNames);
    familyViewPatterns.set(genogram, pattern);
  }
  return pattern;
}

/** `pattern` (global, so stateful) tested from the start of `text`. */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}
