import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import type { HistoryStep, RestorePreview, RestoreTarget } from '@unitroom/shared';
import { buildRecord, type RecordInput } from '../finalisation/record.js';
import type { HistoryRecord } from '../history/attributionLog.js';
import {
  RestoreError,
  historySteps,
  previewRestore,
  type RestoreErrorCode,
} from '../history/restore.js';
import type * as ExportWork from './exportWork.js';
import type { ExportJob, ExportResult } from './exportWork.js';

/**
 * The renderers (pdfkit, docx, fonts) are loaded at the first export, not when the worker starts:
 * the worker also merges documents for compaction and replays histories, which must not wait for
 * them.
 */
let renderers: Promise<typeof ExportWork> | null = null;
const loadRenderers = () => (renderers ??= import('./exportWork.js'));

/**
 * The worker thread of `HeavyWork` (heavyWork.ts): building a finalised record from the two
 * documents and rendering exports, the work that grows with a family's size. Whatever it costs
 * here, the server's event loop goes on meanwhile. Jobs run as they come; answers carry their id.
 */

export type HeavyRequest = { id: number } & (
  | { kind: 'record'; input: RecordInput }
  | { kind: 'export'; job: ExportJob }
  | { kind: 'warm'; content: string; contentHash: string }
  | { kind: 'state'; entries: readonly Uint8Array[] }
  | { kind: 'history-steps'; records: readonly HistoryRecord[] }
  | {
      kind: 'restore-preview';
      docKind: 'family' | 'discussion';
      records: readonly HistoryRecord[];
      target: RestoreTarget;
      liveState: Uint8Array;
    }
);

export type HeavyAnswer = { id: number } & (
  | { ok: true; kind: 'record'; content: string; contentHash: string }
  | { ok: true; kind: 'export'; result: ExportResult }
  | { ok: true; kind: 'warm' }
  | { ok: true; kind: 'state'; state: Uint8Array }
  | { ok: true; kind: 'history-steps'; steps: HistoryStep[] }
  | {
      ok: true;
      kind: 'restore-preview';
      preview: RestorePreview | null;
      /** Why the restore cannot be made (a `RestoreError`), instead of a preview. */
      refused: { code: RestoreErrorCode; message: string } | null;
    }
  | { ok: false; error: string }
);

async function handle(request: HeavyRequest): Promise<HeavyAnswer> {
  switch (request.kind) {
    case 'record': {
      const built = buildRecord(request.input);
      return { id: request.id, ok: true, kind: 'record', ...pick(built) };
    }
    case 'export': {
      const { runExport } = await loadRenderers();
      return { id: request.id, ok: true, kind: 'export', result: await runExport(request.job) };
    }
    case 'warm': {
      const { warmGenogram } = await loadRenderers();
      await warmGenogram(request);
      return { id: request.id, ok: true, kind: 'warm' };
    }
    case 'state': {
      const doc = new Y.Doc();
      for (const entry of request.entries) Y.applyUpdate(doc, entry);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return { id: request.id, ok: true, kind: 'state', state };
    }
    case 'history-steps':
      return {
        id: request.id,
        ok: true,
        kind: 'history-steps',
        steps: historySteps(request.records),
      };
    case 'restore-preview': {
      const { docKind, records, target, liveState } = request;
      try {
        const preview = previewRestore(docKind, records, target, liveState);
        return { id: request.id, ok: true, kind: 'restore-preview', preview, refused: null };
      } catch (error) {
        if (!(error instanceof RestoreError)) throw error;
        const refused = { code: error.reason, message: error.message };
        return { id: request.id, ok: true, kind: 'restore-preview', preview: null, refused };
      }
    }
  }
}

function pick(built: { content: string; contentHash: string }) {
  return { content: built.content, contentHash: built.contentHash };
}

const port = parentPort;
if (port) {
  port.on('message', (request: HeavyRequest) => {
    handle(request).then(
      (answer) => {
        const transfer =
          answer.ok && answer.kind === 'export' && answer.result.ok
            ? [answer.result.body.buffer as ArrayBuffer]
            : [];
        port.postMessage(answer, transfer);
      },
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies HeavyAnswer),
    );
  });
  port.postMessage('ready');
}
