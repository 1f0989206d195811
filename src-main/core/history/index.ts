export { openHistory } from './store';
export { defaultDataDir } from './dataDir';
export { LATEST_SCHEMA_VERSION } from './migrations';
export type {
  BlockedAttempt,
  HistoryEntry,
  HistoryLogger,
  HistoryQuery,
  HistoryStore,
  NewGeneration,
  OpenHistoryOptions,
  StartupCleanupReport,
  UsageEventKind,
} from './types';
