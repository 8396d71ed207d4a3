import {
  checkDiscussion,
  createCriteriaCache,
  processOnlyActions,
  readBoard,
  readDiscussion,
  readGenogram,
  type Action,
  type Board,
  type CriteriaReport,
  type CriterionId,
  type DiscussionActivity,
  type Genogram,
} from '@unitroom/shared';
import { describe, expect, it } from 'vitest';
import {
  HARPER_BOARD,
  HARPER_CHILDREN,
  HARPER_DISCUSSION,
  UNIT_MEMBERS,
  discussionDoc,
  harperFamilyDoc,
  type DiscussionSpec,
} from '../fixtures/discussions.js';

const MEETING = 'meeting-1';

interface Variation {
  spec?: Partial<DiscussionSpec>;
  board?: (board: Board) => Board;
  genogram?: (genogram: Genogram) => Genogram;
  activity?: Partial<DiscussionActivity>;
}

/** The Harper discussion, its family document and activity, changed as a test needs. */
function check(variation: Variation = {}): CriteriaReport {
  const family = harperFamilyDoc(MEETING);
  const genogram = (variation.genogram ?? ((g) => g))(readGenogram(family));
  return checkDiscussion({
    discussion: readDiscussion(discussionDoc({ ...HARPER_DISCUSSION, ...variation.spec })),
    board: (variation.board ?? ((b) => b))(readBoard(family, genogram)),
    genogram,
    activity: { meetingId: MEETING, children: HARPER_CHILDREN, ...variation.activity },
  });
}

