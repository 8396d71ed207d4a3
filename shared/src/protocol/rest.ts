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
} as const;

/** Name of the session cookie. HttpOnly and SameSite=Strict; never readable by scripts. */
export const SESSION_COOKIE = 'unitroom_session';

/**
 * `GET /api/units/:unitId/settings` answers, and `PUT` (the unit's chair only) takes, the unit's
 * settings. `criteriaPromptsEnabled`: the systemic-discussion prompts beside the minutes; a unit
 * may switch them off (DOMAIN.md §3).
 */
export const unitSettingsSchema = z.object({
  criteriaPromptsEnabled: z.boolean(),
});
export type UnitSettings = z.infer<typeof unitSettingsSchema>;
