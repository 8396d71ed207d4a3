import {
  discussionStatusSchema,
  familyDiscussionsSchema,
  type DiscussionStatus,
  type ExportFormat,
  type FamilyDiscussions,
  type FinalisationSettings,
  finalisationSettingsSchema,
  recordedActivitySchema,
  type RecordedActivity,
} from '@unitroom/shared';
import { request } from './http';

const discussionPath = (meetingId: string, familyId: string) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/discussions/${encodeURIComponent(familyId)}`;

export async function fetchDiscussionStatus(
  meetingId: string,
  familyId: string,
): Promise<DiscussionStatus> {
  const response = await request('GET', discussionPath(meetingId, familyId));
  return discussionStatusSchema.parse(await response.json());
}

/** [C2][C6] Who used the genogram and the board while the family was in focus. */
export async function fetchDiscussionActivity(
  meetingId: string,
  familyId: string,
): Promise<RecordedActivity> {
  const response = await request('GET', `${discussionPath(meetingId, familyId)}/activity`);
  return recordedActivitySchema.parse(await response.json());
}

export async function fetchFamilyDiscussions(familyId: string): Promise<FamilyDiscussions> {
  const response = await request(
    'GET',
    `/api/families/${encodeURIComponent(familyId)}/discussions`,
  );
  return familyDiscussionsSchema.parse(await response.json());
}

export type FinalisationStep = 'ready' | 'reopen' | 'approve';

export async function takeStep(
  meetingId: string,
  familyId: string,
  step: FinalisationStep,
): Promise<DiscussionStatus> {
  const response = await request('POST', `${discussionPath(meetingId, familyId)}/${step}`);
  return discussionStatusSchema.parse(await response.json());
}

export async function addAddendum(
  meetingId: string,
  familyId: string,
  text: string,
): Promise<DiscussionStatus> {
  const response = await request('POST', `${discussionPath(meetingId, familyId)}/addenda`, {
    text,
  });
  return discussionStatusSchema.parse(await response.json());
}

/** Plain links: the browser downloads with the session cookie, and the server audits it. */
export const discussionMinutesUrl = (meetingId: string, familyId: string, format: ExportFormat) =>
  `${discussionPath(meetingId, familyId)}/export/minutes/${format}`;

export const caseNoteUrl = (
  meetingId: string,
  familyId: string,
  childId: string,
  format: ExportFormat,
) =>
  `${discussionPath(meetingId, familyId)}/export/case-notes/${encodeURIComponent(childId)}/${format}`;

export const meetingMinutesUrl = (meetingId: string, format: ExportFormat) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/export/minutes/${format}`;

const settingsPath = (unitId: string) =>
  `/api/units/${encodeURIComponent(unitId)}/settings/finalisation`;

export async function fetchFinalisationSettings(unitId: string): Promise<FinalisationSettings> {
  const response = await request('GET', settingsPath(unitId));
  return finalisationSettingsSchema.parse(await response.json());
}

export async function saveFinalisationSettings(
  unitId: string,
  settings: FinalisationSettings,
): Promise<FinalisationSettings> {
  const response = await request('PUT', settingsPath(unitId), settings);
  return finalisationSettingsSchema.parse(await response.json());
}