const criterion = (report: CriteriaReport, id: CriterionId) => {
  const found = report.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in the report`);
  return found;
};
const unmet = (report: CriteriaReport) => report.criteria.filter((c) => !c.met).map((c) => c.id);

const withoutConversations = (board: Board): Board => ({ ...board, conversations: [] });
const harperChild = (childId: string) => {
  const child = HARPER_DISCUSSION.children?.find((c) => c.childId === childId);
  if (!child) throw new Error(childId);
  return child;
};

describe('criteria checker: ratings', () => {
  it('[C10] a discussion with all eight features is rated systemic', () => {
    const report = check();
    expect(report.criteria.map((c) => c.id)).toEqual([
      'F1',
      'F2',
      'F3',
      'F4',
      'F5',
      'F6',
      'F7',
      'F8',
    ]);
    expect(unmet(report)).toEqual([]);
    expect(report.rating).toBe('systemic');
    for (const c of report.criteria) {
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
      expect(c.suggestion, c.id).toBeNull();
    }
  });

  it('[C10] hypotheses never turned into a conversation with the family: green shoots', () => {
    const report = check({
      spec: { conversations: ['We will think about how to approach Kelly.'] },
      board: withoutConversations,
    });
    expect(unmet(report)).toEqual(['F5']);
    expect(report.rating).toBe('green-shoots');
    expect(criterion(report, 'F5').suggestion).toBe(
      '“Being the youngest of five makes it hard for Kelly to be the adult…” has no planned conversation yet: what would you ask Kelly Harper, and who would ask it?',
    );
  });

  it('[C10] another mix (F5 present, F2 missing) is "not yet systemic", said to be Unitroom’s rule', () => {
    const report = check({
      spec: {
        hypotheses: [
          [{ hypothesisId: HARPER_BOARD.youngestHypothesis }],
          [{ hypothesisId: HARPER_BOARD.guiltHypothesis }],
        ],
      },
      genogram: (g) => ({ ...g, people: g.people.slice(0, 1) }),
      board: (b) => ({
        ...b,
        hypotheses: b.hypotheses.map((h) => ({ ...h, aboutPeople: [] })),
      }),
    });
    expect(unmet(report)).toEqual(['F2']);
    expect(report.rating).toBe('not-yet-systemic');
    expect(report.ratingExplanation).toContain('Unitroom’s rule, not the framework’s');
  });

  it('[C10] a thin, process-only discussion is not yet systemic, with a prompt for every gap', () => {
    const report = checkDiscussion({
      discussion: readDiscussion(
        discussionDoc({
          context: ['Case discussed.'],
          children: [{ childId: 'child-mia' }, { childId: 'child-leo' }],
          actions: [{ text: 'Visit child at school.' }, { text: 'Refer to agency.' }],
          present: [UNIT_MEMBERS.consultant, UNIT_MEMBERS.coordinator],
          contributors: [UNIT_MEMBERS.coordinator],
        }),
      ),
      board: { hypotheses: [], conversations: [], questions: [], notes: [] },
      genogram: readGenogram(harperFamilyDoc()),
      activity: { children: HARPER_CHILDREN },
    });
    expect(unmet(report)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']);
    expect(report.rating).toBe('not-yet-systemic');
    for (const c of report.criteria) expect(c.suggestion, c.id).toMatch(/\?|\.$/);
    expect(report.processOnlyActions.map((a) => a.text)).toEqual([
      'Visit child at school.',
      'Refer to agency.',
    ]);
  });
});

describe('criteria checker: each criterion met and not yet', () => {
  it('[C1] F1 wider context: named wider world or an ecomap connection; prompts for an empty or household-only context', () => {
    expect(criterion(check(), 'F1').met).toBe(true);
    const householdOnly = check({
      spec: {
        context: ['Kelly and the children moved flat in September.'],
        obstacles: ['Kelly cancels visits.'],
        children: [],
        decisions: [],
        actions: [],
        hypotheses: [],
        conversations: [],
      },
    });
    expect(criterion(householdOnly, 'F1')).toMatchObject({
      met: false,
      evidence: ['The ecomap shows 2 connection(s).'],
    });
    expect(criterion(householdOnly, 'F1').suggestion).toMatch(/stays inside the household/);
    const byEcomap = check({
      spec: {
        context: ['Things at Eastfield Academy are better.'],
        obstacles: [],
        children: [],
        hypotheses: [],
        conversations: [],
        decisions: [],
        actions: [],
      },
    });
    expect(criterion(byEcomap, 'F1').met).toBe(true);
    expect(criterion(byEcomap, 'F1').evidence).toContain(
      'Ecomap connections talked about: Eastfield Academy.',
    );
    const empty = check({
      spec: {
        context: [],
        obstacles: [],
        children: [],
        hypotheses: [],
        conversations: [],
        decisions: [],
        actions: [],
      },
    });
    expect(criterion(empty, 'F1').suggestion).toMatch(
      /^Nothing is written yet about the family’s context/,
    );
  });

  it('[C2] F2 genogram: a drawn genogram and talk of patterns or hypotheses about its people', () => {
    expect(criterion(check(), 'F2').met).toBe(true);
    const noGenogram = check({ genogram: (g) => ({ ...g, people: [] }) });
    expect(criterion(noGenogram, 'F2')).toMatchObject({ met: false });
    expect(criterion(noGenogram, 'F2').suggestion).toMatch(/genogram is not drawn yet/);
    const noPatterns = check({
      spec: { hypotheses: [[{ hypothesisId: HARPER_BOARD.guiltHypothesis }]] },
      board: (b) => ({
        ...b,
        hypotheses: b.hypotheses.map((h) => ({
          ...h,
          aboutPeople: [],
          text: 'Kelly feels blamed',
        })),
      }),
    });
    expect(criterion(noPatterns, 'F2').met).toBe(false);
    expect(criterion(noPatterns, 'F2').suggestion).toMatch(/^What patterns does the genogram show/);
  });

  it('[C3] F3 curious and reflective: two tentative phrases, or one and a recorded dissent', () => {
    expect(criterion(check(), 'F3').met).toBe(true);
    const flat = check({
      spec: {
        hypotheses: [],
        conversations: [],
        decisions: [{ text: 'Stay on the plan.' }],
        children: [],
        context: ['Kelly moved flat.'],
        obstacles: [],
      },
    });
    expect(criterion(flat, 'F3')).toMatchObject({ met: false, evidence: [] });
    expect(criterion(flat, 'F3').suggestion).toMatch(/another way of seeing/);
    const once = check({
      spec: {
        hypotheses: [],
        conversations: [],
        decisions: [],
        children: [],
        context: ['Perhaps Kelly moved for Pat.'],
        obstacles: [],
      },
    });
    expect(criterion(once, 'F3').met).toBe(false);
    const onceWithDissent = check({
      spec: {
        hypotheses: [],
        conversations: [],
        decisions: [{ text: 'Stay on the plan.', dissent: 'Tom disagreed.' }],
        children: [],
        context: ['Perhaps Kelly moved for Pat.'],
        obstacles: [],
      },
    });
    expect(criterion(onceWithDissent, 'F3').met).toBe(true);
  });

  it('[C4] F4 several hypotheses: two in play, or one challenged; declined ones do not count', () => {
    expect(criterion(check(), 'F4').met).toBe(true);
    const one = check({
      spec: { decisions: [{ text: 'Stay on the plan.' }] },
      board: (b) => ({
        ...b,
        hypotheses: b.hypotheses.map((h) =>
          h.id === HARPER_BOARD.guiltHypothesis ? { ...h, suggestion: 'declined' as const } : h,
        ),
      }),
    });
    expect(criterion(one, 'F4').met).toBe(false);
    expect(criterion(one, 'F4').suggestion).toMatch(
      /is the only hypothesis so far: what else might explain/,
    );
    const challenged = check({
      spec: { decisions: [{ text: 'Stay on the plan.' }] },
      board: (b) => ({
        ...b,
        hypotheses: b.hypotheses.map((h) =>
          h.id === HARPER_BOARD.guiltHypothesis
            ? { ...h, suggestion: 'declined' as const }
            : { ...h, status: 'set_aside' as const, statusReason: 'Kelly was the eldest at home' },
        ),
      }),
    });
    expect(criterion(challenged, 'F4').met).toBe(true);
    const none = check({ board: (b) => ({ ...b, hypotheses: [], conversations: [] }) });
    expect(criterion(none, 'F4').suggestion).toMatch(/^No hypothesis is linked/);
  });

  it('[C5] F5 conversations: one that says who, with whom and what to ask; prompts for what is missing', () => {
    expect(criterion(check(), 'F5').met).toBe(true);
    const noWorkers = check({
      board: (b) => ({ ...b, conversations: b.conversations.map((c) => ({ ...c, workers: [] })) }),
    });
    expect(criterion(noWorkers, 'F5').met).toBe(false);
    expect(criterion(noWorkers, 'F5').suggestion).toBe(
      'The conversation planned for “Being the youngest of five makes it hard for…” does not yet say who from the unit will have it.',
    );
  });

  it('[C6] F6 whole unit: every role present heard (the coordinator may say less); prompts name a role, never a person', () => {
    expect(criterion(check(), 'F6').met).toBe(true);
    const quietCoordinator = check({
      spec: {
        contributors: [UNIT_MEMBERS.consultant, UNIT_MEMBERS.clinician],
        present: [UNIT_MEMBERS.consultant, UNIT_MEMBERS.clinician, UNIT_MEMBERS.coordinator],
        added: [],
      },
    });
    expect(criterion(quietCoordinator, 'F6').met).toBe(true);
    const unheard = check({
      spec: {
        contributors: [UNIT_MEMBERS.coordinator],
        present: [
          UNIT_MEMBERS.coordinator,
          { id: 'u-cp2', name: 'Olu Bankole', role: 'child_practitioner' },
          UNIT_MEMBERS.consultant,
        ],
        added: [],
      },
    });
    expect(criterion(unheard, 'F6').met).toBe(false);
    expect(criterion(unheard, 'F6').suggestion).toBe(
      'What does the child practitioner make of this family? Their view is not in the minutes yet.',
    );
    expect(criterion(unheard, 'F6').suggestion).not.toContain('Olu');
  });

  it('[C7] F7 child and family: every child’s voice and the family’s view', () => {
    expect(criterion(check(), 'F7').met).toBe(true);
    const leo = harperChild('child-leo');
    const noLeo = check({
      spec: {
        children: [harperChild('child-mia'), { childId: 'child-leo', risk: leo.risk }],
      },
    });
    expect(criterion(noLeo, 'F7').met).toBe(false);
    expect(criterion(noLeo, 'F7').suggestion).toBe(
      'Nobody has said what Leo Harper thinks or feels yet. What would Leo Harper say about this?',
    );
    const noFamilyView = check({
      spec: {
        context: HARPER_DISCUSSION.context?.slice(0, 1),
        children: (HARPER_DISCUSSION.children ?? []).map((c) => ({
          ...c,
          risk: c.risk && { ...c.risk, familyView: '' },
        })),
      },
    });
    expect(criterion(noFamilyView, 'F7').met).toBe(false);
    expect(criterion(noFamilyView, 'F7').suggestion).toMatch(
      /What does the family make of our worries/,
    );
    const familyInProse = check({
      spec: {
        context: [
          'Kelly says the move was her choice; Pat thinks it was too soon. The school is involved.',
        ],
        children: (HARPER_DISCUSSION.children ?? []).map((c) => ({
          ...c,
          risk: c.risk && { ...c.risk, familyView: '' },
        })),
      },
    });
    expect(criterion(familyInProse, 'F7').met).toBe(true);
  });

  it('[C8] F8 risk to each child: concern, what we see, why it worries us, what we will do', () => {
    expect(criterion(check(), 'F8').met).toBe(true);
    const mia = harperChild('child-mia');
    const leo = harperChild('child-leo');
    const noWorry = check({
      spec: { children: [{ ...mia, risk: { concern: 'medium', see: 'Late.', do: 'Meet.' } }, leo] },
    });
    expect(criterion(noWorry, 'F8').met).toBe(false);
    expect(criterion(noWorry, 'F8').suggestion).toBe(
      'The risk to Mia Harper says what we see and what we will do but not why it worries us.',
    );
    const noConcern = check({
      spec: { children: [mia, { ...leo, risk: { ...leo.risk, concern: null } }] },
    });
    expect(criterion(noConcern, 'F8').suggestion).toBe(
      'No level of concern is chosen for Leo Harper yet: none, low, medium or high?',
    );
    const nothing = check({ spec: { children: [mia] } });
    expect(criterion(nothing, 'F8').suggestion).toMatch(/^No risk is written for Leo Harper yet/);
  });
});

describe('criteria checker: process-only actions', () => {
  const action = (text: string): Action => ({ text, owner: null, due: null, childId: null });

  it('[C9] flags actions that say only what will be done, not what change they are for', () => {
    const flagged = processOnlyActions(
      [
        'Visit child at school.',
        'Refer to agency.',
        'Visit Mia at school so that she can say how mornings are going.',
        'Refer to CAMHS to help Mia with her anxiety about leaving Mum.',
        'Call Jason because handovers keep breaking down.',
        'Book the family group conference, hoping that Pat and Jason agree a rota.',
        '',
      ].map(action),
    );
    expect(flagged.map((a) => [a.index, a.text])).toEqual([
      [0, 'Visit child at school.'],
      [1, 'Refer to agency.'],
    ]);
    expect(flagged[0]?.suggestion).toMatch(/what is it for\?/);
  });

  it('[C11] is pure and deterministic: the same input gives the same report, and input is not changed', () => {
    const family = harperFamilyDoc(MEETING);
    const input = {
      discussion: readDiscussion(discussionDoc(HARPER_DISCUSSION)),
      board: readBoard(family),
      genogram: readGenogram(family),
      activity: { meetingId: MEETING, children: HARPER_CHILDREN },
    };
    const before = structuredClone(input);
    expect(checkDiscussion(input)).toEqual(checkDiscussion(input));
    expect(input).toEqual(before);
  });

  it('[C11] a panel’s cache never changes a report, as the minutes change under it', () => {
    const family = harperFamilyDoc(MEETING);
    const board = readBoard(family);
    const genogram = readGenogram(family);
    const activity = { meetingId: MEETING, children: HARPER_CHILDREN };
    const cache = createCriteriaCache();
    const variants: DiscussionSpec[] = [
      HARPER_DISCUSSION,
      { ...HARPER_DISCUSSION, context: ['Kelly moved flat.'], conversations: [] },
      { ...HARPER_DISCUSSION, children: [] },
      HARPER_DISCUSSION,
    ];
    for (const spec of variants) {
      const discussion = readDiscussion(discussionDoc(spec));
      expect(checkDiscussion({ discussion, board, genogram, activity }, cache)).toEqual(
        checkDiscussion({ discussion, board, genogram, activity }),
      );
    }
  });
});
