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
import { EVALUATION_SET, buildCase, type EvalCase } from '../fixtures/evaluation/index.js';
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

/** A case of the evaluation set by id, copied so a test may change it. */
function evalCase(id: string): EvalCase {
  const found = EVALUATION_SET.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return structuredClone(found);
}
const checkCase = (c: EvalCase) => checkDiscussion(buildCase(c));

describe('criteria checker: evidence from what the unit did, robust to words', () => {
  it('[C0] stock phrases with nothing about this family are not evidence of anything', () => {
    const report = checkCase(evalCase('N02-boilerplate'));
    expect(unmet(report)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']);
    expect(criterion(report, 'F1').evidence).toEqual([]);
    expect(criterion(report, 'F7').evidence).toEqual([]);
  });

  it('[C0][C1] actions and decisions are not context; one sentence about the family’s world is', () => {
    const c = evalCase('N07-decisions-as-context');
    expect(criterion(checkCase(c), 'F1').met).toBe(false);
    c.minutes.context?.push('Nan does the school run on Mondays.');
    const f1 = criterion(checkCase(c), 'F1');
    expect(f1.met).toBe(true);
    expect(f1.found?.[1]).toEqual({
      text: '“Nan does the school run on Mondays.”',
      where: { kind: 'section', section: 'context', childId: null },
    });
  });

  it('[C1] UK practice abbreviations name the wider world (MGM, HV, GP, CAMHS, YOS)', () => {
    const c = evalCase('N07-decisions-as-context');
    c.minutes.context = ['MGM close by. HV weekly.'];
    expect(criterion(checkCase(c), 'F1').evidence[0]).toBe(
      'The minutes name the family’s wider world: MGM and HV.',
    );
    for (const line of ['GP reviewing meds.', 'CAMHS wait list.', 'YOS referral order.']) {
      c.minutes.context = [line];
      expect(criterion(checkCase(c), 'F1').met, line).toBe(true);
    }
  });

  it('[C2] a birth-order word or a ticked person is not using the genogram when nobody looked at it', () => {
    const c = evalCase('N04-birth-order-no-genogram');
    const before = criterion(checkCase(c), 'F2');
    expect(before.met).toBe(false);
    expect(before.suggestion).toMatch(/^Nobody has looked at the genogram/);
    c.genogramUsed = true;
    c.board?.hypotheses?.[0]?.about?.push('Jean Harper');
    const after = criterion(checkCase(c), 'F2');
    expect(after.met).toBe(true);
    expect(after.found?.[0]?.where).toEqual({ kind: 'genogram' });
    expect(after.found?.[1]?.where).toEqual({ kind: 'hypothesis', id: 'h-youngest' });
  });

  it('[C3] a date such as "moved in May" is not tentative; "she may feel" is', () => {
    const c = evalCase('N08-dates-not-tentative');
    expect(criterion(checkCase(c), 'F3').evidence.join(' ')).not.toMatch(/May/);
    c.minutes.context = ['Carly may feel the move was forced on her.'];
    expect(criterion(checkCase(c), 'F3').evidence[0]).toMatch(/^Curious, tentative talk/);
  });

  it('[C3] a curious phrase inside a fixed view is not curiosity', () => {
    const report = checkCase(evalCase('N03-word-stuffed-fixed-view'));
    expect(criterion(report, 'F3').met).toBe(false);
    expect(criterion(report, 'F3').evidence).toEqual([]);
  });

  it('[C3] one word never flips F3 unless it was one sign short', () => {
    const c = evalCase('N09-coordinator-only');
    c.minutes.context?.push('I wonder whether Ava misses her dad.');
    const one = criterion(checkCase(c), 'F3');
    expect(one.met).toBe(false);
    expect(one.evidence).toHaveLength(1);
    c.minutes.context?.push('Perhaps the school sees a different Ava.');
    expect(criterion(checkCase(c), 'F3').met).toBe(true);
  });

  it('[C4] near-identical hypotheses by one person are one hypothesis; a different one counts', () => {
    const c = evalCase('N06-near-identical-hypotheses');
    const f4 = criterion(checkCase(c), 'F4');
    expect(f4.met).toBe(false);
    expect(f4.evidence).toEqual(['Hypothesis: “Julie drinks because she is lonely.”']);
    const second = c.board?.hypotheses?.[1];
    if (!second) throw new Error('no second hypothesis');
    second.text = 'Harvey looks after himself because Rita taught Julie that children cope alone.';
    expect(criterion(checkCase(c), 'F4').met).toBe(true);
  });

  it('[C4] evidence against a hypothesis from someone other than its author is a challenge', () => {
    const c = evalCase('G04-challenge-no-plan');
    c.minutes.hypotheses = [];
    const f4 = criterion(checkCase(c), 'F4');
    expect(f4.met).toBe(true);
    expect(f4.found?.[1]?.where).toEqual({ kind: 'hypothesis', id: 'h-control' });
    const against = c.board?.hypotheses?.[0]?.evidenceAgainst?.[0];
    if (!against) throw new Error('no evidence against');
    against[0] = 'MK';
    expect(criterion(checkCase(c), 'F4').met).toBe(false);
  });

  it('[C5] a conversation needs who, with whom and an accepted question or a purpose', () => {
    expect(criterion(checkCase(evalCase('G02-vague-conversation')), 'F5').suggestion).toBe(
      'The conversation planned for “Pam’s health scare has left Gemma without her…” does not yet say who from the unit will have it and which questions, or what change it hopes for.',
    );
    const c = evalCase('G10-suggested-questions-only');
    expect(criterion(checkCase(c), 'F5').met).toBe(false);
    const question = c.board?.conversations?.[0]?.questions?.[0];
    if (!question) throw new Error('no question');
    question.suggested = false;
    const f5 = criterion(checkCase(c), 'F5');
    expect(f5.met).toBe(true);
    expect(f5.found?.[0]?.where).toEqual({ kind: 'conversation', id: 'cv-freya' });
  });

  it('[C6] a point is credited by typing initials; the prompt names a role, never a person', () => {
    const c = evalCase('G01-harper-no-conversation');
    expect(criterion(checkCase(c), 'F6').met).toBe(true);
    c.minutes.hypotheses = (c.minutes.hypotheses ?? []).map((line) =>
      line.replace(/^[A-Z]{2}: /, ''),
    );
    c.minutes.children = (c.minutes.children ?? []).map((child) => ({
      ...child,
      voice: child.voice?.replace(/^JO for Mia: /, ''),
    }));
    c.board = {};
    const f6 = criterion(checkCase(c), 'F6');
    expect(f6.met).toBe(false);
    expect(f6.suggestion).toMatch(
      /^What does the (consultant social worker|social worker|child practitioner|clinician) make of this family\?/,
    );
    for (const name of ['Asha', 'Tom', 'Jade', 'Ruth', 'Priya'])
      expect(f6.suggestion).not.toContain(name);
  });

  it('[C6] the coordinator typing for everyone is not “not everyone contributed”', () => {
    const report = checkCase(evalCase('S01-harper-youngest'));
    expect(criterion(report, 'F6').met).toBe(true);
    expect(criterion(report, 'F6').evidence[0]).toBe(
      'Views from: consultant social worker, clinician, social worker and child practitioner.',
    );
  });

  it('[C7] the family’s view can come from a planned conversation reviewed at this meeting', () => {
    const f7 = criterion(checkCase(evalCase('S10-review-learned')), 'F7');
    expect(f7.met).toBe(true);
    expect(f7.found?.at(-1)?.where).toEqual({ kind: 'conversation', id: 'cv-old' });
  });

  it('[C12] every finding says where it is, and no figure per person appears anywhere', () => {
    for (const c of EVALUATION_SET) {
      const report = checkCase(c);
      const names = [
        'Asha Begum',
        'Tom Reilly',
        'Marek Kowalski',
        'Jade Okafor',
        'Ruth Stein',
        'Priya Nair',
      ];
      for (const criterionResult of report.criteria) {
        expect(
          criterionResult.found?.map((f) => f.text),
          c.id,
        ).toEqual(criterionResult.evidence);
        for (const finding of criterionResult.found ?? []) expect(finding.where, c.id).toBeTruthy();
        const said = [...criterionResult.evidence, criterionResult.suggestion ?? ''].join(' ');
        for (const name of names) expect(said, `${c.id} ${criterionResult.id}`).not.toContain(name);
      }
    }
  });
});
