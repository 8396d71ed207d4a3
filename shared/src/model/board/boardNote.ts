import { z } from 'zod';
import type { BoardNoteId } from '../../ids.js';
import { authorSchema } from './suggestion.js';

/** Free notes on the board: dilemmas, family scripts and beliefs, and the unit's own position. */
export const BOARD_NOTE_KINDS = ['dilemma', 'script', 'position'] as const;
export const boardNoteKindSchema = z.enum(BOARD_NOTE_KINDS);
export type BoardNoteKind = z.infer<typeof boardNoteKindSchema>;

export const boardNoteSchema = z.object({
  id: z.string(),
  kind: boardNoteKindSchema,
  text: z.string().max(5000),
  addedBy: authorSchema,
});
export type BoardNote = Omit<z.infer<typeof boardNoteSchema>, 'id'> & { id: BoardNoteId };
