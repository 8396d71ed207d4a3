import type { FamilyDetail, FamilyOpenItems, OpenFamilyRequest, Role } from '@unitroom/shared';
import { request } from './http';

const familyUrl = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}`;

/** [F6] Opens a family with its children; answers the new family's record. */
export async function openFamily(unitId: string, body: OpenFamilyRequest): Promise<FamilyDetail> {
  const response = await request('POST', `/api/units/${encodeURIComponent(unitId)}/families`, body);
  return (await response.json()) as FamilyDetail;
}

export interface LeadWorker {
  id: string;
  name: string;
  role: Role;
}

export async function listLeadWorkers(unitId: string): Promise<LeadWorker[]> {
  const response = await request('GET', `/api/units/${encodeURIComponent(unitId)}/lead-workers`);
  return ((await response.json()) as { members: LeadWorker[] }).members;
}

export async function fetchFamilyDetail(familyId: string): Promise<FamilyDetail> {
  return (await (await request('GET', familyUrl(familyId))).json()) as FamilyDetail;
}

export interface ClosingCheck {
  actions: FamilyOpenItems['actions'];
  conversations: Array<{ id: string; purpose: string; by: string | null }>;
}

export async function fetchClosingCheck(familyId: string): Promise<ClosingCheck> {
  return (await (
    await request('GET', `${familyUrl(familyId)}/closing-check`)
  ).json()) as ClosingCheck;
}

export async function transferFamily(familyId: string, toUnitId: string): Promise<void> {
  await request('POST', `${familyUrl(familyId)}/transfer`, { toUnitId });
}

export async function closeFamily(familyId: string, summary: string): Promise<FamilyDetail> {
  const response = await request('POST', `${familyUrl(familyId)}/close`, { summary });
  return (await response.json()) as FamilyDetail;
}

export async function reopenFamily(familyId: string): Promise<FamilyDetail> {
  return (await (await request('POST', `${familyUrl(familyId)}/reopen`)).json()) as FamilyDetail;
}
