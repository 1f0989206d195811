import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isStudioError, StudioError } from '../../../src-shared/errors';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export const DATABASE_FILE = 'history.sqlite';
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) `<dataDir>/history.sqlite` with the settings the store relies on and
 * the schema migrated to the newest version.
 */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, DATABASE_FILE);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    keepPrivate(path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, expected wal`);
    // FULL: a committed generation survives power loss, so an exported, watermarked clip stays traceable.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, MIGRATIONS);
    return db;
  } catch (error) {
    db?.close();
    if (isStudioError(error)) throw error;
    throw new StudioError('INTERNAL', { details: { reason: 'history_database_unavailable' }, cause: error });
  }
}

/**
 * The history holds every script the user has voiced: readable by the user alone. Best effort:
 * some file systems (network shares, FAT) refuse permission changes yet store data fine.
 */
function keepPrivate(path: string): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, 0o600);
  } catch {
    // The folder is already 0700 when the studio created it.
  }
}
