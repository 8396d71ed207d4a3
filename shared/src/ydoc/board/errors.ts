/**
 * A board command refused because it would break a rule of shared/SPEC.md (Hypotheses board). The
 * message is written for the person at the keyboard; `rule` is the SPEC id, for tests and logs.
 */
export class BoardRuleError extends Error {
  override readonly name = 'BoardRuleError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
