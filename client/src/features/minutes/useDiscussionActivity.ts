import { GENOGRAM_ROOTS, type RecordedActivity } from '@unitroom/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { fetchDiscussionActivity } from '../../api/finalisation';

/** How long the family document stays quiet before the panel asks the server again. */
const REFRESH_AFTER_QUIET_MS = 3000;
const NOTHING: RecordedActivity = { genogramUsed: false, boardContributors: [] };
const GENOGRAM_ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(GENOGRAM_ROOTS));

/**
 * What the prompts need beyond the documents (shared/SPEC.md [C2], [C6]): whether the genogram was
 * changed while the family was in focus, and who changed the board. The server records both; the
 * panel reads them when it opens and again once the family document settles after a change.
 * A genogram change seen here while the family is in focus counts at once, before the server is
 * asked again.
 */
export function useDiscussionActivity(
  meetingId: string,
  familyId: string,
  familyDoc: Y.Doc | null,
  inFocus: boolean,
): RecordedActivity {
  const [recorded, setRecorded] = useState<RecordedActivity>(NOTHING);
  const [seenHere, setSeenHere] = useState(false);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () =>
      fetchDiscussionActivity(meetingId, familyId).then(
        (read) => current && setRecorded(read),
        // Prompts still work from the documents alone; the next change asks again.
        () => undefined,
      );
    void refresh();
    const onTransaction = (transaction: Y.Transaction) => {
      if (!inFocus || transaction.changed.size === 0) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), REFRESH_AFTER_QUIET_MS);
      for (const type of transaction.changed.keys()) {
        let root = type;
        while (root._item !== null) root = root._item.parent as typeof type;
        for (const [name, shared] of familyDoc?.share ?? [])
          if (shared === root && GENOGRAM_ROOT_NAMES.has(name)) setSeenHere(true);
      }
    };
    familyDoc?.on('afterTransaction', onTransaction);
    return () => {
      current = false;
      if (timer !== null) clearTimeout(timer);
      familyDoc?.off('afterTransaction', onTransaction);
    };
  }, [meetingId, familyId, familyDoc, inFocus]);

  return seenHere && !recorded.genogramUsed ? { ...recorded, genogramUsed: true } : recorded;
}
