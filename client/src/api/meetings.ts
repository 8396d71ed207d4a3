import {
  actionsDueSchema,
  addGuestResponseSchema,
  closeMeetingResponseSchema,
  createSeriesResponseSchema,
  familyOpenItemsSchema,
  familyOverviewSchema,
  meetingPlanSchema,
  type AddGuestRequest,
  type AddGuestResponse,
  type CloseMeetingResponse,
  type CreateSeriesRequest,
  type FamilyOpenItems,
  type FamilyOverview,
  type MeetingPlan,
  type OpenAction,
  type SetAgendaRequest,
} from '@unitroom/shared';
import { request } from './http';

const meetingUrl = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

export async function fetchMeetingPlan(meetingId: string): Promise<MeetingPlan> {
  const response = await request('GET', `${meetingUrl(meetingId)}/plan`);
  return meetingPlanSchema.parse(await response.json());
}

export async function saveAgenda(
  meetingId: string,
  agenda: SetAgendaRequest,
): Promise<MeetingPlan> {
  const response = await request('PUT', `${meetingUrl(meetingId)}/agenda`, agenda);
  return meetingPlanSchema.parse(await response.json());
}

export async function addGuest(
  meetingId: string,
  guest: AddGuestRequest,
): Promise<AddGuestResponse> {
  const response = await request('POST', `${meetingUrl(meetingId)}/guests`, guest);
  return addGuestResponseSchema.parse(await response.json());
}

export async function revokeGuest(meetingId: string, userId: string): Promise<void> {
  await request('DELETE', `${meetingUrl(meetingId)}/guests/${encodeURIComponent(userId)}`);
}

export async function closeMeeting(
  meetingId: string,
  reached: string[],
): Promise<CloseMeetingResponse> {
  const response = await request('POST', `${meetingUrl(meetingId)}/close`, { reached });
  return closeMeetingResponseSchema.parse(await response.json());
}

export async function scheduleSeries(
  unitId: string,
  series: CreateSeriesRequest,
): Promise<{ seriesId: string; meetingIds: string[] }> {
  const response = await request(
    'POST',
    `/api/units/${encodeURIComponent(unitId)}/meeting-series`,
    series,
  );
  return createSeriesResponseSchema.parse(await response.json());
}

export async function setFamilyActivity(familyId: string, veryActive: boolean): Promise<void> {
  await request('PUT', `/api/families/${encodeURIComponent(familyId)}/activity`, { veryActive });
}

export async function fetchFamilyOverview(familyId: string): Promise<FamilyOverview> {
  const response = await request('GET', `/api/families/${encodeURIComponent(familyId)}/overview`);
  return familyOverviewSchema.parse(await response.json());
}

export async function fetchFamilyOpenItems(
  familyId: string,
  beforeMeetingId?: string,
): Promise<FamilyOpenItems> {
  const query = beforeMeetingId ? `?before=${encodeURIComponent(beforeMeetingId)}` : '';
  const response = await request(
    'GET',
    `/api/families/${encodeURIComponent(familyId)}/open-items${query}`,
  );
  return familyOpenItemsSchema.parse(await response.json());
}

export async function fetchActionsDue(unitId: string, today: string): Promise<OpenAction[]> {
  const response = await request(
    'GET',
    `/api/units/${encodeURIComponent(unitId)}/actions-due?today=${encodeURIComponent(today)}`,
  );
  return actionsDueSchema.parse(await response.json()).actions;
}
