import { z } from 'zod';

/**
 * The kinds of question a unit plans before a visit (Tomm's lineal / circular / strategic /
 * reflexive, Fleuridas' difference, hypothetical/future and triadic, plus scaling). The order is
 * the order the generator lists them in: circular questions first because they are the point of
 * the exercise, lineal (fact-finding) last because workers already ask those without help.
 * Fleuridas' behavioural-effect questions ("when X does this, what does Y do?") sit under circular.
 */
export const QUESTION_KINDS = [
  'circular',
  'difference',
  'triadic',
  'hypothetical',
  'reflexive',
  'strategic',
  'scaling',
  'lineal',
] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

export const QUESTION_KIND_INFO: Record<QuestionKind, { label: string; description: string }> = {
  circular: {
    label: 'Circular',
    description:
      "Asks about relationships, other people's views and the effect of one person's behaviour on another.",
  },
  difference: {
    label: 'Difference',
    description: 'Draws out differences between people, relationships, times and ideas.',
  },
  triadic: {
    label: 'Triadic',
    description: 'Asks one person about the relationship between two others.',
  },
  hypothetical: {
    label: 'Hypothetical / future',
    description: 'Invites the family to imagine other possibilities, futures and absent voices.',
  },
  reflexive: {
    label: 'Reflexive',
    description: 'Helps a person reflect on their own ideas and find new ways forward themselves.',
  },
  strategic: {
    label: 'Strategic',
    description: 'Gently invites a particular step or change the worker thinks could help.',
  },
  scaling: {
    label: 'Scaling',
    description:
      'Puts worries, confidence or progress on a 0 to 10 scale, and asks what would move it.',
  },
  lineal: {
    label: 'Lineal',
    description:
      'Orienting questions about who, what, where and when, to understand the situation.',
  },
};
