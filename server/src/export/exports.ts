import { API_ERROR_CODES, type ExportFormat } from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { Actor, Finalisation } from '../finalisation/finalisation.js';
import type { StoredContent } from '../finalisation/record.js';
import { DomainError } from '../domain/errors.js';
import type { ExportJob } from './exportWork.js';
import type { HeavyWork } from './heavyWork.js';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
};

/**
 * Exports of finalised discussions only, always from the stored immutable record (never the live
 * document), so every download of a record says the same thing. Every export is audited. The
 * documents are built and rendered in the heavy-work worker ([T4]): a large family's export
 * never holds the event loop of a meeting in progress.
 */
export class Exports {
  constructor(
    private readonly options: {
      finalisation: Finalisation;
      audit: AuditLog;
      heavy: HeavyWork;
    },
  ) {}

  /** Starts drawing a record's genogram now, so its first export does not wait for it. */
  warm(stored: StoredContent): void {
    this.options.heavy.warm(stored.content, stored.contentHash);
  }

  /** The whole minutes of a meeting: every finalised discussion on its agenda. */
  async meetingMinutes(actor: Actor, meetingId: string, format: ExportFormat): Promise<ExportFile> {
    const { finalisation } = this.options;
    const { discussions } = await finalisation.meetingDiscussions(actor, meetingId);
    const sources: StoredContent[] = [];
    const notFinalised: string[] = [];
    for (const discussion of discussions) {
      const stored =
        discussion.state === 'approved'
          ? await finalisation.storedContent(meetingId, discussion.familyId)
          : null;
      if (stored) sources.push(stored);
      else notFinalised.push(discussion.familyName);
    }
    if (sources.length === 0)
      throw notFinalisedError('No discussion of this meeting is finalised yet.');
    const file = await this.render({ what: 'meeting-minutes', sources, notFinalised, format });
    await this.audit(actor, `meeting:${meetingId}`, { kind: 'minutes', format });
    return file;
  }

  /** One family's finalised discussion as minutes. */
  async discussionMinutes(
    actor: Actor,
    meetingId: string,
    familyId: string,
    format: ExportFormat,
  ): Promise<ExportFile> {
    const source = await this.source(actor, meetingId, familyId);
    const file = await this.render({ what: 'discussion-minutes', source, format });
    await this.audit(actor, `discussion:${meetingId}:${familyId}`, { kind: 'minutes', format });
    return file;
  }

  /** One child's case note, ready for the child's file in the case recording system. */
  async caseNote(
    actor: Actor,
    meetingId: string,
    familyId: string,
    childId: string,
    format: ExportFormat,
  ): Promise<ExportFile> {
    const source = await this.source(actor, meetingId, familyId);
    const file = await this.render({ what: 'case-note', source, childId, format });
    await this.audit(actor, `discussion:${meetingId}:${familyId}`, {
      kind: 'case-note',
      childId,
      format,
    });
    return file;
  }

  private async render(job: ExportJob): Promise<ExportFile> {
    const result = await this.options.heavy.export(job);
    if (!result.ok)
      throw new DomainError(
        'not_found',
        API_ERROR_CODES.NOT_FOUND,
        'No such child in this family.',
      );
    return {
      fileName: `${safeFileName(result.baseName)}.${job.format}`,
      contentType: CONTENT_TYPES[job.format],
      body: Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength),
    };
  }

  private async source(actor: Actor, meetingId: string, familyId: string): Promise<StoredContent> {
    const stored = await this.options.finalisation.finalisedContent(actor, meetingId, familyId);
    if (!stored) throw notFinalisedError('These minutes are not finalised yet.');
    return stored;
  }

  private async audit(actor: Actor, target: string, detail: Record<string, unknown>) {
    await this.options.audit.record({
      action: 'export.downloaded',
      actorUserId: actor.id,
      target,
      detail,
      ip: actor.ip,
    });
  }
}

/** Lower-case ASCII letters, digits and dashes: safe in a header and on every file system. */
function safeFileName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 100) || 'export'
  );
}

function notFinalisedError(message: string): DomainError {
  return new DomainError('conflict', API_ERROR_CODES.NOT_FINALISED, message);
}
