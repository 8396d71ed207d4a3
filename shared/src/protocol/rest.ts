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
  /** Someone else saved first: reload and apply the change again. */
  CONFLICT: 'conflict',
  ORIGIN_NOT_ALLOWED: 'origin_not_allowed',
  INTERNAL: 'internal',
} as const;

/** Name of the session cookie. HttpOnly and SameSite=Strict; never readable by scripts. */
export const SESSION_COOKIE = 'unitroom_session';
