import { API_ERROR_CODES } from '@unitroom/shared';
import { ApiRequestError, NetworkError } from '../../api/http';

export type Field = 'email' | 'password';

export interface FieldError {
  /** The field the message links to in the error summary. */
  field: Field;
  message: string;
  /** Also shown by the field; not for failures that are about both fields, like wrong details. */
  inline: boolean;
}

const FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.gov.uk';

/** Checks worth doing before a round trip; the server validates again. */
export function validate(email: string, password: string): FieldError[] {
  const errors: FieldError[] = [];
  if (email.trim() === '') {
    errors.push({ field: 'email', message: 'Enter your email address', inline: true });
  } else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
    errors.push({ field: 'email', message: FORMAT_MESSAGE, inline: true });
  }
  if (password === '') {
    errors.push({ field: 'password', message: 'Enter your password', inline: true });
  }
  return errors;
}

/** A sentence for each way sign-in fails, written for the person at the keyboard. */
export function signInFailure(error: unknown): FieldError {
  const summaryOnly = (message: string): FieldError => ({ field: 'email', message, inline: false });
  if (error instanceof NetworkError) {
    return summaryOnly(
      'Unitroom could not be reached. Check your internet connection and try again.',
    );
  }
  if (error instanceof ApiRequestError) {
    switch (error.code) {
      case API_ERROR_CODES.INVALID_CREDENTIALS:
        return summaryOnly('The email address or password is not right. Check them and try again.');
      case API_ERROR_CODES.TOO_MANY_ATTEMPTS:
        // The server says how long: the delay grows with each wrong password.
        return summaryOnly(
          `There have been too many attempts to sign in. ${error.message.replace(/^Too many attempts\. /, '')}`,
        );
      case API_ERROR_CODES.BAD_REQUEST:
        return { field: 'email', message: FORMAT_MESSAGE, inline: true };
    }
  }
  return summaryOnly('Sorry, something went wrong on our side. Try again in a few minutes.');
}
