import type * as Y from 'yjs';
import type { TransactionOrigin } from './origins.js';

/**
 * The version of the document schema this build reads and writes. The server migrates every
 * document up to it on load, before anyone syncs; a client built for a newer version is refused
 * with `CLOSE_CODES.CLIENT_TOO_NEW` rather than allowed to write shapes this server cannot check.
 */
export const SCHEMA_VERSION = 1;

/** Root map holding document-level facts (`schemaVersion`). */
export const META_MAP = 'meta';
const VERSION_KEY = 'schemaVersion';

export function readSchemaVersion(doc: Y.Doc): number {
  const value = doc.getMap(META_MAP).get(VERSION_KEY);
  return typeof value === 'number' ? value : 0;
}

/** One step from `version - 1` to `version`. Steps are pure functions of the document. */
interface Migration {
  version: number;
  migrate(doc: Y.Doc): void;
}

const MIGRATIONS: readonly Migration[] = [
  // v0 -> v1: a brand-new or pre-versioning document gets its version stamped.
  { version: 1, migrate: () => undefined },
];

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`document schema ${found} is newer than this build's ${SCHEMA_VERSION}`);
  }
}

/**
 * Brings `doc` up to `SCHEMA_VERSION`, one transaction per step with a `migration` origin.
 * Returns the number of steps applied. Throws `SchemaTooNewError` for documents from the future.
 */
export function migrateDocument(doc: Y.Doc): number {
  const found = readSchemaVersion(doc);
  if (found > SCHEMA_VERSION) throw new SchemaTooNewError(found);
  let applied = 0;
  for (const step of MIGRATIONS) {
    if (step.version <= readSchemaVersion(doc)) continue;
    const origin: TransactionOrigin = { kind: 'migration', toVersion: step.version };
    doc.transact(() => {
      step.migrate(doc);
      doc.getMap(META_MAP).set(VERSION_KEY, step.version);
    }, origin);
    applied += 1;
  }
  return applied;
}
