import type { BoardNoteId } from '../../../ids.js';
import {
  boardNoteSchema,
  type BoardNote,
  type BoardNoteKind,
} from '../../../model/board/boardNote.js';
import { given, insertEntity, writeChanged } from '../../family/commands/context.js';
import { BoardRuleError } from '../errors.js';
import { checkShape, type BoardContext } from './context.js';

export type BoardNotePatch = Partial<Pick<BoardNote, 'kind' | 'text'>>;

/** Dilemmas, family scripts and beliefs, and our own position: free notes on the board. */
export function notesCommands(ctx: BoardContext) {
  const target = (id: BoardNoteId) => {
    const note = ctx.read().note(id);
    const entry = ctx.entity('notes', id);
    if (!entry) throw new BoardRuleError('B6', 'That note is no longer on the board');
    return { note, entry };
  };

  return {
    addNote(kind: BoardNoteKind, text: string, addedBy: string): BoardNoteId {
      const id = ctx.freshId('notes') as BoardNoteId;
      const { id: _id, ...fields } = checkShape(
        boardNoteSchema,
        { kind, text, addedBy, id },
        'note',
      );
      ctx.transact(() => insertEntity(ctx.root('notes'), id, fields));
      return id;
    },

    updateNote(id: BoardNoteId, patch: BoardNotePatch): void {
      const { note, entry } = target(id);
      const changes = given(patch);
      checkShape(boardNoteSchema, { ...note, ...changes }, 'note');
      ctx.transact(() => writeChanged(entry, changes));
    },

    deleteNote(id: BoardNoteId): void {
      target(id);
      ctx.transact(() => ctx.root('notes').delete(id));
    },
  };
}
