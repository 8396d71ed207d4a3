import type { API_ERROR_CODES } from '@unitroom/shared';

export type AdminErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/**
 * A refusal of the administration or of an account change, for a reason the person can act on.
 * Raised by the services; the HTTP layer (http/adminRoutes.ts) maps each code to a status once.
 */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
