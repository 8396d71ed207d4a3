import { API_ERROR_CODES } from '@unitroom/shared';
import { DomainError, type DomainErrorKind } from '../domain/errors.js';

export type AdminErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** What kind of refusal each administration code is; anything not named is invalid input. */
const KIND: Partial<Record<AdminErrorCode, DomainErrorKind>> = {
  [API_ERROR_CODES.NOT_ADMINISTRATOR]: 'forbidden',
  [API_ERROR_CODES.NOT_FOUND]: 'not_found',
  [API_ERROR_CODES.EMAIL_TAKEN]: 'conflict',
  [API_ERROR_CODES.UNIT_ARCHIVED]: 'conflict',
  [API_ERROR_CODES.LAST_CONSULTANT]: 'conflict',
  [API_ERROR_CODES.PERSON_DEACTIVATED]: 'conflict',
  [API_ERROR_CODES.CONFLICT]: 'conflict',
  [API_ERROR_CODES.LINK_INVALID]: 'not_found',
  [API_ERROR_CODES.LINK_USED]: 'gone',
  [API_ERROR_CODES.LINK_EXPIRED]: 'gone',
  [API_ERROR_CODES.WRONG_PASSWORD]: 'forbidden',
};

/**
 * A refusal of the administration or of an account change, for a reason the person can act on.
 * Raised by the services; the HTTP layer maps its kind to a status once (http/errors.ts).
 */
export class AdminError extends DomainError {
  declare readonly code: AdminErrorCode;

  constructor(code: AdminErrorCode, message: string) {
    super(KIND[code] ?? 'invalid', code, message);
    this.name = 'AdminError';
  }
}
