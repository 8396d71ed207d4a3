/** Exact match against the allowlist: no prefixes, no wildcards, no "null" origin. */
export function isOriginAllowed(
  origin: string | undefined | string[],
  allowed: ReadonlySet<string>,
): boolean {
  return typeof origin === 'string' && allowed.has(origin);
}
