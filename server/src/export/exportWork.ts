import type { ExportFormat } from '@unitroom/shared';
import { parseRecord, type DiscussionRecord, type StoredContent } from '../finalisation/record.js';
import { caseNoteDocument, formatDate, minutesDocument, type ExportSource } from './content.js';
import type { ExportDocument } from './exportDocument.js';
import { drawGenogram, renderGenogramImage, type GenogramImage } from './genogramImage.js';
import { renderDocx } from './renderDocx.js';
import { renderPdf } from './renderPdf.js';
import { renderText } from './renderText.js';
import { safeDocument } from './safeDocument.js';

/**
 * What the export worker (exportWorker.ts) does: from stored records (their canonical JSON, as
 * the database holds it), the document, the genogram picture and the file, off the event loop.
 */

export type ExportJob =
  | {
      what: 'meeting-minutes';
      sources: StoredContent[];
      /** Families on the agenda whose discussion is not finalised. */
      notFinalised: string[];
      format: ExportFormat;
    }
  | { what: 'discussion-minutes'; source: StoredContent; format: ExportFormat }
  | { what: 'case-note'; source: StoredContent; childId: string; format: ExportFormat };

export type ExportResult =
  { ok: true; body: Uint8Array; baseName: string } | { ok: false; code: 'no-child' };

/** Pictures of recently exported records, by content hash: a record never changes. */
const GENOGRAM_CACHE_ENTRIES = 64;
const genograms = new Map<string, Promise<GenogramImage | null>>();

/**
 * The record's genogram: its drawing, and the PNG of it for Word (`png`; only the DOCX needs it,
 * and rendering it is most of the cost).
 */
function genogramOf(
  record: DiscussionRecord,
  contentHash: string,
  png = true,
): Promise<GenogramImage | null> {
  const options = {
    title: `${record.family.name}, ${formatDate(record.meeting.date)}`,
    year: Number(record.meeting.date.slice(0, 4)),
  };
  const cached = genograms.get(contentHash);
  if (cached) return cached;
  if (!png) {
    const drawing = drawGenogram(record.genogram, options);
    return Promise.resolve(
      drawing && {
        drawing,
        png: Buffer.alloc(0),
        width: drawing.box.width,
        height: drawing.box.height,
      },
    );
  }
  const image = renderGenogramImage(record.genogram, options);
  genograms.set(contentHash, image);
  // A failed render is not kept: the next export tries again.
  image.catch(() => genograms.delete(contentHash));
  if (genograms.size > GENOGRAM_CACHE_ENTRIES) {
    const oldest = genograms.keys().next().value;
    if (oldest !== undefined) genograms.delete(oldest);
  }
  return image;
}

async function sourceOf(stored: StoredContent, format: ExportFormat): Promise<ExportSource> {
  const record = parseRecord(stored.content);
  return {
    record,
    contentHash: stored.contentHash,
    addenda: stored.addenda,
    // Only Word needs the picture as pixels.
    genogram: await genogramOf(record, stored.contentHash, format === 'docx'),
  };
}

/** Draws a record's genogram now, so that its first export does not wait for it. */
export async function warmGenogram(stored: Pick<StoredContent, 'content' | 'contentHash'>) {
  await genogramOf(parseRecord(stored.content), stored.contentHash);
}

export async function runExport(job: ExportJob): Promise<ExportResult> {
  switch (job.what) {
    case 'meeting-minutes': {
      const sources = await Promise.all(job.sources.map((source) => sourceOf(source, job.format)));
      const first = sources[0];
      if (!first) throw new Error('no finalised discussion to export');
      const meeting = first.record.meeting;
      const document = minutesDocument(
        { title: meeting.title, date: meeting.date, unitName: first.record.unit.name },
        sources,
        job.notFinalised,
      );
      return rendered(document, job.format, `minutes-${meeting.date}`);
    }
    case 'discussion-minutes': {
      const source = await sourceOf(job.source, job.format);
      const { meeting, unit, family } = source.record;
      const document = minutesDocument(
        { title: meeting.title, date: meeting.date, unitName: unit.name },
        [source],
        [],
      );
      return rendered(document, job.format, `minutes-${meeting.date}-${family.name}`);
    }
    case 'case-note': {
      const source = await sourceOf(job.source, job.format);
      const child = source.record.children.find((candidate) => candidate.id === job.childId);
      if (!child) return { ok: false, code: 'no-child' };
      return rendered(
        caseNoteDocument(source, job.childId),
        job.format,
        `case-note-${source.record.meeting.date}-${child.name}`,
      );
    }
  }
}

async function rendered(
  document: ExportDocument,
  format: ExportFormat,
  baseName: string,
): Promise<ExportResult> {
  return { ok: true, body: await renderFile(document, format), baseName };
}

/** The document as a file of `format`, with nothing in it the format cannot hold. */
export async function renderFile(document: ExportDocument, format: ExportFormat): Promise<Buffer> {
  const safe = safeDocument(document);
  return format === 'docx'
    ? renderDocx(safe)
    : format === 'pdf'
      ? renderPdf(safe)
      : Buffer.from(renderText(safe), 'utf8');
}
