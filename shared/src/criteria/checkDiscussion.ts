import type { Board } from '../model/board/board.js';
import type { Hypothesis } from '../model/board/hypothesis.js';
import type { Discussion, DiscussionChild } from '../model/discussion/discussion.js';
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
  type Rating,
} from './report.js';
import {
  CheckCache,
  TermList,
  listInWords,
  quote,
  sentenceAround,
  termRegExp,
  wordsOf,
  type LineFacts,
} from './text.js';
import {
  familyViewPattern,
  PATTERN_TERMS,
  REFLECTIVE_TERMS,
  WIDER_SYSTEM_TERMS,
} from './vocabulary.js';

export interface CheckInput {
  discussion: Discussion;
  board: Board;
  genogram: Genogram;
  activity?: Partial<DiscussionActivity>;
}

const TERM_LISTS = {
  wider: new TermList(WIDER_SYSTEM_TERMS),
  patterns: new TermList(PATTERN_TERMS),
  reflective: new TermList(REFLECTIVE_TERMS),
};

/**
 * A cache for a panel that checks the same discussion again and again as people type: only the
 * lines that changed are read again. Reports are the same with or without one ([C11]).
 */
export const createCriteriaCache = (): CheckCache => new CheckCache(TERM_LISTS);

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

const FAMILY_VIEW_SKIPPED_SECTIONS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'hypotheses',
  'conversations',
  'actions',
]);

/** Roles that may contribute less (the coordinator records) or only read (the manager). */
const ROLES_NOT_EXPECTED_TO_SPEAK: ReadonlySet<Role> = new Set<Role>([
  'unit_coordinator',
  'manager',
]);

