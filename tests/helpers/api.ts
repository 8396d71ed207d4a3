import { originOf } from './session.js';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A JSON request to the real REST API as a browser page of the server's origin would send it. */
export async function api<T = unknown>(
  baseUrl: string,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { cookie, origin: originOf(baseUrl) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
