import { startModuleWorker } from '../ops/moduleWorker.js';
import type { WalCheckpointFailure, WalCheckpointWorkerData } from './walCheckpointWorker.js';

/** How often the background connection folds the WAL back into the database file. */
export const WAL_CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Under non-stop writing a PASSIVE checkpoint never catches the last frame, so the WAL is never
 * restarted and grows. Past this size the worker runs one TRUNCATE checkpoint, which briefly
 * holds writers back (the copy left to do is small, passive runs kept up) and empties the file.
 */
export const WAL_TRUNCATE_BYTES = 16 * 1024 * 1024;

/**
 * SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, on the main
 * thread, and fsyncs megabytes: a stall of several milliseconds every couple of seconds under a
 * busy meeting, which showed as the whole p99 gap in the meeting-room benchmark. So the main
 * connection turns auto-checkpointing off and this worker, on its own connection, runs PASSIVE
 * checkpoints (which never block writers) off the event loop.
 *
 * The worker is the module db/walCheckpointWorker.ts, built beside this one.
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  file: string,
  log: (message: string, error?: unknown) => void,
  intervalMs = WAL_CHECKPOINT_INTERVAL_MS,
): WalCheckpointer {
  const workerData: WalCheckpointWorkerData = {
    file,
    intervalMs,
    truncateBytes: WAL_TRUNCATE_BYTES,
  };
  const worker = startModuleWorker(import.meta.url, 'walCheckpointWorker', { workerData });
  worker.on('message', (message: WalCheckpointFailure) => {
    if (message.error) log(`WAL checkpoint failed: ${message.error}`);
  });
  worker.on('error', (error) => log('WAL checkpointer stopped', error));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unref'd so an idle checkpointer never keeps a process alive; ref'd while stopping so
      // the process waits for the worker to close its connection cleanly.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
