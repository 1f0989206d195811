import type {
  GenerationRecord,
  HistoryListItem,
  PolicyDecisionKind,
  Settings,
  UsageEvent,
} from '../../../src-shared/domain';

export interface NewGeneration {
  /** 16 lowercase hex digits; must equal `watermark.payload` (the id is what the watermark carries). */
  id: string;
  /** ISO 8601 instant; stored normalised to UTC (`Date#toISOString`). */
  createdAt: string;
  text: string;
  voiceId: string;
  voiceName: string;
  modelSha256: string | null;
  params: { speed: number };
  policy: GenerationRecord['policy'];
  watermark: { payload: string; keyId: string };
  durationSec: number;
  sampleRate: number;
}

/** A refused script. Only its hash is kept: the text of a blocked attempt is never stored. */
export interface BlockedAttempt {
  at: string;
  textSha256: string;
  voiceId: string | null;
  ruleIds: string[];
  categories: string[];
  policyHash: string;
  policyVersion: string;
}

export interface HistoryQuery {
  /** Words to find in the text (each word matched as a prefix, all words required). Any string is safe. */
  query?: string;
  voiceId?: string;
  decision?: PolicyDecisionKind;
  /** Inclusive lower bound on createdAt (ISO 8601). */
  from?: string;
  /** Exclusive upper bound on createdAt (ISO 8601). */
  to?: string;
  /** 1..LIMITS.maxHistoryPage, default 50. */
  limit?: number;
  offset?: number;
}

export type UsageEventKind = UsageEvent['kind'];

/** What start-up found and did in the audio folder. */
export interface StartupCleanupReport {
  /** `<id>.wav` files that had no row (a crash between audio write and commit, or a row deleted mid-way). */
  removedOrphanAudio: number;
  /** `.tmp-*` leftovers of interrupted atomic writes. */
  removedTempFiles: number;
  /** Leftovers that could not be removed (permissions, locks); tried again at the next start. */
  removalFailures: number;
  /**
   * Rows whose audio file is gone (removed outside the studio). They are KEPT: the row is the
   * provenance record that lets an exported, watermarked file be traced, which matters more than
   * the playback copy. `get()` reports them with `audioAvailable: false`; `readAudio()` gives null.
   */
  rowsMissingAudio: string[];
}

export interface HistoryEntry {
  record: GenerationRecord;
  events: UsageEvent[];
  /** False when the row's audio file is missing (see StartupCleanupReport.rowsMissingAudio). */
  audioAvailable: boolean;
}

/** Receives codes and non-sensitive fields only (ids, counts); never text, paths or bytes. */
export type HistoryLogger = (code: string, fields?: Record<string, string | number | boolean>) => void;

export interface OpenHistoryOptions {
  log?: HistoryLogger;
}

export interface HistoryStore {
  readonly dataDir: string;
  readonly startupReport: StartupCleanupReport;
  /**
   * Writes the WAV atomically, then commits the row, both under the database write lock; if the
   * row cannot be committed the audio file is removed. Throws INVALID_REQUEST for malformed input.
   */
  saveGeneration(input: NewGeneration, wavBytes: Uint8Array): GenerationRecord;
  recordBlockedAttempt(attempt: BlockedAttempt): void;
  /** Newest first. */
  list(query: HistoryQuery): { items: HistoryListItem[]; total: number };
  get(id: string): HistoryEntry | null;
  /** Ids (= watermark payloads) of the newest `limit` generations, newest first. */
  recentIds(limit: number): string[];
  /**
   * WAV bytes, or null when there is no such generation or its file is missing. Throws
   * StudioError AUDIO_CORRUPT when the file no longer matches the recorded sha256.
   */
  readAudio(id: string): Uint8Array | null;
  /** Absolute path of the generation's WAV, or null when there is no such row or no such file. */
  audioPath(id: string): string | null;
  /** Removes the row, its search entry, its usage events and its audio file. */
  delete(id: string): boolean;
  /** `detail` must not hold user text. Throws HISTORY_NOT_FOUND for an unknown generationId. */
  addUsageEvent(kind: UsageEventKind, generationId: string | null, detail: Record<string, unknown>): void;
  /** Newest first, default 100. */
  blockedAttempts(limit?: number): BlockedAttempt[];
  getSettings(): Partial<Settings>;
  saveSettings(patch: Partial<Settings>): void;
  close(): void;
}
