import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What the main thread hands the WAL checkpointer (db/walCheckpointer.ts). */
export interface WalCheckpointWorkerData {
  file: string;
  intervalMs: number;
  truncateBytes: number;
}

/** Told to the main thread when a checkpoint fails; the worker keeps running. */
export interface WalCheckpointFailure {
  error: string;
}

/**
 * The worker thread's side of the WAL checkpointer: its own connection runs PASSIVE checkpoints
 * (which never block writers) off the main event loop, and one TRUNCATE checkpoint whenever the
 * WAL has grown past the limit. Any message from the main thread stops it.
 */
function run(port: NonNullable<typeof parentPort>, data: WalCheckpointWorkerData): void {
  const db = new Database(data.file);
  db.pragma('busy_timeout = 5000');
  const walSize = (): number => {
    try {
      return fs.statSync(`${data.file}-wal`).size;
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      if (walSize() > data.truncateBytes) db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      const failure: WalCheckpointFailure = { error: String(error) };
      port.postMessage(failure);
    }
  }, data.intervalMs);
  port.on('message', () => {
    clearInterval(timer);
    db.close();
    port.close();
  });
}

if (parentPort) run(parentPort, workerData as WalCheckpointWorkerData);
