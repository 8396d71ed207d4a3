import { z } from 'zod';
import { questionKindSchema } from './kinds.js';

/**
 * Roles a template can name. People roles are filled from the genogram relative to the focus
 * child; `professional` and `worry` are phrases (never a person's name), so they are always
 * available.
 */
export const QUESTION_ROLES = [
  'child',
  'parent',
  'grandparent',
  'sibling',
  'partner',
  'absentParent',
  'professional',
  'worry',
] as const;
export const questionRoleSchema = z.enum(QUESTION_ROLES);
export type QuestionRole = z.infer<typeof questionRoleSchema>;

/** Roles filled by a person on the genogram (the rest are phrases). */
export const PERSON_ROLES = [
  'child',
  'parent',
  'grandparent',
  'sibling',
  'partner',
  'absentParent',
] as const satisfies readonly QuestionRole[];
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Who the worker asks: "you" in the text is this person; `family` is anyone present. */
export const ADDRESSEES = [
  'child',
  'parent',
  'grandparent',
  'sibling',
  'partner',
  'family',
] as const;
export const addresseeSchema = z.enum(ADDRESSEES);
export type Addressee = z.infer<typeof addresseeSchema>;

/**
 * How old the focus child is. Babies cannot be asked anything, so they are voiced by proxy;
 * unborn babies appear only in proxy questions about hopes.
 */
export const CHILD_STAGES = ['unborn', 'baby', 'young', 'older', 'adult', 'unknown'] as const;
export const childStageSchema = z.enum(CHILD_STAGES);
export type ChildStage = z.infer<typeof childStageSchema>;

/** Stages a template suits when it does not say: every born child. */
export const DEFAULT_CHILD_STAGES: readonly ChildStage[] = [
  'baby',
  'young',
  'older',
  'adult',
  'unknown',
];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The placeholders a template's text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !found.includes(name)) found.push(name);
  }
  return found;
}

const isRole = (name: string): name is QuestionRole =>
  (QUESTION_ROLES as readonly string[]).includes(name);

export const questionTemplateSchema = z
  .object({
    /** Stable, so a unit's edits and the generated questions can refer to a template. */
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    kind: questionKindSchema,
    addressedTo: addresseeSchema,
    text: z.string().trim().min(1).max(500),
    requires: z.array(questionRoleSchema),
    /** Stages of the focus child the template suits; omitted means every born child. */
    forChild: z.array(childStageSchema).min(1).optional(),
    /** Roles that must be filled by someone who has died ("If {grandparent} were still here"). */
    hasDied: z.array(questionRoleSchema).optional(),
    /** Roles whose wording works whether or not the person is still alive. */
    mayHaveDied: z.array(questionRoleSchema).optional(),
  })
  .superRefine((template, ctx) => {
    const requires = new Set<string>(template.requires);
    for (const name of placeholdersOf(template.text)) {
      if (!isRole(name)) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: `unknown placeholder {${name}}` });
      } else if (!requires.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['requires'], message: `{${name}} is not required` });
      }
    }
    // Any brace left after taking out the placeholders is a typo the family would see.
    if (/[{}]/.test(template.text.replace(PLACEHOLDER, ''))) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'unbalanced brace' });
    }
    if (template.addressedTo !== 'family' && !requires.has(template.addressedTo)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requires'],
        message: `addressed to ${template.addressedTo}, who must be required`,
      });
    }
    for (const field of ['hasDied', 'mayHaveDied'] as const) {
      for (const role of template[field] ?? []) {
        if (!requires.has(role)) {
          ctx.addIssue({ code: 'custom', path: [field], message: `${role} is not required` });
        }
        if (role === template.addressedTo || role === 'professional' || role === 'worry') {
          ctx.addIssue({ code: 'custom', path: [field], message: `${role} cannot have died` });
        }
      }
    }
    if (
      template.addressedTo === 'child' &&
      template.forChild?.some((s) => s === 'baby' || s === 'unborn')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['forChild'],
        message: 'babies are voiced by proxy, not asked',
      });
    }
  });
export type QuestionTemplate = z.infer<typeof questionTemplateSchema>;

