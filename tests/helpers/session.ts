import { DEMO_PASSWORD } from '@unitroom/server';
import { SESSION_COOKIE } from '@unitroom/shared';

/** Signs in through the real REST API and returns the `Cookie` header value to send. */
export async function signIn(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(baseUrl) },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 204)
    throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error('no session cookie set');
  return setCookie.split(';')[0] ?? '';
}

export const originOf = (baseUrl: string): string => new URL(baseUrl).origin;
