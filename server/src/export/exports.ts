import { API_ERROR_CODES, type ExportFormat } from '@unitroom/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { Actor, Finalisation } from '../finalisation/finalisation.js';
import { HttpError } from '../http/errors.js';
import type { DiscussionRecord } from '../finalisation/record.js';
import { caseNoteDocument, formatDate, minutesDocument, type ExportSource } from './content.js';
import type { ExportDocument } from './exportDocument.js';
import { renderGenogramImage, type GenogramImage } from './genogramImage.js';
import { renderDocx } from './renderDocx.js';
import { renderPdf } from './renderPdf.js';
import { renderText } from './renderText.js';

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
 * document), so every download of a record says the same thing. Every export is audited.
 */
export class Exports {
  constructor(
    private readonly options: {
      finalisation: Finalisation;
      audit: AuditLog;
    },
  ) {}

  private readonly genograms = new GenogramCache();

  /** Starts drawing a record's genogram now, so its first export does not wait for it. */
  warm(stored: { record: DiscussionRecord; contentHash: string }): void {
    void this.genograms.get(stored.record, stored.contentHash).catch(() => undefined);
  }

  private async withGenogram(stored: Omit<ExportSource, 'genogram'>): Promise<ExportSource> {
    return { ...stored, genogram: await this.genograms.get(stored.record, stored.contentHash) };
  }

  /** The whole minutes of a meeting: every finalised discussion on its agenda. */
  async meetingMinutes(actor: Actor, meetingId: string, format: ExportFormat): Promise<ExportFile> {
    const { finalisation } = this.options;
    const { discussions } = await finalisation.meetingDiscussions(actor, meetingId);
    const sources: ExportSource[] = [];
    const notFinalised: string[] = [];
    for (const discussion of discussions) {
      const stored =
        discussion.state === 'approved'
          ? await finalisation.storedRecord(meetingId, discussion.familyId)
          : null;
      if (stored) sources.push(await this.withGenogram(stored));
      else notFinalised.push(discussion.familyName);
    }
    const first = sources[0];
    if (!first) throw notFinalisedError('No discussion of this meeting is finalised yet.');
    const meeting = first.record.meeting;
    const document = minutesDocument(
      { title: meeting.title, date: meeting.date, unitName: first.record.unit.name },
      sources,
      notFinalised,
    );
    const file = await render(document, format, `minutes-${meeting.date}`);
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
    const meeting = source.record.meeting;
    const document = minutesDocument(
      { title: meeting.title, date: meeting.date, unitName: source.record.unit.name },
      [source],
      [],
    );
    const file = await render(
      document,
      format,
      `minutes-${meeting.date}-${source.record.family.name}`,
    );
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
    const child = source.record.children.find((candidate) => candidate.id === childId);
    if (!child)
      throw new HttpError(404, API_ERROR_CODES.NOT_FOUND, 'No such child in this family.');
    const file = await render(
      caseNoteDocument(source, childId),
      format,
      `case-note-${source.record.meeting.date}-${child.name}`,
    );
    await this.audit(actor, `discussion:${meetingId}:${familyId}`, {
      kind: 'case-note',
      childId,
      format,
    });
    return file;
  }

  private async source(actor: Actor, meetingId: string, familyId: string): Promise<ExportSource> {
    const stored = await this.options.finalisation.finalisedRecord(actor, meetingId, familyId);
    if (!stored) throw notFinalisedError('These minutes are not finalised yet.');
    return this.withGenogram(stored);
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

/** Pictures of recently exported records, by content hash: a record never changes. */
const GENOGRAM_CACHE_ENTRIES = 64;

class GenogramCache {
  private readonly images = new Map<string, Promise<GenogramImage | null>>();

  get(record: DiscussionRecord, contentHash: string): Promise<GenogramImage | null> {
    const cached = this.images.get(contentHash);
    if (cached) return cached;
    const image = renderGenogramImage(record.genogram, {
      title: `${record.family.name}, ${formatDate(record.meeting.date)}`,
      year: Number(record.meeting.date.slice(0, 4)),
    });
    this.images.set(contentHash, image);
    // A failed render is not kept: the next export tries again.
    image.catch(() => this.images.delete(contentHash));
    if (this.images.size > GENOGRAM_CACHE_ENTRIES) {
      const oldest = this.images.keys().next().value;
      if (oldest !== undefined) this.images.delete(oldest);
    }
    return image;
  }
}

export async function render(
  document: ExportDocument,
  format: ExportFormat,
  baseName: string,
): Promise<ExportFile> {
  const body =
    format === 'docx'
      ? await renderDocx(document)
      : format === 'pdf'
        ? await renderPdf(document)
        : Buffer.from(renderText(document), 'utf8');
  return {
    fileName: `${safeFileName(baseName)}.${format}`,
    contentType: CONTENT_TYPES[format],
    body,
  };
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

function notFinalisedError(message: string): HttpError {
  return new HttpError(409, API_ERROR_CODES.NOT_FINALISED, message);
}
