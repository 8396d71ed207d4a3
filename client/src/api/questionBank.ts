import { unitQuestionBankSchema, type QuestionBank, type UnitQuestionBank } from '@unitroom/shared';
import { request } from './http';

const bankPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}/question-bank`;

export async function fetchQuestionBank(unitId: string): Promise<UnitQuestionBank> {
  const response = await request('GET', bankPath(unitId));
  return unitQuestionBankSchema.parse(await response.json());
}

/** Saves the whole bank; refused with a 409 `conflict` if someone saved since `version`. */
export async function saveQuestionBank(
  unitId: string,
  bank: QuestionBank,
  version: number,
): Promise<UnitQuestionBank> {
  const response = await request('PUT', bankPath(unitId), { bank, version });
  return unitQuestionBankSchema.parse(await response.json());
}

export async function restoreDefaultQuestionBank(unitId: string): Promise<UnitQuestionBank> {
  const response = await request('DELETE', bankPath(unitId));
  return unitQuestionBankSchema.parse(await response.json());
}
