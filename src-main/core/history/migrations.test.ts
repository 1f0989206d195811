import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { LATEST_SCHEMA_VERSION, openHistory } from './index';
import { migrate, readSchemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { makeTempDir, makeWav, newGeneration } from './testSupport';

let dir: ReturnType<typeof makeTempDir>;
const quiet = { log: () => {} };

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  dir.remove();
});

function databasePath(): string {
  return join(dir.path, 'history.sqlite');
}

function schemaObjects(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((row) => row.name);
}

describe('migrations', () => {
  it('are numbered files whose versions run 1..N without gaps', () => {
    const files = readdirSync(fileURLToPath(new URL('./migrations', import.meta.url)))
      .filter((name) => /^\d{3}_.+\.ts$/.test(name))
      .sort();
    expect(files.length).toBe(MIGRATIONS.length);
    files.forEach((file, index) => {
      expect(Number(file.slice(0, 3))).toBe(index + 1);
      expect(MIGRATIONS[index].version).toBe(index + 1);
      expect(file).toBe(`${file.slice(0, 3)}_${MIGRATIONS[index].name}.ts`);
    });
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('build the whole schema on an empty database', () => {
    openHistory(dir.path, quiet).close();
    const db = new Database(databasePath(), { readonly: true });
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const objects = schemaObjects(db);
    for (const name of [
      'generations',
      'generations_fts',
      'usage_events',
      'blocked_attempts',
      'settings',
      'generations_by_created',
      'generations_by_voice',
      'generations_by_decision',
      'usage_events_by_generation',
      'generations_fts_after_insert',
      'generations_fts_after_delete',
    ]) {
      expect(objects).toContain(name);
    }
    const blockedColumns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('blocked_attempts')`).all();
    expect(blockedColumns.map((column) => column.name)).not.toContain('text');
    db.close();
  });

  it('leave an up-to-date database and its data alone on every later open', () => {
    const input = newGeneration({ text: 'survives reopening' });
    const first = openHistory(dir.path, quiet);
    first.saveGeneration(input, makeWav());
    first.close();
    const before = schemaObjects(new Database(databasePath(), { readonly: true }));

    for (let round = 0; round < 3; round++) openHistory(dir.path, quiet).close();

    const db = new Database(databasePath(), { readonly: true });
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaObjects(db)).toEqual(before);
    db.close();
    const again = openHistory(dir.path, quiet);
    expect(again.get(input.id)!.record.text).toBe('survives reopening');
    expect(again.list({ query: 'survives' }).total).toBe(1);
    again.close();
  });

  it('refuse a database written by a newer studio, without changing it', () => {
    openHistory(dir.path, quiet).close();
    const db = new Database(databasePath());
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    let thrown: unknown;
    try {
      openHistory(dir.path, quiet);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StudioError);
    expect((thrown as StudioError).code).toBe('HISTORY_SCHEMA_TOO_NEW');
    expect((thrown as StudioError).details).toEqual({ found: LATEST_SCHEMA_VERSION + 1, supported: LATEST_SCHEMA_VERSION });
    const check = new Database(databasePath(), { readonly: true });
    expect(readSchemaVersion(check)).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });
});

describe('migrate', () => {
  const createA: Migration = { version: 1, name: 'a', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') };
  const createB: Migration = { version: 2, name: 'b', up: (db) => db.exec('CREATE TABLE b (y INTEGER)') };

  it('applies only the migrations a database has not seen', () => {
    const db = new Database(databasePath());
    expect(migrate(db, [createA])).toEqual({ from: 0, to: 1 });
    expect(migrate(db, [createA, createB])).toEqual({ from: 1, to: 2 });
    expect(migrate(db, [createA, createB])).toEqual({ from: 2, to: 2 });
    expect(schemaObjects(db)).toEqual(['a', 'b']);
    db.close();
  });

  it('rolls a failing migration back completely and keeps the earlier ones', () => {
    const halfDone: Migration = {
      version: 2,
      name: 'half-done',
      up: (db) => {
        db.exec('CREATE TABLE c (z INTEGER)');
        db.exec('CREATE TABLE a (x INTEGER)'); // already exists: fails after c was created
      },
    };
    const db = new Database(databasePath());
    expect(() => migrate(db, [createA, halfDone])).toThrow(/already exists/);
    expect(readSchemaVersion(db)).toBe(1);
    expect(schemaObjects(db)).toEqual(['a']);
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(databasePath());
    expect(() => migrate(db, [createA, { ...createB, version: 3 }])).toThrow(/expected 2/);
    expect(readSchemaVersion(db)).toBe(0);
    db.close();
  });
});
