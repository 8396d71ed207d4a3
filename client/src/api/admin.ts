import {
  accountLinkResponseSchema,
  addPersonResponseSchema,
  adminPersonSchema,
  adminUnitDetailSchema,
  adminUnitSchema,
  type AccountLinkResponse,
  type AddPersonResponse,
  type AdminPerson,
  type AdminUnit,
  type AdminUnitDetail,
} from '@unitroom/shared';
import { request } from './http';

/** The deployment administration's REST API (`/api/admin`, shared/SPEC.md [A1]-[A8]). */
const json = async (response: Response): Promise<unknown> => response.json();

export async function listUnits(): Promise<AdminUnit[]> {
  return adminUnitSchema.array().parse(await json(await request('GET', '/api/admin/units')));
}

export async function createUnit(name: string): Promise<AdminUnit> {
  return adminUnitSchema.parse(await json(await request('POST', '/api/admin/units', { name })));
}

export async function fetchUnit(unitId: string): Promise<AdminUnitDetail> {
  return adminUnitDetailSchema.parse(
    await json(await request('GET', `/api/admin/units/${encodeURIComponent(unitId)}`)),
  );
}

export async function renameUnit(unitId: string, name: string): Promise<void> {
  await request('PUT', `/api/admin/units/${encodeURIComponent(unitId)}`, { name });
}

export async function archiveUnit(unitId: string): Promise<void> {
  await request('POST', `/api/admin/units/${encodeURIComponent(unitId)}/archive`);
}

export async function restoreUnit(unitId: string): Promise<void> {
  await request('POST', `/api/admin/units/${encodeURIComponent(unitId)}/restore`);
}

const memberPath = (unitId: string, userId: string) =>
  `/api/admin/units/${encodeURIComponent(unitId)}/members/${encodeURIComponent(userId)}`;

export async function setMembership(
  unitId: string,
  userId: string,
  role: string,
  replacementConsultantId?: string,
): Promise<void> {
  await request('PUT', memberPath(unitId, userId), {
    role,
    ...(replacementConsultantId ? { replacementConsultantId } : {}),
  });
}

export async function removeMembership(
  unitId: string,
  userId: string,
  replacementConsultantId?: string,
): Promise<void> {
  await request(
    'DELETE',
    memberPath(unitId, userId),
    replacementConsultantId ? { replacementConsultantId } : {},
  );
}

export async function listPeople(): Promise<AdminPerson[]> {
  return adminPersonSchema.array().parse(await json(await request('GET', '/api/admin/people')));
}

export async function fetchPerson(userId: string): Promise<AdminPerson> {
  return adminPersonSchema.parse(
    await json(await request('GET', `/api/admin/people/${encodeURIComponent(userId)}`)),
  );
}

export async function addPerson(input: {
  name: string;
  email: string;
  administrator: boolean;
}): Promise<AddPersonResponse> {
  return addPersonResponseSchema.parse(
    await json(await request('POST', '/api/admin/people', input)),
  );
}

const personPath = (userId: string, action: string) =>
  `/api/admin/people/${encodeURIComponent(userId)}/${action}`;

export async function deactivatePerson(
  userId: string,
  replacementConsultantId?: string,
): Promise<void> {
  await request(
    'POST',
    personPath(userId, 'deactivate'),
    replacementConsultantId ? { replacementConsultantId } : {},
  );
}

export async function setAdministrator(userId: string, administrator: boolean): Promise<void> {
  await request('PUT', personPath(userId, 'administrator'), { administrator });
}

export async function reactivatePerson(userId: string): Promise<void> {
  await request('POST', personPath(userId, 'reactivate'));
}

export async function issueResetLink(userId: string): Promise<AccountLinkResponse> {
  return accountLinkResponseSchema.parse(
    await json(await request('POST', personPath(userId, 'reset-link'))),
  );
}

/** Sets a password with a one-time link's token (no session needed). */
export async function setPasswordWithLink(token: string, password: string): Promise<void> {
  await request('POST', '/api/account/link', { token, password });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request('PUT', '/api/account/password', { currentPassword, newPassword });
}
