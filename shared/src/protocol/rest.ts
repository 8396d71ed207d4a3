import { z } from 'zod';

/** `POST /api/session` */
export const signInRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** Every error body from the REST API: a stable code for programs, a sentence for people. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const API_ERROR_CODES = {
  BAD_REQUEST: 'bad_request',
  INVALID_CREDENTIALS: 'invalid_credentials',
  TOO_MANY_ATTEMPTS: 'too_many_attempts',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  /**
   * The thing is not in a state that allows this: someone else saved first (reload and apply the
   * change again), or the minutes are already finalised.
   */
  CONFLICT: 'conflict',
  /** Exports are of finalised minutes only. */
  NOT_FINALISED: 'not_finalised',
  ORIGIN_NOT_ALLOWED: 'origin_not_allowed',
  INTERNAL: 'internal',
  // Administration (shared/SPEC.md [A1]-[A9]): each refusal names what was wrong.
  /** Only a deployment administrator may do this. */
  NOT_ADMINISTRATOR: 'not_administrator',
  /** Another person already has this e-mail address. */
  EMAIL_TAKEN: 'email_taken',
  /** Not an e-mail address. */
  EMAIL_INVALID: 'email_invalid',
  /** A name is empty. */
  NAME_MISSING: 'name_missing',
  /** A name is longer than `NAME_MAX_LENGTH`. */
  NAME_TOO_LONG: 'name_too_long',
  /** No such role for a unit member. */
  UNKNOWN_ROLE: 'unknown_role',
  /** The unit is archived: it takes no new members and no changes. */
  UNIT_ARCHIVED: 'unit_archived',
  /** The unit would be left without a consultant social worker: name who takes over. */
  LAST_CONSULTANT: 'last_consultant',
  /** The person is deactivated: reactivate them first. */
  PERSON_DEACTIVATED: 'person_deactivated',
  /** A set-up or reset link that was never issued, or was replaced by a newer one. */
  LINK_INVALID: 'link_invalid',
  /** A set-up or reset link already used once. */
  LINK_USED: 'link_used',
  /** A set-up or reset link past its expiry. */
  LINK_EXPIRED: 'link_expired',
  /** The new password is too short or too long. */
  PASSWORD_INVALID: 'password_invalid',
  /** The current password given to change it is not right. */
  WRONG_PASSWORD: 'wrong_password',
  /** Families and children (shared/SPEC.md [F11]): each refusal changes nothing. */
  FAMILY_NAME_INVALID: 'family_name_invalid',
  CHILD_INVALID: 'child_invalid',
  BIRTH_DATE_IN_FUTURE: 'birth_date_in_future',
  CASE_RECORD_ID_TAKEN: 'case_record_id_taken',
  LEAD_WORKER_NOT_MEMBER: 'lead_worker_not_member',
  /** A transfer while a meeting with the family on its agenda is live ([F7]). */
  FAMILY_IN_LIVE_MEETING: 'family_in_live_meeting',
  /** A closed family is read-only: reopen it first ([F8]). */
  FAMILY_CLOSED: 'family_closed',
  FAMILY_ALREADY_OPEN: 'family_already_open',
} as const;

/** Name of the session cookie. HttpOnly and SameSite=Strict; never readable by scripts. */
export const SESSION_COOKIE = 'unitroom_session';

/**
 * `GET /api/units/:unitId/settings` answers, and `PUT` (the unit's chair only) takes, the unit's
 * settings. `criteriaPromptsEnabled`: the systemic-discussion prompts beside the minutes; a unit
 * may switch them off (docs/domain.md, "The eight features and the rating").
 */
export const unitSettingsSchema = z.object({
  criteriaPromptsEnabled: z.boolean(),
});
export type UnitSettings = z.infer<typeof unitSettingsSchema>;
