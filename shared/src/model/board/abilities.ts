import { isReadOnlyRole, type Role } from '../role.js';

/**
 * What a member may do on the board, by role (shared/SPEC.md [B17]). The people who hold the
 * family's work (consultant, social workers, child practitioners) keep the plan: they add and
 * edit hypotheses, plan conversations, and accept or decline suggestions. Everyone else who may
 * write (typically the clinician, also the coordinator) contributes without overwriting anyone:
 * suggestions, evidence and notes of their own. Read-only members see everything and change
 * nothing (the server drops their writes whatever the view offers).
 */
export interface BoardAbilities {
  /** Suggest hypotheses and questions, add evidence and notes. */
  contribute: boolean;
  /** Add and edit hypotheses and plans directly, decide suggestions, change status and order. */
  plan: boolean;
}

export const PLANNING_ROLES: ReadonlySet<Role> = new Set<Role>([
  'consultant_social_worker',
  'social_worker',
  'child_practitioner',
]);

export function boardAbilities(role: Role, readOnly: boolean): BoardAbilities {
  if (readOnly || isReadOnlyRole(role)) return { contribute: false, plan: false };
  return { contribute: true, plan: PLANNING_ROLES.has(role) };
}
