export * from './report.js';
export { checkDiscussion, createCriteriaCache, rate, type CheckInput } from './checkDiscussion.js';
export type { CheckCache } from './text.js';
export { processOnlyActions } from './processOnly.js';
export {
  WIDER_SYSTEM_TERMS,
  PATTERN_TERMS,
  REFLECTIVE_TERMS,
  PURPOSE_PATTERNS,
  FAMILY_VIEW_SUBJECTS,
  FAMILY_VIEW_VERBS,
} from './vocabulary.js';