/**
 * Reflective prompts for one family's discussion against the eight features of a systemic
 * discussion (shared/SPEC.md [C1]-[C12]; README, "Systemic-discussion prompts", says exactly
 * what counts as evidence). Pure and deterministic: the same input gives the same report, on
 * every laptop and on the server at finalisation. Cheap enough to run on every keystroke.
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
  evidence: string[],
  suggestion: string,
): CriterionResult => ({ id, met, evidence, suggestion: met ? null : suggestion });

class CheckContext {
  private readonly discussion: Discussion;
  private readonly board: Board;
  private readonly genogram: Genogram;
  private readonly activity: DiscussionActivity;
  /**
   * The lines of the minutes' prose, sections in order, without the actions section (an action
   * is a task, "visit child at school", not talk about the family), with what is known of each
   * and the kind of section each is in.
   */
  private readonly lines: Array<{ text: string; facts: LineFacts; kind: SectionKind | null }>;
  private readonly inPlay: Hypothesis[];
  private readonly childNames: Map<string, string>;

  constructor({ discussion, board, genogram, activity }: CheckInput, cache: CheckCache) {
    this.discussion = discussion;
    this.board = board;
    this.genogram = genogram;
    this.activity = {
      meetingId: activity?.meetingId ?? null,
      children: activity?.children ?? [],
      genogramUsed: activity?.genogramUsed ?? false,
      boardContributors: activity?.boardContributors ?? [],
    };
    const prose = [
      ...discussion.sections
        .filter((s) => s.kind !== 'actions')
        .map((s) => ({ text: s.text, kind: s.kind as SectionKind | null })),
      { text: discussion.looseText, kind: null },
    ];
    this.lines = prose.flatMap(({ text, kind }) =>
      text.split('\n').map((line) => ({ text: line, facts: cache.facts(line), kind })),
    );
    this.inPlay = this.hypothesesInPlay();
    this.childNames = new Map(this.activity.children.map((child) => [child.id, child.name]));
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

  /** Whether the prose holds `phrase`, ignoring case. */
  private mentions(phrase: string): boolean {
    const lower = phrase.toLowerCase();
    return this.lines.some((line) => line.facts.lower.includes(lower));
  }

  /** Distinct terms of one list found in the prose, in order, and the line of the first. */
  private found(list: 'wider' | 'patterns' | 'reflective'): {
    terms: string[];
    quote: string | null;
  } {
    const terms = new Set<string>();
    let firstLine: string | null = null;
    for (const line of this.lines) {
      const inLine = line.facts[list];
      if (inLine.length === 0) continue;
      firstLine ??= line.text;
      for (const term of inLine) terms.add(term);
    }
    const [first] = terms;
    return {
      terms: [...terms],
      quote: firstLine !== null && first ? sentenceAround(firstLine, termRegExp(first)) : null,
    };
  }

  private childName(childId: string): string {
    return this.childNames.get(childId) ?? 'this child';
  }

  /** [C3] The family's children from its records, else the children the minutes speak of. */
  private children(): Array<{ id: string; name: string; entry: DiscussionChild | undefined }> {
    const byId = new Map(this.discussion.children.map((child) => [child.childId as string, child]));
    const ids =
      this.activity.children.length > 0
        ? this.activity.children.map((child) => child.id)
        : [...byId.keys()];
    return ids.map((id) => ({ id, name: this.childName(id), entry: byId.get(id) }));
  }

  f1WiderContext(): CriterionResult {
    const { terms, quote: sentence } = this.found('wider');
    const ecomapLabels = this.genogram.ecomap
      .map((entry) => entry.label.trim())
      .filter((label) => label.length >= 3);
    const namedEcomap = ecomapLabels.filter((label) => this.mentions(label));
    const evidence: string[] = [];
    if (terms.length > 0) {
      evidence.push(
        `The minutes name the family’s wider world: ${listInWords(terms.slice(0, 6))}.`,
      );
      if (sentence) evidence.push(sentence);
    }
    if (namedEcomap.length > 0)
      evidence.push(`Ecomap connections talked about: ${listInWords(namedEcomap.slice(0, 4))}.`);
    if (this.genogram.ecomap.length > 0)
      evidence.push(`The ecomap shows ${this.genogram.ecomap.length} connection(s).`);
    const contextText = this.discussion.sections
      .filter((s) => s.kind === 'context')
      .map((s) => s.text)
      .join('\n')
      .trim();
    return result(
      'F1',
      terms.length > 0 || namedEcomap.length > 0,
      evidence,
      contextText === ''
        ? 'Nothing is written yet about the family’s context: who else is in their world (wider family, friends, school, faith or community, other agencies)?'
        : 'The context stays inside the household: who else matters to this family (grandparents, friends, school, faith or community, other agencies), and what do they make of things?',
    );
  }

  f2Genogram(): CriterionResult {
    const people = this.genogram.people.length;
    const { terms, quote: sentence } = this.found('patterns');
    const aboutGenogram = this.inPlay.filter(
      (h) => h.aboutPeople.length > 0 || h.aboutRelationships.length > 0,
    );
    const evidence: string[] = [];
    if (people > 0) evidence.push(`The genogram has ${people} people.`);
    if (this.activity.genogramUsed)
      evidence.push('The genogram was opened or changed during this discussion.');
    if (terms.length > 0) {
      evidence.push(`Talk of patterns: ${listInWords(terms.slice(0, 5))}.`);
      if (sentence) evidence.push(sentence);
    }
    for (const h of aboutGenogram.slice(0, 2))
      evidence.push(`Hypothesis about people on the genogram: ${quote(h.text)}`);
    const met = people >= 2 && (terms.length > 0 || aboutGenogram.length > 0);
    return result(
      'F2',
      met,
      evidence,
      people < 2
        ? 'The family’s genogram is not drawn yet: who is in this family, and who matters to them?'
        : 'What patterns does the genogram show? Who else in the family, in this generation or the one before, has faced something like this, and what helped?',
    );
  }

  f3Reflective(): CriterionResult {
    const { terms, quote: sentence } = this.found('reflective');
    const dissent = this.discussion.decisions.filter((d) => d.dissent.trim() !== '');
    const evidence: string[] = [];
    if (terms.length > 0) {
      evidence.push(
        `Tentative, curious talk: ${listInWords(terms.slice(0, 5).map((t) => `“${t}”`))}.`,
      );
      if (sentence) evidence.push(sentence);
    }
    for (const decision of dissent.slice(0, 1))
      evidence.push(`A different view is recorded: ${quote(decision.dissent)}`);
    const met = terms.length >= 2 || (terms.length >= 1 && dissent.length > 0);
    return result(
      'F3',
      met,
      evidence,
      terms.length === 0
        ? 'The minutes read as one account of the family. Is there another way of seeing what is happening? (“I wonder whether…”, “what would Dad say?”)'
        : 'There is a hint of curiosity here. What would someone in the family, or someone who disagrees, say about it?',
    );
  }

  f4SeveralHypotheses(): CriterionResult {
    const count = this.inPlay.length;
    const challenged = this.inPlay.filter((h) => h.status === 'set_aside' && h.statusReason !== '');
    const dissent = this.discussion.decisions.some((d) => d.dissent.trim() !== '');
    const evidence = this.inPlay.slice(0, 4).map((h) => `Hypothesis: ${quote(h.text)}`);
    for (const h of challenged.slice(0, 1))
      evidence.push(`A view was set aside: ${quote(h.text)} (${quote(h.statusReason, 40)})`);
    if (dissent) evidence.push('A decision records disagreement.');
    const met = count >= 2 || (count === 1 && (challenged.length > 0 || dissent));
    const only = this.inPlay[0];
    return result(
      'F4',
      met,
      evidence,
      only
        ? `${quote(only.text)} is the only hypothesis so far: what else might explain what is happening? Who in the family would see it differently?`
        : 'No hypothesis is linked to this discussion yet: what might explain what is happening in this family? Link one from the board, or add one.',
    );
  }

  f5Conversations(): CriterionResult {
    const evidence: string[] = [];
    let firstGap: string | null = null;
    let met = false;
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
        met = true;
        const who = this.peopleNames(actionable.familyMembers);
        evidence.push(
          `${quote(hypothesis.text, 50)} → a conversation${who ? ` with ${who}` : ''}, ${actionable.questions.length} question(s) planned.`,
        );
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
    return result(
      'F5',
      met,
      evidence,
      firstGap ??
        (this.inPlay.length === 0
          ? 'Once there is a hypothesis, how would you test it with the family? Who would you talk to, and what would you ask?'
          : 'How would you explore these hypotheses with the family? Plan a conversation: who, with whom, which questions.'),
    );
  }

  f6WholeUnit(): CriterionResult {
    const involved = new Map<string, Role | null>();
    for (const c of this.discussion.contributors) involved.set(c.userId, c.role);
    for (const c of this.activity.boardContributors) involved.set(c.id, c.role);
    for (const h of this.inPlay)
      if (!involved.has(h.offeredBy)) involved.set(h.offeredBy, h.offeredRole);
    const owners = new Set(this.discussion.actions.map((a) => a.owner).filter((o) => o !== null));
    for (const attendee of this.discussion.attendance) {
      const firstName = wordsOf(attendee.name).find((part) => !TITLES.has(part));
      const named =
        this.mentions(attendee.name) ||
        (firstName !== undefined &&
          firstName.length > 1 &&
          this.lines.some((line) => line.facts.words.has(firstName)));
      if ((named || owners.has(attendee.id)) && !involved.has(attendee.id))
        involved.set(attendee.id, attendee.role);
    }
    const rolesInvolved = new Set([...involved.values()].filter((r): r is Role => r !== null));
    const rolesPresent = new Set(
      this.discussion.attendance
        .map((a) => a.role)
        .filter((r): r is Role => r !== null && !ROLES_NOT_EXPECTED_TO_SPEAK.has(r)),
    );
    const notHeard = [...rolesPresent].filter((role) => !rolesInvolved.has(role));
    const evidence: string[] = [];
    if (rolesInvolved.size > 0)
      evidence.push(
        `Views from: ${listInWords([...rolesInvolved].map((r) => ROLE_LABELS[r].toLowerCase()))}.`,
      );
    if (this.discussion.attendance.length > 0)
      evidence.push(
        `${this.discussion.attendance.length} people took part in the meeting for this family.`,
      );
    const met = involved.size >= 2 && notHeard.length === 0;
    return result(
      'F6',
      met,
      evidence,
      notHeard.length > 0
        ? `What does the ${ROLE_LABELS[notHeard[0] as Role].toLowerCase()} make of this family? Their view is not in the minutes yet.`
        : 'Whose voices are in this discussion? Who in the unit sees this family differently?',
    );
  }

  f7ChildAndFamily(): CriterionResult {
    const children = this.children();
    const evidence: string[] = [];
    let firstGap: string | null = null;
    for (const child of children) {
      const voice = child.entry?.voice;
      if (voice && voice.text.trim() !== '') {
        evidence.push(
          `${child.name}: ${quote(voice.text, 60)}${voice.seen ? ` (${seenWords(voice.seen)})` : ''}`,
        );
      } else {
        firstGap ??= `Nobody has said what ${child.name} thinks or feels yet. What would ${child.name === 'this child' ? 'they' : child.name} say about this?`;
      }
    }
    const familyViews = children
      .map((child) => child.entry?.risk.familyView.trim() ?? '')
      .filter((view) => view !== '');
    // Hypotheses and planned questions speak of the family hypothetically ("if Kelly felt..."),
    // so the family's own view is looked for in the other sections.
    const pattern = familyViewPatternFor(this.genogram);
    let sentence: string | null = null;
    for (const line of this.lines) {
      if (line.kind !== null && FAMILY_VIEW_SKIPPED_SECTIONS.has(line.kind)) continue;
      const cached = line.facts.familyView;
      const matched = cached?.pattern === pattern ? cached.matched : matches(pattern, line.text);
      line.facts.familyView = { pattern, matched };
      if (matched) {
        sentence = sentenceAround(line.text, pattern);
        break;
      }
    }
    if (familyViews[0]) evidence.push(`The family’s view: ${quote(familyViews[0], 60)}`);
    else if (sentence) evidence.push(`The family’s view: ${sentence}`);
    const familyHeard = familyViews.length > 0 || sentence !== null;
    const met = children.length > 0 && firstGap === null && familyHeard;
    return result(
      'F7',
      met,
      evidence,
      children.length === 0
        ? 'Which children is this discussion about? No child’s section is in the minutes yet.'
        : (firstGap ??
            'What does the family make of our worries? Their own view is not written down yet.'),
    );
  }

  f8RiskToEachChild(): CriterionResult {
    const children = this.children();
    const evidence: string[] = [];
    let firstGap: string | null = null;
    for (const child of children) {
      const risk = child.entry?.risk;
      const parts = [
        ['what we see', risk?.see],
        ['why it worries us', risk?.worry],
        ['what we will do', risk?.do],
      ] as const;
      const have = parts.filter(([, text]) => text && text.trim() !== '').map(([label]) => label);
      const missing = parts
        .filter(([, text]) => !text || text.trim() === '')
        .map(([label]) => label);
      if (missing.length === 0 && risk?.concern) {
        evidence.push(`${child.name}: concern ${risk.concern}; ${quote(risk.worry, 50)}`);
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
      evidence,
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

function seenWords(seen: string): string {
  switch (seen) {
    case 'alone':
      return 'seen alone';
    case 'with-others':
      return 'seen with others';
    case 'not-seen':
      return 'not seen';
    default:
      return 'the unit speaking for the baby';
  }
}

/** `pattern` (global, so stateful) tested from the start of `text`. */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx']);
