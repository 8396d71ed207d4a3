import { z } from 'zod';
import {
  PERSON_ROLES,
  placeholdersOf,
  questionBankSchema,
  questionTemplateSchema,
  type Addressee,
  type QuestionBank,
  type QuestionRole,
  type QuestionTemplate,
} from './bank.js';
import type { QuestionKind } from './kinds.js';

/**
 * A unit's own question bank (shared/SPEC.md [Q1]-[Q5]): the default bank until the unit edits
 * it, then the unit's copy, saved whole with a version so two people editing at once never
 * silently overwrite each other.
 */

/** `GET /api/units/:unitId/question-bank` */
export const unitQuestionBankSchema = z.object({
  bank: questionBankSchema,
  /** 0 while the unit uses the default bank; each save adds one ([Q2]). */
  version: z.number().int().min(0),
  /** False while the unit uses the default bank. */
  custom: z.boolean(),
});
export type UnitQuestionBank = z.infer<typeof unitQuestionBankSchema>;

/** `PUT /api/units/:unitId/question-bank`: the whole bank, and the version it was edited from. */
export const saveQuestionBankRequestSchema = z.object({
  bank: questionBankSchema,
  version: z.number().int().min(0),
});
export type SaveQuestionBankRequest = z.infer<typeof saveQuestionBankRequestSchema>;

export interface NewTemplateInput {
  kind: QuestionKind;
  addressedTo: Addressee;
  text: string;
}

const UNIT_ID_PREFIX = 'unit-';

/** The placeholders a unit may write, people first. */
export const PLACEHOLDER_NAMES = [...PERSON_ROLES, 'professional', 'worry'] as const;

/**
 * A template written by the unit ([Q4]): who it needs is read from its placeholders and its
 * addressee, so a worker writes only the sentence; its id is `unit-<n>`, one more than any in use.
 * Returns the reason instead when the text is not a usable template.
 */
export function newTemplate(
  input: NewTemplateInput,
  bank: readonly QuestionTemplate[],
): { template: QuestionTemplate } | { error: string } {
  const text = input.text.trim();
  const roles = placeholdersOf(text);
  const requires = new Set<QuestionRole>();
  for (const name of roles) {
    if (!(PLACEHOLDER_NAMES as readonly string[]).includes(name))
      return {
        error: `{${name}} is not a placeholder the bank knows. Use ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(', ')}.`,
      };
    requires.add(name as QuestionRole);
  }
  if (input.addressedTo !== 'family') requires.add(input.addressedTo);
  const used = bank
    .map((t) => (t.id.startsWith(UNIT_ID_PREFIX) ? Number(t.id.slice(UNIT_ID_PREFIX.length)) : 0))
    .filter((n) => Number.isInteger(n));
  const id = `${UNIT_ID_PREFIX}${Math.max(0, ...used) + 1}`;
  const parsed = questionTemplateSchema.safeParse({
    id,
    kind: input.kind,
    addressedTo: input.addressedTo,
    text,
    requires: [...requires],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `The question cannot be used: ${issue?.message ?? 'unknown problem'}` };
  }
  return { template: parsed.data };
}

export const withTemplate = (bank: QuestionBank, template: QuestionTemplate): QuestionBank => [
  ...bank,
  template,
];

export const withoutTemplate = (bank: QuestionBank, id: string): QuestionBank =>
  bank.filter((t) => t.id !== id);
