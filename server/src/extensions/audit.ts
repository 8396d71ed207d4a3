import { closeCodeName } from '@unitroom/shared';
import type { Extension } from '../collab/types.js';
import type { AuditLog } from '../audit/auditLog.js';

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
    async onRefuse({ request, code, reason }) {
      await audit.record({
        action: 'access.refused',
        target: request.docName,
        detail: { code, codeName: closeCodeName(code) ?? 'unknown', reason, channel: 'collab' },
        ip: request.remoteAddress,
      });
    },
  };
}
