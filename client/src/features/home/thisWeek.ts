import type { MeetingSummary } from '@unitroom/shared';

/**
 * "This week's meeting": the first open meeting from today on; failing that, the latest open one
 * (a meeting from a few days ago not closed yet). ISO dates compare as strings.
 */
export function thisWeeksMeeting(meetings: MeetingSummary[], today: string): MeetingSummary | null {
  const open = meetings.filter((meeting) => meeting.status === 'planned');
  const upcoming = open
    .filter((meeting) => meeting.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date));
  if (upcoming[0]) return upcoming[0];
  return [...open].sort((a, b) => b.date.localeCompare(a.date))[0] ?? null;
}
