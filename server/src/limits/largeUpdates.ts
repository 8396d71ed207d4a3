import type { Worker } from 'node:worker_threads';
import type { RefereeContext } from '../authority/referee.js';
import { mainThreadWork } from '../ops/mainThreadWork.js';
import { startModuleWorker } from '../ops/moduleWorker.js';
import type { PieceLimits } from './splitUpdate.js';
import type { Verdict, VetAnswer, VetRequest } from './largeUpdateWorker.js';

/**
 * Pieces of a vetted update: small enough that integrating one stays far below the 200 ms the
 * event loop may ever be held (a piece of 4,096 one-character structs integrates in a few
 * milliseconds; 13,000 took 8-16 ms on the development machine).
 */
export const PIECE_LIMITS: PieceLimits = { maxStructs: 4_096, maxLength: 64 * 1024 };

/**
 * Most milliseconds one piece may take to integrate in the worker. Honest pieces take a few;
 * a piece that takes this long is made of structs that are costly one by one (thousands of
 * concurrent insertions at one place), and the main thread would pay the same.
 */
export const PIECE_BUDGET_MS = 50;

/**
 * A liveness bound on one vetting, not a performance figure: a job still running after this is
 * pathological, so the worker is terminated (and replaced for the next job) and the update
 * refused. Reading 8 MiB of tiny structs takes about a second on a loaded machine.
 */
export const VETTING_DEADLINE_MS = 15_000;

/** The worker's heap: a document, an 8 MiB update and its decoded structs fit many times. */
const WORKER_HEAP_MB = 1_024;

export type { Verdict };

const SHUTTING_DOWN: Verdict = { ok: false, code: 'costly', reason: 'the server is shutting down' };

interface Job {
  request: Omit<VetRequest, 'id'>;
  resolve(verdict: Verdict): void;
}

/**
 * Vets updates too large to integrate on the event loop without measuring them first: a worker
 * thread (one, reused, started on first use) rebuilds the room's document, cuts the update into
 * pieces, integrates them and times each (largeUpdateWorker.ts). Jobs run one at a time in
 * arrival order; each connection waits only for its own.
 */
export class LargeUpdateVetter {
  private worker: Worker | null = null;
  /** The worker has started and warmed up: jobs' deadlines count from then. */
  private ready = false;
  private readonly waiting: Job[] = [];
  private running: { id: number; job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly log: (message: string, error?: unknown) => void,
    private readonly deadlineMs = VETTING_DEADLINE_MS,
  ) {}

  /**
   * Whether `update` integrates into the document whose state is `state` in pieces of at most
   * `PIECE_BUDGET_MS` and `totalMs` in all; resolves with the pieces to apply, in order.
   */
  vet(
    state: Uint8Array,
    update: Uint8Array,
    totalMs: number,
    referee?: RefereeContext,
  ): Promise<Verdict> {
    if (this.closed) return Promise.resolve(SHUTTING_DOWN);
    mainThreadWork.vettedOnWorker();
    return new Promise((resolve) => {
      this.waiting.push({
        // Copies of our own, moved to the worker rather than copied again.
        request: {
          state: state.slice(),
          update: update.slice(),
          limits: PIECE_LIMITS,
          pieceMs: PIECE_BUDGET_MS,
          totalMs,
          ...(referee ? { referee } : {}),
        },
        resolve,
      });
      this.runNext();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.resolve(SHUTTING_DOWN);
    this.finish(SHUTTING_DOWN);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private runNext(): void {
    if (this.running || this.closed || this.waiting.length === 0) {
      // An idle worker never keeps the process alive.
      if (!this.running) this.worker?.unref();
      return;
    }
    const worker = this.worker ?? this.startWorker();
    worker.ref();
    // Started again once the worker says it is ready.
    if (!this.ready) return;
    const job = this.waiting.shift() as Job;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.log(`vetting a large update took over ${this.deadlineMs} ms; restarting its worker`);
      this.stopWorker(worker);
      this.finish({
        ok: false,
        code: 'costly',
        reason: `integrating it took over ${this.deadlineMs} ms`,
      });
    }, this.deadlineMs);
    timer.unref();
    this.running = { id, job, timer };
    const { state, update } = job.request;
    try {
      worker.postMessage({ id, ...job.request } satisfies VetRequest, [
        state.buffer as ArrayBuffer,
        update.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      this.log('could not hand a large update to its worker', error);
      this.finish({ ok: false, code: 'costly', reason: `vetting failed: ${String(error)}` });
    }
  }

  /** Resolves the running job, if any, and starts the next. */
  private finish(verdict: Verdict): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    clearTimeout(running.timer);
    running.job.resolve(verdict);
    this.runNext();
  }

  /**
   * The worker failed or stopped: the job it was running is refused. If it never got as far as
   * running one, the first waiting job is, so that a worker that cannot start is not restarted
   * without end.
   */
  private failed(worker: Worker, reason: string): void {
    this.stopWorker(worker);
    const verdict: Verdict = { ok: false, code: 'costly', reason };
    if (this.running) this.finish(verdict);
    else {
      this.waiting.shift()?.resolve(verdict);
      this.runNext();
    }
  }

  private startWorker(): Worker {
    const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    // The module built beside this one in dist/ (or, from sources, the TypeScript module itself).
    const worker = startModuleWorker(import.meta.url, 'largeUpdateWorker', options);
    worker.on('message', (answer: VetAnswer | 'ready') => {
      if (this.worker !== worker) return;
      if (answer === 'ready') {
        this.ready = true;
        this.runNext();
        return;
      }
      if (answer.id !== this.running?.id) return;
      const { id: _id, ...verdict } = answer;
      this.finish(verdict);
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.log('the large-update worker failed; restarting it', error);
      this.failed(worker, `vetting failed: ${String(error)}`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.failed(worker, 'vetting stopped');
    });
    this.worker = worker;
    this.ready = false;
    return worker;
  }

  private stopWorker(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = false;
    }
    void worker.terminate();
  }
}
