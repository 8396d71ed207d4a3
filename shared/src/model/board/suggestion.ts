import { z } from 'zod';

/**
 * Where a hypothesis or question stands as a suggestion (shared/SPEC.md [B7]-[B9]). Anyone may
 * suggest one (typically the clinician during a meeting); it is its own entity with its author, and
 * the worker accepts it into the plan or declines it. Accepting or declining changes this state
 * only, never the text, so nothing a suggestion does overwrites anyone else's words. Entities added
 * directly (not suggested) start `accepted`.
 */
export const SUGGESTION_STATES = ['suggested', 'accepted', 'declined'] as const;
export const suggestionStateSchema = z.enum(SUGGESTION_STATES);
export type SuggestionState = z.infer<typeof suggestionStateSchema>;

/** A user id or a name: who wrote or suggested something. */
export const authorSchema = z.string().min(1).max(200);
