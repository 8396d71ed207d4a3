export { createApp, type App } from './app.js';
export {
  defaultConfig,
  quietLogger,
  consoleLogger,
  type AppConfig,
  type Logger,
} from './config.js';
export { JOURNAL_FILE_NAME, openSqlitePersistence, SQLITE_FILE_NAME } from './db/sqlite.js';
export { openPostgresPersistence, type PostgresOptions } from './db/openPostgres.js';
export type { Persistence } from './db/persistence.js';
export type { DocumentStore, StoredDocument } from './storage/documentStore.js';
export { SqliteDocumentStore } from './storage/sqliteDocumentStore.js';
export { SyncServer } from './collab/syncServer.js';
export { AttributionLog, keptAfterPruning, type HistoryRecord } from './history/attributionLog.js';
export { revertUpdate } from './history/restore.js';
export {
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  vetAwareness,
  type AwarenessOwnership,
} from './collab/awarenessAuthority.js';
export {
  Refusal,
  type CollabSocket,
  type ConnectionContext,
  type Extension,
} from './collab/types.js';
export { hashPassword } from './auth/passwords.js';
export {
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  seedDemo,
  seedDemoIfEmpty,
  localIsoDate,
  type DemoSeed,
  type SeededDemo,
} from './demo/seed.js';
export { DEMO_FAMILIES, demoFamilyUpdate, type DemoFamily } from './demo/families.js';
export {
  InProcessRevocations,
  type AccessRevocations,
  type Revocation,
} from './revocation/revocations.js';
export {
  buildRecord,
  parseRecord,
  sha256Hex,
  canonicalJson,
  type DiscussionRecord,
} from './finalisation/record.js';
export { renderGenogramImage } from './export/genogramImage.js';
export { minutesDocument } from './export/content.js';
export { renderText } from './export/renderText.js';
export { startEventLoopStats, type EventLoopStats } from './ops/eventLoopStats.js';
export { mainThreadWork, type MainThreadWork } from './ops/mainThreadWork.js';
export { encodeIntegratedState } from './collab/documentState.js';
export { FAN_OUT_RATE } from './unitChannel/unitChannel.js';
export { RedisRelay } from './scale/redisRelay.js';
export {
  MemoryTimerStore,
  RedisTimerStore,
  MEETING_STATE_TTL_MS,
  type TimerStore,
  type TimerState,
} from './unitChannel/timerStore.js';
export {
  MemoryHandStore,
  RedisHandStore,
  type HandStore,
  type HandState,
} from './unitChannel/handStore.js';
export { MemoryFocusStore, RedisFocusStore, type FocusStore } from './unitChannel/focusStore.js';
export { splitUpdate, type PieceLimits } from './limits/splitUpdate.js';
export {
  LargeUpdateVetter,
  PIECE_BUDGET_MS,
  PIECE_LIMITS,
  type Verdict,
} from './limits/largeUpdates.js';
export {
  persistenceExtension,
  DEFAULT_COMPACTION,
  type CompactionPolicy,
} from './extensions/persistence.js';
export { HeavyWork } from './export/heavyWork.js';
