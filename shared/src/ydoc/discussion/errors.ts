/**
 * A discussion command refused because it would break a rule of shared/SPEC.md (Minutes). The
 * message is written for the person at the keyboard; `rule` is the SPEC id, for tests and logs.
 */
export class DiscussionRuleError extends Error {
  override readonly name = 'DiscussionRuleError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
