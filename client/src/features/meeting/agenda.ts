import type { FamilySummary, MeetingSummary } from '@unitroom/shared';

export interface AgendaEntry {
  family: FamilySummary;
  timeboxMinutes: number;
}

/** The meeting's families in agenda order; items naming a family this user cannot see are left out. */
export function agendaFor(meeting: MeetingSummary, families: FamilySummary[]): AgendaEntry[] {
  return [...meeting.agenda]
    .sort((a, b) => a.position - b.position)
    .flatMap((item) => {
      const family = families.find((candidate) => candidate.id === item.familyId);
      return family ? [{ family, timeboxMinutes: item.timeboxMinutes }] : [];
    });
}

export interface FollowView {
  /** On by default: the room's URL names no family, so the view goes where the chair goes. */
  following: boolean;
  /** The family on screen; null for an empty agenda or a family not on it. */
  viewed: AgendaEntry | null;
  /** The chair's focus, when it is on this agenda. */
  chair: AgendaEntry | null;
}

/**
 * Which family to show. Following is the absence of a family in the URL, so "stop following" is
 * just opening a family, the back button returns to following, and a link to a family is shareable.
 */
export function followView(
  agenda: AgendaEntry[],
  chairFamilyId: string | null,
  routeFamilyId: string | undefined,
): FollowView {
  const find = (familyId: string) => agenda.find((entry) => entry.family.id === familyId) ?? null;
  const chair = chairFamilyId === null ? null : find(chairFamilyId);
  if (routeFamilyId === undefined) {
    return { following: true, viewed: chair ?? agenda[0] ?? null, chair };
  }
  return { following: false, viewed: find(routeFamilyId), chair };
}
