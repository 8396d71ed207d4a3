import type { OnlineMember } from '@unitroom/shared';

/** The server may list a person once per open tab; people want to see each colleague once. */
export function uniqueMembers(members: OnlineMember[]): OnlineMember[] {
  const byId = new Map<string, OnlineMember>();
  for (const member of members) {
    const known = byId.get(member.userId);
    // Prefer the entry that says which meeting the person has open.
    if (!known || (known.meetingId === null && member.meetingId !== null)) {
      byId.set(member.userId, member);
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
