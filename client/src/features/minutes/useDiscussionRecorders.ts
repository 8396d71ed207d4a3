import {
  discussionMinutesFragment,
  randomId,
  type AwarenessUser,
  type TransactionOrigin,
} from '@unitroom/shared';
import { discussionCommands } from '@unitroom/shared/minutes';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { PresentUser } from '../presence';

/** How often a laptop moves the end of its time span forward while the family is discussed. */
export const TIME_HEARTBEAT_MS = 15_000;

interface Recorders {
  doc: Y.Doc;
  origin: TransactionOrigin;
  user: AwarenessUser;
  present: readonly PresentUser[];
  /** The chair has this family in focus: the unit is discussing it now. */
  inFocus: boolean;
  /** This member may write, and the discussion has synced with the server. */
  canWrite: boolean;
  /** The discussion is finalised: its document is frozen and refuses every write ([W6]). */
  frozen: boolean;
}

/**
 * What the minutes record by themselves ([D7], [D11], [D12]): who took part (everyone in the
 * meeting while the chair has this family in focus; otherwise whoever has it open), how long the
 * family was discussed, and who wrote in the minutes. Every laptop that may write records; the
 * commands are idempotent and time spans from several laptops count once.
 */
export function useDiscussionRecorders({
  doc,
  origin,
  user,
  present,
  inFocus,
  canWrite,
  frozen,
}: Recorders) {
  // Set before the effects below are cleaned up in the same commit (layout effects run first), so
  // a recorder stopping because the record froze writes nothing more.
  const frozenNow = useRef(frozen);
  useLayoutEffect(() => {
    frozenNow.current = frozen;
  }, [frozen]);

  useEffect(() => {
    if (!canWrite) return;
    const members = inFocus ? present : present.filter((person) => person.isSelf);
    discussionCommands(doc, origin).recordPresence(
      members.map((person) => ({ id: person.id, name: person.name, role: person.role })),
    );
  }, [doc, origin, present, inFocus, canWrite]);

  useEffect(() => {
    if (!canWrite || !inFocus) return;
    const commands = discussionCommands(doc, origin);
    const spanId = randomId();
    const startMs = Date.now();
    commands.recordTimeSpan(spanId, startMs, startMs);
    const timer = setInterval(
      () => commands.recordTimeSpan(spanId, startMs, Date.now()),
      TIME_HEARTBEAT_MS,
    );
    return () => {
      clearInterval(timer);
      // The last heartbeat stands: the document no longer takes the span's end.
      if (!frozenNow.current) commands.recordTimeSpan(spanId, startMs, Date.now());
    };
  }, [doc, origin, inFocus, canWrite]);

  useEffect(() => {
    if (!canWrite) return;
    const fragment: unknown = discussionMinutesFragment(doc);
    let noted = false;
    const onTransaction = (transaction: Y.Transaction) => {
      if (
        noted ||
        !transaction.local ||
        ![...transaction.changedParentTypes.keys()].some((type) => type === fragment)
      )
        return;
      noted = true;
      // Not inside another transaction's clean-up.
      queueMicrotask(() =>
        discussionCommands(doc, origin).noteContributor({
          id: user.id,
          name: user.name,
          role: user.role,
        }),
      );
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc, origin, user, canWrite]);
}
