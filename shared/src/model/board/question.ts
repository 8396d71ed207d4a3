import { z } from 'zod';
import type { ConversationId, PersonId, QuestionId } from '../../ids.js';
import { questionKindSchema } from '../../questions/kinds.js';
import { authorSchema, suggestionStateSchema } from './suggestion.js';

/**
 * A question for a planned conversation. One Y.Map per question; its place in the conversation is
 * the conversation's `questions` list, which holds accepted questions only ([B3], [B8]).
 */
export const questionSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  text: z.string().min(1).max(2000),
  kind: questionKindSchema,
  /** The family member it is addressed to; null for anyone, or once they leave the genogram. */
  addressedTo: z.string().nullable(),
  /** Who wrote it: for a suggestion, its author, which never changes ([B9]). */
  suggestedBy: authorSchema,
  state: suggestionStateSchema,
});
export type Question = Omit<
  z.infer<typeof questionSchema>,
  'id' | 'conversationId' | 'addressedTo'
> & {
  id: QuestionId;
  conversationId: ConversationId;
  addressedTo: PersonId | null;
};
