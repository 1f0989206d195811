import type Database from 'better-sqlite3';
import { StudioError } from '../../../src-shared/errors';
import type { Migration } from './migrations';

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the newest migration. Each migration runs in its own IMMEDIATE
 * transaction and re-reads the version inside it, so two processes opening the same fresh
 * database at once apply each migration exactly once.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  assertContiguous(migrations);
  const latest = migrations.length;
  const from = readSchemaVersion(db);
  if (from > latest) {
    throw new StudioError('HISTORY_SCHEMA_TOO_NEW', { details: { found: from, supported: latest } });
  }
  for (const migration of migrations) {
    db.transaction(() => {
      if (readSchemaVersion(db) >= migration.version) return;
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we own.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: readSchemaVersion(db) };
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`history migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
