import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './migrations.js';
import type { DocumentStore } from '../storage/documentStore.js';

/** An opened, migrated database: typed relational queries plus the document store seam. */
export interface Persistence {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  readonly documents: DocumentStore;
  /** The store combines appended updates into fewer entries itself (the SQLite journal). */
  readonly combinesAppends: boolean;
  /**
   * Gives back memory the store holds only to be fast while documents are open (SQLite's page
   * cache); the server calls it once no document is loaded. Costs nothing to call again.
   */
  releaseMemory(): void;
  close(): Promise<void>;
}
