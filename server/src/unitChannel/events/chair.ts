import { chairOf } from '../../access/documentAccess.js';
import type { ConnectionContext } from './context.js';

/** Refuses unless the user chairs this meeting and it is still open (the access policy decides). */
export async function requireChair(
  { db, user }: ConnectionContext,
  meetingId: string,
): Promise<void> {
  const chair = await chairOf(db, user.id, meetingId);
  if (!chair) throw new Error('only the chair can do this');
  if (chair.closed) throw new Error('this meeting is closed');
}
