import type { Person } from '../../model/genogram/person.js';

/**
 * A command refused because it would break a genogram rule (shared/SPEC.md). The message is
 * written for the person at the keyboard; `rule` is the SPEC id, for tests and logs.
 */
export class GenogramRuleError extends Error {
  override readonly name = 'GenogramRuleError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

type Named = Pick<Person, 'name' | 'gender'> | undefined;

/** How a message names someone: their name, or a neutral label when none is recorded yet. */
export const displayName = (person: Named): string => person?.name.trim() || 'This person';

/** "her own", "his own", "their own": the genogram's gender field is the only thing we know. */
export function possessive(person: Named): string {
  if (person?.gender === 'female') return 'her';
  if (person?.gender === 'male') return 'his';
  return 'their';
}

export function reflexive(person: Named): string {
  if (person?.gender === 'female') return 'herself';
  if (person?.gender === 'male') return 'himself';
  return 'themself';
}
