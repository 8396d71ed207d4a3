import type { Worker } from 'node:worker_threads';
import type { HistoryStep, RestorePreview, RestoreTarget } from '@unitroom/shared';
import type { BuiltRecordContent, RecordInput } from '../finalisation/record.js';
import type { HistoryRecord } from '../history/attributionLog.js';
import { RestoreError } from '../history/restore.js';
import { startModuleWorker } from '../ops/moduleWorker.js';
import type { ExportJob, ExportResult } from './exportWork.js';
import type { HeavyAnswer, HeavyRequest } from './exportWorker.js';

/**
 * A liveness bound, not a performance figure: a job still running after this is pathological,
 * so the worker is terminated (and started again for the next job) and the job fails.
 */
export const HEAVY_JOB_DEADLINE_MS = 120_000;

/** The worker's heap: the records and pictures of a large meeting fit many times. */
const WORKER_HEAP_MB = 1_024;

type Request = HeavyRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve(answer: HeavyAnswer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Work that grows with the size of a family, off the event loop ([T4]): building the finalised
 * record (reading both documents, the criteria, the canonical JSON and its hash) and rendering
 * exports (the document, the genogram's layout and picture, DOCX, PDF, text). One worker thread,
 * started on first use and kept while work is pending; jobs run in the order they come. A
 * finalisation during a meeting holds the event loop only to hand the documents over.
 */
export class HeavyWork {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly log: (message: string, error?: unknown) => void,
    private readonly deadlineMs = HEAVY_JOB_DEADLINE_MS,
  ) {}

  /** The record of a finalised discussion, built in the worker: its canonical JSON and hash. */
  async buildRecord(input: RecordInput): Promise<BuiltRecordContent> {
    const answer = await this.run({ kind: 'record', input });
    if (!answer.ok || answer.kind !== 'record') throw new Error('unexpected answer');
    return { content: answer.content, contentHash: answer.contentHash };
  }

  /** A stored document's entries as one update, as applying them all to a document gives. */
  async stateOf(entries: readonly Uint8Array[]): Promise<Uint8Array> {
    const answer = await this.run({ kind: 'state', entries });
    if (!answer.ok || answer.kind !== 'state') throw new Error('unexpected answer');
    return answer.state;
  }

  /** A document's history in coarse steps, replayed in the worker ([U5]). */
  async historySteps(records: readonly HistoryRecord[]): Promise<HistoryStep[]> {
    const answer = await this.run({ kind: 'history-steps', records });
    if (!answer.ok || answer.kind !== 'history-steps') throw new Error('unexpected answer');
    return answer.steps;
  }

  /** What a restore would change, computed from the history in the worker ([U5]). */
  async restorePreview(input: {
    docKind: 'family' | 'discussion';
    records: readonly HistoryRecord[];
    target: RestoreTarget;
    liveState: Uint8Array;
  }): Promise<RestorePreview> {
    const answer = await this.run({ kind: 'restore-preview', ...input });
    if (!answer.ok || answer.kind !== 'restore-preview') throw new Error('unexpected answer');
    if (answer.refused) throw new RestoreError(answer.refused.code, answer.refused.message);
    if (!answer.preview) throw new Error('no preview');
    return answer.preview;
  }

  async export(job: ExportJob): Promise<ExportResult> {
    const answer = await this.run({ kind: 'export', job });
    if (!answer.ok || answer.kind !== 'export') throw new Error('unexpected answer');
    return answer.result;
  }

  /** Draws a record's genogram in the worker now, so its first export does not wait for it. */
  warm(content: string, contentHash: string): void {
    this.run({ kind: 'warm', content, contentHash }).catch((error: unknown) =>
      this.log('drawing a finalised genogram ahead of its exports failed', error),
    );
  }

  /** Jobs in flight (for ops counts and tests). */
  get inFlight(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('the server is shutting down'));
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    await worker?.terminate();
  }

  private async run(request: Request): Promise<HeavyAnswer> {
    if (this.closed) throw new Error('the server is shutting down');
    const worker = await this.started();
    const id = this.nextId++;
    const answer = new Promise<HeavyAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`a job in the heavy-work worker took over ${this.deadlineMs} ms; restarting it`);
        this.stop(worker, new Error(`the job took over ${this.deadlineMs} ms`));
      }, this.deadlineMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
    });
    worker.ref();
    worker.postMessage({ id, ...request } as HeavyRequest);
    const result = await answer;
    if (!result.ok) throw new Error(`heavy work failed: ${result.error}`);
    return result;
  }

  private started(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = startModuleWorker(import.meta.url, 'exportWorker', {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      worker.on('message', (answer: HeavyAnswer | 'ready') => {
        if (answer === 'ready') {
          resolve(worker);
          return;
        }
        const pending = this.pending.get(answer.id);
        if (!pending) return;
        this.pending.delete(answer.id);
        clearTimeout(pending.timer);
        pending.resolve(answer);
        // An idle worker never keeps the process alive.
        if (this.pending.size === 0) worker.unref();
      });
      worker.on('error', (error) => {
        this.log('the heavy-work worker failed; it starts again for the next job', error);
        reject(error);
        this.stop(worker, error);
      });
      worker.on('exit', () => {
        reject(new Error('the heavy-work worker stopped'));
        this.stop(worker, new Error('the heavy-work worker stopped'));
      });
    });
    return this.ready;
  }

  private stop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    this.failAll(error);
    void worker.terminate();
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
