import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { GenerationRecord, HistoryListItem, Settings } from '../../../src-shared/domain';
import { isStudioError, StudioError } from '../../../src-shared/errors';
import { sha256Hex } from '../files';
import { AudioFolder } from './audioFolder';
import { BlockedAttemptsTable } from './blockedAttemptsTable';
import { openDatabase } from './database';
import {
  INSERT_GENERATION_SQL,
  PREVIEW_SOURCE_CHARS,
  recordToRow,
  rowToListItem,
  rowToRecord,
  type GenerationRow,
  type ListItemRow,
} from './generationRows';
import { planList, type ListPlan } from './listQuery';
import { buildGenerationRecord } from './newGenerationRecord';
import { SettingsTable } from './settingsTable';
import { cleanAudioFolder, logCleanup } from './startupCleanup';
import type {
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
import { UsageEventsTable } from './usageEventsTable';

const consoleLogger: HistoryLogger = (code, fields) => console.warn(`[history] ${code}`, fields ?? {});

/**
 * Opens the history in `dataDir`: creates the folder, `history.sqlite` and `audio/`, migrates the
 * schema, and removes audio leftovers of interrupted saves.
 */
export function openHistory(dataDir: string, options: OpenHistoryOptions = {}): HistoryStore {
  const root = resolve(dataDir);
  const log = options.log ?? consoleLogger;
  const db = openDatabase(root);
  try {
    const audio = new AudioFolder(root);
    const report = cleanAudioFolder(db, audio);
    logCleanup(report, log);
    return new SqliteHistoryStore(root, db, audio, report, log);
  } catch (error) {
    db.close();
    throw error;
  }
}

type QueryParams = Record<string, string | number>;
interface ListStatements {
  page: Database.Statement<QueryParams, ListItemRow>;
  count: Database.Statement<QueryParams, { total: number }>;
}

class SqliteHistoryStore implements HistoryStore {
  private readonly insertGeneration: Database.Statement<GenerationRow>;
  private readonly selectGeneration: Database.Statement<[string], GenerationRow>;
  private readonly selectAudioFile: Database.Statement<[string], { audio_file: string; audio_sha256: string }>;
  private readonly selectRecentIds: Database.Statement<[number], { id: string }>;
  private readonly deleteGeneration: Database.Statement<[string]>;
  private readonly events: UsageEventsTable;
  private readonly blocked: BlockedAttemptsTable;
  private readonly settings: SettingsTable;
  private readonly listStatements = new Map<string, ListStatements>();

  constructor(
    readonly dataDir: string,
    private readonly db: Database.Database,
    private readonly audio: AudioFolder,
    readonly startupReport: StartupCleanupReport,
    private readonly log: HistoryLogger,
  ) {
    this.insertGeneration = db.prepare(INSERT_GENERATION_SQL);
    this.selectGeneration = db.prepare('SELECT * FROM generations WHERE id = ?');
    this.selectAudioFile = db.prepare('SELECT audio_file, audio_sha256 FROM generations WHERE id = ?');
    this.deleteGeneration = db.prepare('DELETE FROM generations WHERE id = ?');
    this.selectRecentIds = db.prepare('SELECT id FROM generations ORDER BY seq DESC LIMIT ?');
    this.events = new UsageEventsTable(db);
    this.blocked = new BlockedAttemptsTable(db);
    this.settings = new SettingsTable(db, log);
  }

  saveGeneration(input: NewGeneration, wavBytes: Uint8Array): GenerationRecord {
    const record = buildGenerationRecord(input, wavBytes);
    let audioWritten = false;
    try {
      // The write lock is taken before the audio is written, so start-up cleaning in another
      // process cannot mistake this not-yet-committed file for an orphan.
      this.db
        .transaction(() => {
          if (this.selectAudioFile.get(record.id)) {
            // Checked before writing: the file of the existing generation must not be overwritten.
            throw new StudioError('INTERNAL', { details: { reason: 'generation_id_exists' } });
          }
          this.audio.write(record.id, wavBytes);
          audioWritten = true;
          this.insertGeneration.run(recordToRow(record, this.audio.relativePathFor(record.id)));
        })
        .immediate();
    } catch (error) {
      const audioRemoved = audioWritten && this.removeAudioQuietly(record.id);
      this.log('HISTORY_SAVE_FAILED', { id: record.id, audioRemoved });
      if (isStudioError(error)) throw error;
      throw new StudioError('INTERNAL', { details: { reason: 'history_save_failed' }, cause: error });
    }
    return record;
  }

  /** If this fails too, the file is an orphan that the next start-up removes. */
  private removeAudioQuietly(id: string): boolean {
    try {
      this.audio.removeById(id);
      return true;
    } catch {
      return false;
    }
  }

  recordBlockedAttempt(attempt: BlockedAttempt): void {
    this.blocked.insert(attempt);
  }

  list(query: HistoryQuery): { items: HistoryListItem[]; total: number } {
    const plan = planList(query ?? {});
    if (plan.matchesNothing) return { items: [], total: 0 };
    const statements = this.listStatementsFor(plan);
    const rows = statements.page.all({ ...plan.params, limit: plan.limit, offset: plan.offset });
    const { total } = statements.count.get(plan.params)!;
    return { items: rows.map(rowToListItem), total };
  }

  /** One pair per combination of filters (at most 32), prepared once. */
  private listStatementsFor(plan: ListPlan): ListStatements {
    let statements = this.listStatements.get(plan.where);
    if (!statements) {
      statements = {
        // Only the page's row numbers are sorted; the columns are fetched for those rows alone.
        page: this.db.prepare(
          `WITH page AS (
             SELECT g.seq FROM generations g ${plan.where}
              ORDER BY g.created_at DESC, g.seq DESC
              LIMIT @limit OFFSET @offset)
           SELECT g.id, g.created_at, g.voice_id, g.voice_name, substr(g.text, 1, ${PREVIEW_SOURCE_CHARS}) AS preview,
                  g.duration_sec, g.policy_decision
             FROM page JOIN generations g ON g.seq = page.seq
            ORDER BY g.created_at DESC, g.seq DESC`,
        ),
        count: this.db.prepare(
          plan.searchOnly
            ? 'SELECT count(*) AS total FROM generations_fts WHERE generations_fts MATCH @match'
            : `SELECT count(*) AS total FROM generations g ${plan.where}`,
        ),
      };
      this.listStatements.set(plan.where, statements);
    }
    return statements;
  }

  get(id: string): HistoryEntry | null {
    const row = this.selectGeneration.get(id);
    if (!row) return null;
    const stored = this.audio.resolveStored(row.audio_file);
    return {
      record: rowToRecord(row),
      events: this.events.forGeneration(id),
      audioAvailable: stored !== null && this.audio.exists(stored),
    };
  }

  recentIds(limit: number): string[] {
    if (!Number.isInteger(limit) || limit < 0) throw new StudioError('INVALID_REQUEST', { details: { reason: 'limit must be a non-negative integer' } });
    return this.selectRecentIds.all(limit).map((row) => row.id);
  }

  readAudio(id: string): Uint8Array | null {
    const row = this.selectAudioFile.get(id);
    if (!row) return null;
    const stored = this.audio.resolveStored(row.audio_file);
    const bytes = stored === null ? null : this.audio.read(stored);
    if (bytes === null) {
      this.log('HISTORY_AUDIO_MISSING', { id });
      return null;
    }
    if (sha256Hex(bytes) !== row.audio_sha256) {
      this.log('HISTORY_AUDIO_CHECKSUM_MISMATCH', { id });
      throw new StudioError('AUDIO_CORRUPT', { details: { reason: 'history_audio_checksum_mismatch' } });
    }
    return bytes;
  }

  audioPath(id: string): string | null {
    const row = this.selectAudioFile.get(id);
    if (!row) return null;
    const stored = this.audio.resolveStored(row.audio_file);
    return stored !== null && this.audio.exists(stored) ? stored : null;
  }

  delete(id: string): boolean {
    const row = this.selectAudioFile.get(id);
    if (!row) return false;
    // Row first: a crash before the file is removed leaves an orphan file, which start-up removes.
    const { changes } = this.deleteGeneration.run(id);
    const stored = this.audio.resolveStored(row.audio_file);
    if (stored !== null) this.audio.remove(stored);
    return changes > 0;
  }

  addUsageEvent(kind: UsageEventKind, generationId: string | null, detail: Record<string, unknown>): void {
    this.events.insert(kind, generationId, detail);
  }

  blockedAttempts(limit?: number): BlockedAttempt[] {
    return this.blocked.newest(limit);
  }

  getSettings(): Partial<Settings> {
    return this.settings.read();
  }

  saveSettings(patch: Partial<Settings>): void {
    this.settings.write(patch);
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }
}
