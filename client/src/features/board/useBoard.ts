import { readBoard, type Board, type Genogram } from '@unitroom/shared';
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { useDocumentSnapshot } from '../../sync/useDocumentSnapshot';

/**
 * The board of a family document, read with the genogram the view already holds (so both are
 * read from the same moment and the board names only people drawn on the genogram), following
 * the document at the pace of frames like the genogram.
 */
export function useBoard(doc: Y.Doc, genogram: Genogram): Board {
  const read = useCallback((current: Y.Doc) => readBoard(current, genogram), [genogram]);
  return useDocumentSnapshot(doc, read, 'frame');
}
