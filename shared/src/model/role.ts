import { z } from 'zod';

/**
 * A member's role in their unit. Labels differ from council to council, so the UI shows
 * `ROLE_LABELS` by default and a unit may rename them; the stored value never changes.
 */
export const ROLES = [
  'consultant_social_worker',
  'social_worker',
  'child_practitioner',
  'clinician',
  'unit_coordinator',
  'manager',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  consultant_social_worker: 'Consultant social worker',
  social_worker: 'Social worker',
  child_practitioner: 'Child practitioner',
  clinician: 'Clinician',
  unit_coordinator: 'Unit coordinator',
  manager: 'Manager (read only)',
};

export const ROLE_SHORT: Record<Role, string> = {
  consultant_social_worker: 'CSW',
  social_worker: 'SW',
  child_practitioner: 'CP',
  clinician: 'CL',
  unit_coordinator: 'UC',
  manager: 'MGR',
};

/** Roles that may read everything in their unit but never change a document. */
export const READ_ONLY_ROLES: ReadonlySet<Role> = new Set<Role>(['manager']);

/** The chair of a meeting, who leads "follow me", is the unit's consultant by default. */
export const CHAIR_ROLES: ReadonlySet<Role> = new Set<Role>(['consultant_social_worker']);

export const isReadOnlyRole = (role: Role): boolean => READ_ONLY_ROLES.has(role);
export const canChair = (role: Role): boolean => CHAIR_ROLES.has(role);

/** Roles that manage the unit's membership (remove a member). */
export const MEMBER_ADMIN_ROLES: ReadonlySet<Role> = new Set<Role>([
  'unit_coordinator',
  'consultant_social_worker',
]);
export const canManageMembers = (role: Role): boolean => MEMBER_ADMIN_ROLES.has(role);
