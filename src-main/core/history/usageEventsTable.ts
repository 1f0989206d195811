import type Database from 'better-sqlite3';
import { generationIdSchema, usageEventSchema, type UsageEvent } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import type { UsageEventKind } from './types';

/** Detail is metadata (format, byte count, score), not content; the cap keeps it that way. */
const MAX_DETAIL_BYTES = 4_096;

interface UsageEventRow {
  id: number;
  generation_id: string | null;
  kind: string;
  at: string;
  detail: string;
}

export class UsageEventsTable {
  private readonly insertEvent: Database.Statement<[string | null, string, string, string]>;
  private readonly selectForGeneration: Database.Statement<[string], UsageEventRow>;

  constructor(db: Database.Database) {
    this.insertEvent = db.prepare('INSERT INTO usage_events (generation_id, kind, at, detail) VALUES (?, ?, ?, ?)');
    this.selectForGeneration = db.prepare(
      'SELECT id, generation_id, kind, at, detail FROM usage_events WHERE generation_id = ? ORDER BY at, id',
    );
  }

  insert(kind: UsageEventKind, generationId: string | null, detail: Record<string, unknown>): void {
    if (!usageEventSchema.shape.kind.safeParse(kind).success) throw invalid('kind');
    if (generationId !== null && !generationIdSchema.safeParse(generationId).success) throw invalid('generationId');
    const json = serializeDetail(detail);
    try {
      this.insertEvent.run(generationId, kind, new Date().toISOString(), json);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new StudioError('HISTORY_NOT_FOUND', { cause: error });
      }
      throw error;
    }
  }

  forGeneration(generationId: string): UsageEvent[] {
    return this.selectForGeneration.all(generationId).map((row) => ({
      id: row.id,
      generationId: row.generation_id,
      kind: row.kind as UsageEventKind,
      at: row.at,
      detail: JSON.parse(row.detail),
    }));
  }
}

function serializeDetail(detail: Record<string, unknown>): string {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) throw invalid('detail');
  let json: string;
  try {
    json = JSON.stringify(detail);
  } catch {
    throw invalid('detail');
  }
  if (Buffer.byteLength(json) > MAX_DETAIL_BYTES) throw invalid('detail');
  return json;
}

function invalid(field: string): StudioError {
  return new StudioError('INVALID_REQUEST', { details: { field } });
}