/** A unit's bank: templates with unique ids. */
export const questionBankSchema = z
  .array(questionTemplateSchema)
  .max(1000)
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.forEach((template, index) => {
      if (seen.has(template.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `duplicate id ${template.id}`,
        });
      }
      seen.add(template.id);
    });
  });
export type QuestionBank = z.infer<typeof questionBankSchema>;

type T = QuestionTemplate;
const q = (
  id: string,
  kind: T['kind'],
  addressedTo: T['addressedTo'],
  requires: T['requires'],
  text: string,
  extra: Pick<T, 'forChild' | 'hasDied' | 'mayHaveDied'> = {},
): T => ({ id, kind, addressedTo, requires, text, ...extra });

const BABY: Pick<T, 'forChild'> = { forChild: ['baby'] };
const UNBORN: Pick<T, 'forChild'> = { forChild: ['unborn'] };
const TALKING: Pick<T, 'forChild'> = { forChild: ['young', 'older', 'adult', 'unknown'] };

/**
 * The default bank, written for social workers talking with families in their own homes: plain
 * British English, curious rather than blaming, with questions for children (by age) and for the
 * adults around them, and proxy questions that give babies a voice. Units copy and edit it.
 */
export const DEFAULT_QUESTION_BANK: readonly QuestionTemplate[] = [
  // Circular (including Fleuridas' behavioural-effect questions).
  q(
    'circ-noticed-first',
    'circular',
    'parent',
    ['parent', 'child'],
    'Who in the family noticed first that things were getting harder with {child}? Who noticed next?',
  ),
  q(
    'circ-grandparent-here',
    'circular',
    'parent',
    ['parent', 'grandparent', 'child'],
    'If {grandparent} were here with us, what would they say about how you and {child} are getting on?',
  ),
  q(
    'circ-baby-would-say',
    'circular',
    'parent',
    ['parent', 'child'],
    'If {child} could talk, what would {child} say about the days at home with you?',
    BABY,
  ),
  q(
    'circ-worries-most',
    'circular',
    'child',
    ['child', 'worry'],
    'Who in your family worries most about {worry}? Who worries least?',
  ),
  q(
    'circ-upset-goes-to',
    'circular',
    'parent',
    ['parent', 'child'],
    'When {child} is upset, who is {child} most likely to go to? What does that person do that helps?',
  ),
  q(
    'circ-parent-best-at',
    'circular',
    'child',
    ['child', 'parent'],
    'What would {parent} say is the thing you are best at?',
  ),
  q(
    'circ-grandparent-hardest',
    'circular',
    'grandparent',
    ['grandparent', 'parent', 'child'],
    'What do you think {parent} finds hardest about looking after {child} at the moment?',
  ),
  q(
    'circ-asks-for-help',
    'circular',
    'family',
    ['parent'],
    'Who in the family is most like {parent} when it comes to asking for help? Who is least like them?',
  ),
  q(
    'circ-baby-feels-safest',
    'circular',
    'parent',
    ['parent', 'child'],
    'If {child} could tell us, who would {child} say makes them feel safest?',
    { forChild: ['baby', 'young'] },
  ),
  q(
    'circ-sibling-home',
    'circular',
    'sibling',
    ['sibling', 'child'],
    'What do you think {child} would say about what it is like at home at the moment?',
  ),
  q(
    'circ-partner-understand',
    'circular',
    'partner',
    ['partner', 'parent', 'child'],
    'What do you think {parent} would want me to understand about how things are for {child}?',
  ),
  q(
    'circ-absent-describe',
    'circular',
    'parent',
    ['parent', 'absentParent', 'child'],
    'How do you think {absentParent} would describe {child}?',
  ),
  q(
    'circ-professional-noticed',
    'circular',
    'parent',
    ['parent', 'professional', 'child'],
    'What would {professional} say they have noticed about {child} lately? Would you agree?',
  ),
  q(
    'circ-worn-out',
    'circular',
    'parent',
    ['parent'],
    'When you feel worn out, who notices first? What do they do?',
  ),
  q(
    'circ-child-cries',
    'circular',
    'parent',
    ['parent', 'child', 'grandparent'],
    'When {child} cries and cannot be settled, what does {grandparent} think is going on?',
    BABY,
  ),

  // Difference.
  q(
    'diff-good-days',
    'difference',
    'parent',
    ['parent', 'child'],
    'What is different about the days that go well with {child}, compared with the harder days?',
  ),
  q(
    'diff-closest',
    'difference',
    'child',
    ['child'],
    'Who are you closest to in your family? Has it always been that way, or has it changed?',
    TALKING,
  ),
  q(
    'diff-grandparent-worry',
    'difference',
    'parent',
    ['parent', 'grandparent', 'worry'],
    'Is {grandparent} more or less worried about {worry} than you are? What do you think explains the difference?',
  ),
  q(
    'diff-parented',
    'difference',
    'parent',
    ['parent', 'grandparent', 'child'],
    'How is the way you are bringing up {child} different from the way {grandparent} brought you up? What have you kept the same?',
    { mayHaveDied: ['grandparent'] },
  ),
  q(
    'diff-sibling-year-ago',
    'difference',
    'sibling',
    ['sibling', 'child'],
    'How do you and {child} get on now, compared with a year ago?',
  ),
  q(
    'diff-most-like',
    'difference',
    'parent',
    ['parent', 'child'],
    'Who in the family is {child} most like? In what ways?',
  ),
  q(
    'diff-absent-around',
    'difference',
    'parent',
    ['parent', 'absentParent', 'child'],
    'What difference does it make to {child} when {absentParent} is around, and when they are not?',
  ),
  q(
    'diff-partner-home',
    'difference',
    'child',
    ['child', 'partner'],
    'Is it different at home when {partner} is there and when {partner} is not? What is different?',
  ),
  q(
    'diff-imagined',
    'difference',
    'parent',
    ['parent', 'child'],
    'Before {child} was born, what did you imagine being a parent would be like? How is it different from what you imagined?',
    { forChild: ['baby', 'young'] },
  ),
  q(
    'diff-sibling-treated',
    'difference',
    'child',
    ['child', 'sibling'],
    'Do you think grown-ups in your family treat you and {sibling} the same, or differently? How?',
    TALKING,
  ),

  // Triadic.
  q(
    'tri-disagree-grandparent',
    'triadic',
    'family',
    ['parent', 'grandparent', 'child'],
    'When {parent} and {grandparent} see things differently about {child}, what happens next? Who steps in?',
  ),
  q(
    'tri-parents-argue',
    'triadic',
    'child',
    ['child', 'parent', 'absentParent'],
    'When {parent} and {absentParent} disagree, what do you do? Who do you talk to about it?',
    TALKING,
  ),
  q(
    'tri-tired-grandparent',
    'triadic',
    'parent',
    ['parent', 'child', 'grandparent'],
    'When {child} is unsettled and you are tired, what does {grandparent} do? How does that help, or not help?',
  ),
  q(
    'tri-grandparent-middle',
    'triadic',
    'grandparent',
    ['grandparent', 'parent', 'child'],
    'When {parent} and {child} are having a hard time with each other, what do you find yourself doing?',
  ),
  q(
    'tri-sibling-talks-to',
    'triadic',
    'sibling',
    ['sibling', 'parent', 'child'],
    'When {parent} is worried about {child}, who does {parent} talk to? What happens then?',
  ),
  q(
    'tri-partner-sides',
    'triadic',
    'partner',
    ['partner', 'parent', 'child'],
    'When {parent} and {child} disagree, what do you do? What do they each expect of you?',
  ),
  q(
    'tri-child-notices',
    'triadic',
    'child',
    ['child', 'parent'],
    'When {parent} is sad or cross, who in the family notices first? What do they do?',
    TALKING,
  ),
  q(
    'tri-grandparent-partner',
    'triadic',
    'parent',
    ['parent', 'grandparent', 'partner', 'child'],
    'How do {grandparent} and {partner} get on? How does that affect things for {child}?',
  ),

  // Hypothetical / future.
  q(
    'hyp-better-notice',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'If things got better for you and {child}, who would notice first? What would they see?',
  ),
  q(
    'hyp-unborn-hopes',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'If {child} could tell us, what would {child} hope for from the family when they arrive?',
    UNBORN,
  ),
  q(
    'hyp-unborn-your-hopes',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'What are your hopes for when {child} arrives? Who in the family shares those hopes?',
    UNBORN,
  ),
  q(
    'hyp-unborn-turn-to',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'When {child} is born, who do you think will be the first person you turn to for help?',
    UNBORN,
  ),
  q(
    'hyp-year-from-now',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'Imagine it is a year from now and things are going well. What would a day look like for {child}?',
  ),
  q(
    'hyp-still-here',
    'hypothetical',
    'parent',
    ['parent', 'grandparent', 'child'],
    'If {grandparent} were still here, what would they say about how you are managing with {child}?',
    { hasDied: ['grandparent'] },
  ),
  q(
    'hyp-three-wishes',
    'hypothetical',
    'child',
    ['child'],
    'If you had three wishes for your family, what would they be?',
    TALKING,
  ),
  q(
    'hyp-grandparent-stay',
    'hypothetical',
    'parent',
    ['parent', 'grandparent', 'child'],
    'If {grandparent} came to stay for a week, what would they notice about you and {child}?',
  ),
  q(
    'hyp-baby-tell-grandparent',
    'hypothetical',
    'parent',
    ['parent', 'child', 'grandparent'],
    'If {child} could talk, what would {child} want {grandparent} to know about you?',
    BABY,
  ),
  q(
    'hyp-absent-see',
    'hypothetical',
    'child',
    ['child', 'absentParent'],
    'If {absentParent} could see how you are doing now, what do you think they would say?',
    { ...TALKING, mayHaveDied: ['absentParent'] },
  ),
  q(
    'hyp-nothing-changed',
    'hypothetical',
    'parent',
    ['parent', 'child'],
    'If nothing changed, what do you think would happen for {child} over the next six months? Who would be most worried?',
  ),
  q(
    'hyp-sibling-older',
    'hypothetical',
    'sibling',
    ['sibling', 'child'],
    'If {child} were a bit older, what do you think {child} would want to say to the family?',
    { forChild: ['baby', 'young'] },
  ),

  // Reflexive.
  q(
    'refl-needs-more',
    'reflexive',
    'parent',
    ['parent', 'child'],
    'What do you think {child} needs from you that you would like to give more of?',
  ),
  q(
    'refl-ask-grandparent',
    'reflexive',
    'parent',
    ['parent', 'grandparent'],
    'If you were to ask {grandparent} for help, what do you think would happen?',
  ),
  q(
    'refl-trying-hard',
    'reflexive',
    'parent',
    ['parent', 'child'],
    'What would it mean to you if other people could see how hard you are trying with {child}?',
  ),
  q(
    'refl-proud',
    'reflexive',
    'parent',
    ['parent', 'grandparent', 'child'],
    'What do you think {grandparent} would be most proud of in how you are with {child}?',
    { mayHaveDied: ['grandparent'] },
  ),
  q(
    'refl-parent-hear',
    'reflexive',
    'child',
    ['child', 'parent'],
    'If {parent} could hear what you have just told me, what do you think they would feel?',
    TALKING,
  ),
  q(
    'refl-grandparent-remember',
    'reflexive',
    'grandparent',
    ['grandparent', 'parent'],
    'What do you remember about being a parent when your children were small? What from that might {parent} find useful?',
  ),
  q(
    'refl-watching',
    'reflexive',
    'parent',
    ['parent', 'partner', 'child'],
    'What might {child} be learning about families from watching how you and {partner} sort things out?',
  ),
  q(
    'refl-surprised',
    'reflexive',
    'family',
    [],
    'Who in the family would be most surprised to hear that things could change? Who would be least surprised?',
  ),

  // Strategic.
  q(
    'strat-ask-grandparent',
    'strategic',
    'parent',
    ['parent', 'grandparent', 'child'],
    'What would need to happen for you to feel able to ask {grandparent} for help with {child}?',
  ),
  q(
    'strat-tell-professional',
    'strategic',
    'parent',
    ['parent', 'professional'],
    'What would make it easier to let {professional} know when things are getting difficult?',
  ),
  q(
    'strat-small-step',
    'strategic',
    'parent',
    ['parent', 'child'],
    'What is one small step this week that would make things a bit easier for you and {child}?',
  ),
  q(
    'strat-partner-help',
    'strategic',
    'partner',
    ['partner', 'parent', 'child'],
    'What could you do that would make it easier for {parent} to look after {child}?',
  ),
  q(
    'strat-child-tell',
    'strategic',
    'child',
    ['child', 'parent'],
    'What would help you to tell {parent} when something is worrying you?',
    TALKING,
  ),
  q(
    'strat-grandparent-together',
    'strategic',
    'grandparent',
    ['grandparent', 'parent', 'child'],
    'What would help you and {parent} work together for {child}?',
  ),
  q(
    'strat-family-differently',
    'strategic',
    'family',
    ['worry'],
    'What could the family do differently so that people worried less about {worry}?',
  ),

  // Scaling.
  q(
    'scale-worry-grandparent',
    'scaling',
    'parent',
    ['parent', 'worry', 'grandparent'],
    'On a scale of 0 to 10, where 0 is very worried and 10 is not worried at all, where are you about {worry}? Where would {grandparent} put it?',
  ),
  q(
    'scale-home-child',
    'scaling',
    'child',
    ['child'],
    'If 0 is the worst and 10 is the best, how are things at home for you right now? What would make it one number higher?',
    TALKING,
  ),
  q(
    'scale-confident',
    'scaling',
    'parent',
    ['parent', 'child', 'professional'],
    'On a scale of 0 to 10, how confident do you feel looking after {child}? What number would {professional} give?',
  ),
  q(
    'scale-baby-settled',
    'scaling',
    'parent',
    ['parent', 'child'],
    'If {child} could give a number from 0 to 10 for how safe and settled they feel, what number would {child} give? What makes it that number?',
    BABY,
  ),
  q(
    'scale-grandparent-support',
    'scaling',
    'grandparent',
    ['grandparent', 'parent'],
    'On a scale of 0 to 10, how much support do you think {parent} feels from the family at the moment?',
  ),
  q(
    'scale-everyone',
    'scaling',
    'family',
    ['worry'],
    'On a scale of 0 to 10, how worried is each person here about {worry}? Who is most worried, and who is least?',
  ),
  q(
    'scale-listened-to',
    'scaling',
    'child',
    ['child'],
    'On a scale of 0 to 10, how much do you feel people listen to you at home? What would help them listen more?',
    { forChild: ['older', 'adult'] },
  ),

  // Lineal.
  q(
    'lin-normal-day',
    'lineal',
    'parent',
    ['parent', 'child'],
    'What is a normal day like for you and {child}, from waking up to going to bed?',
  ),
  q(
    'lin-first-worried',
    'lineal',
    'parent',
    ['parent', 'worry'],
    'When did you first start to feel worried about {worry}?',
  ),
  q(
    'lin-help-week',
    'lineal',
    'parent',
    ['parent', 'child'],
    'Who is around to help you with {child} during the week?',
  ),
  q(
    'lin-who-lives',
    'lineal',
    'child',
    ['child'],
    'Who lives in your house with you? Who else is important to you?',
    TALKING,
  ),
  q(
    'lin-see-grandparent',
    'lineal',
    'parent',
    ['parent', 'grandparent'],
    'How often do you see {grandparent}? What do you do together?',
  ),
  q(
    'lin-sibling-like',
    'lineal',
    'child',
    ['child', 'sibling'],
    'What do you like doing with {sibling}?',
    TALKING,
  ),
  q(
    'lin-tried',
    'lineal',
    'parent',
    ['parent', 'professional'],
    'What has {professional} already tried with you, and what helped?',
  ),
  q(
    'lin-grandparent-see-child',
    'lineal',
    'grandparent',
    ['grandparent', 'child'],
    'How often do you see {child}, and what do you do together?',
  ),
];
