import { parse } from 'cookie';
import { SESSION_COOKIE } from '@unitroom/shared';

export function sessionTokenFrom(cookieHeader: string | string[] | undefined): string | undefined {
  if (typeof cookieHeader !== 'string') return undefined;
  return parse(cookieHeader)[SESSION_COOKIE];
}
