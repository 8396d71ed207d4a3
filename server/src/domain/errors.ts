/**
 * What kind of refusal a service raised, in the domain's terms. The HTTP layer maps each kind to a
 * status once (http/errors.ts); sockets and the command line read the code and message as they are.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'gone';

/**
 * A refusal for a reason the person can act on: a stable code from `API_ERROR_CODES` and a
 * sentence for people. Services raise it before they write anything, so a refusal changes nothing.
 * Services never raise HTTP errors; they do not know which transport asked.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
