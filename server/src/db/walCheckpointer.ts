import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

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
 * The worker is inline source run with `eval`, so it works the same from the build and from
 * TypeScript sources under test; it is given the resolved path of better-sqlite3 to require.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const walSize = () => {
  try {
    return fs.statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() > workerData.truncateBytes) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  file: string,
  log: (message: string, error?: unknown) => void,
  intervalMs = WAL_CHECKPOINT_INTERVAL_MS,
): WalCheckpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driverPath, intervalMs, truncateBytes: WAL_TRUNCATE_BYTES },
  });
  worker.on('message', (message: { error?: string }) => {
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
