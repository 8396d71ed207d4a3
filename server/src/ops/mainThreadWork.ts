/**
 * What the main thread did with documents and updates, counted rather than timed, so that a test
 * can tell deterministically whether work whose cost grows with its input stayed off the event
 * loop (issue 20: the hostile-input suites once bounded the loop's delay by the wall clock,
 * which measured the machine's load as much as the server). Process-wide: main.ts offers it to a
 * parent process beside the event-loop figures.
 */
export interface MainThreadWork {
  /** Whole-document encodings on the main thread: sync answers, states handed to the worker, snapshots. */
  documentEncodings: number;
  /** Of those, the ones made while the document held pending data, which they left out. */
  pendingLeftOut: number;
  /** Largest update (or vetted piece) integrated in one turn of the event loop, in bytes. */
  largestInlineUpdateBytes: number;
  /** Updates handed to the worker to be vetted (and cut into pieces) before any was applied. */
  vettedOnWorker: number;
}

const zero = (): MainThreadWork => ({
  documentEncodings: 0,
  pendingLeftOut: 0,
  largestInlineUpdateBytes: 0,
  vettedOnWorker: 0,
});

let work = zero();

export const mainThreadWork = {
  encodedDocument(pendingLeftOut: boolean): void {
    work.documentEncodings += 1;
    if (pendingLeftOut) work.pendingLeftOut += 1;
  },
  integratedInline(bytes: number): void {
    if (bytes > work.largestInlineUpdateBytes) work.largestInlineUpdateBytes = bytes;
  },
  vettedOnWorker(): void {
    work.vettedOnWorker += 1;
  },
  read: (): MainThreadWork => ({ ...work }),
  reset(): void {
    work = zero();
  },
};
