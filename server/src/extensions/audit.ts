import { CLOSE_CODES, closeCodeName } from '@unitroom/shared';
import type { Extension } from '../collab/types.js';
import type { AuditLog } from '../audit/auditLog.js';

/** Closes that say nothing about the client: the server's own troubles and shutdown. */
const ROUTINE_CLOSES: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.LOAD_FAILED,
  CLOSE_CODES.STORE_FAILED,
  CLOSE_CODES.SERVER_SHUTTING_DOWN,
]);

export function auditExtension(audit: AuditLog): Extension {
  return {
    async onConnect({ request, context }) {
      await audit.record({
        action: 'document.opened',
        actorUserId: context.user.id,
        target: request.docName,
        detail: { role: context.role, readOnly: context.readOnly },
        ip: request.remoteAddress,
      });
    },
    async onDisconnect({ request, connection, code, reason }) {
      if (code === null || ROUTINE_CLOSES.has(code)) return;
      await audit.record({
        action: 'connection.closed',
        actorUserId: connection.context.user.id,
        target: request.docName,
        detail: { code, codeName: closeCodeName(code) ?? 'unknown', reason, channel: 'collab' },
        ip: request.remoteAddress,
      });
    },
    async onRefuse({ request, code, reason }) {
      // Nobody is named on a refusal: aggregated, so a flood of them cannot grow the table ([I6]).
      await audit.recordRefusal({
        reason: closeCodeName(code) ?? String(code),
        action: 'access.refused',
        target: request.docName,
        detail: { code, codeName: closeCodeName(code) ?? 'unknown', reason, channel: 'collab' },
        ip: request.remoteAddress,
      });
    },
  };
}
