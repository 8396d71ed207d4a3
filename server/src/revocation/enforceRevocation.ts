import type { Kysely } from 'kysely';
import { CLOSE_CODES, parseDocName } from '@unitroom/shared';
import type { Database } from '../db/schema.js';
import type { OpenConnections } from '../extensions/openConnections.js';
import type { UnitChannel } from '../unitChannel/unitChannel.js';
import { documentAccessFor } from '../access/documentAccess.js';
import type { Revocation } from './revocations.js';

/**
 * Closes, in this process, the open sockets a revocation covers: collaboration sockets with a
 * named close code (the stock client does not retry 44xx) and unit-channel sockets by a server
 * disconnect (socket.io does not reconnect those).
 */
export async function enforceRevocation(
  revocation: Revocation,
  live: { db: Kysely<Database>; openConnections: OpenConnections; unitChannel: UnitChannel },
): Promise<void> {
  const { db, openConnections, unitChannel } = live;
  switch (revocation.kind) {
    case 'member': {
      const { unitId, userId } = revocation;
      openConnections.closeForUser(userId, unitId, CLOSE_CODES.ACCESS_REVOKED, 'removed from unit');
      await unitChannel.revokeMember(unitId, userId);
      return;
    }
    case 'guest': {
      const { unitId, meetingId, userId } = revocation;
      const checks = openConnections
        .connections(userId)
        .filter(({ context }) => context.role === 'guest' && context.unitId === unitId)
        .map(async (connection) => {
          // Still invited to another open meeting with this family on its agenda: stays open.
          const access = await documentAccessFor(
            db,
            connection.context.user.id,
            connection.docName,
          );
          if (!access) connection.close(CLOSE_CODES.ACCESS_REVOKED, 'guest access ended');
        });
      await Promise.all([...checks, unitChannel.revokeGuest(meetingId, userId)]);
      return;
    }
    case 'agenda': {
      const { meetingId, familyIds } = revocation;
      const affected = new Set(
        familyIds.flatMap((familyId) => [
          `family:${familyId}`,
          `discussion:${meetingId}:${familyId}`,
        ]),
      );
      const checks = openConnections
        .connections(null)
        .filter((connection) => affected.has(connection.docName))
        .map(async (connection) => {
          // Members keep their families; a guest keeps one still on another meeting of theirs.
          const access = await documentAccessFor(
            db,
            connection.context.user.id,
            connection.docName,
          );
          if (!access) connection.close(CLOSE_CODES.ACCESS_REVOKED, 'no longer on the agenda');
        });
      await Promise.all(checks);
      return;
    }
    case 'family': {
      const { familyId } = revocation;
      const checks = openConnections
        .connections(null)
        .filter((connection) => {
          const parsed = parseDocName(connection.docName);
          if (!parsed) return false;
          return parsed.kind === 'family'
            ? parsed.id === familyId
            : parsed.kind === 'discussion' && parsed.familyId === familyId;
        })
        .map(async (connection) => {
          const access = await documentAccessFor(
            db,
            connection.context.user.id,
            connection.docName,
          );
          if (!access || access.unitId !== connection.context.unitId) {
            connection.close(CLOSE_CODES.ACCESS_REVOKED, 'the family moved to another unit');
          } else if (access.readOnly && !connection.context.readOnly) {
            connection.close(CLOSE_CODES.FAMILY_CLOSED, 'the family is closed: read only');
          }
        });
      await Promise.all(checks);
      return;
    }
    case 'session': {
      const { userId, sessionId } = revocation;
      for (const connection of openConnections.connections(userId)) {
        if (connection.context.sessionId === sessionId)
          connection.close(CLOSE_CODES.UNAUTHENTICATED, 'signed out');
      }
      await unitChannel.endSession(sessionId);
      return;
    }
  }
}
