import { apiErrorSchema } from '@unitroom/shared';

/** The server answered with an error status; `code` is one of `API_ERROR_CODES` when it could. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The request never got an answer: offline, DNS, a proxy dropping the connection. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Same-origin JSON request; resolves only for 2xx, so callers handle one shape of failure. */
export async function request(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiRequestError> {
  // A proxy or a crashed server may answer with HTML or nothing; keep the status either way.
  const parsed = apiErrorSchema.safeParse(await response.json().catch(() => null));
  return parsed.success
    ? new ApiRequestError(response.status, parsed.data.error.code, parsed.data.error.message)
    : new ApiRequestError(response.status, 'unknown', response.statusText);
}
