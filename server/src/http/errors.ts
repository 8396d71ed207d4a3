import type { ErrorRequestHandler, Response } from 'express';
import { API_ERROR_CODES, type ApiError } from '@unitroom/shared';
import { DomainError, type DomainErrorKind } from '../domain/errors.js';

/** An error the HTTP layer itself raises while reading a request (never a service). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one place a service's refusal becomes an HTTP status. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
};

export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(status).json(body);
}

/** Answers a service's refusal with its status, its stable code and its sentence for people. */
export function sendDomainError(res: Response, error: DomainError): void {
  sendError(res, STATUS_OF_KIND[error.kind], error.code, error.message);
}

export function errorHandler(log: (message: string, error?: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof DomainError) {
      sendDomainError(res, error);
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message);
      return;
    }
    // body-parser's own errors (malformed JSON, too large) carry a status and are the client's.
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    if (status >= 400 && status < 500) {
      sendError(res, status, API_ERROR_CODES.BAD_REQUEST, 'The request could not be read.');
      return;
    }
    log('unhandled error in request', error);
    sendError(
      res,
      500,
      API_ERROR_CODES.INTERNAL,
      'Something went wrong on our side. Nothing you sent was lost.',
    );
  };
}
