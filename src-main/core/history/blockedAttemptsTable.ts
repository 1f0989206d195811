import type Database from 'better-sqlite3';
import { StudioError } from '../../../src-shared/errors';
import { normalizeInstant } from './instant';
import type { BlockedAttempt } from './types';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

interface BlockedAttemptRow {
  at: string;
  text_sha256: string;
  voice_id: string | null;
  rule_ids: string;
  categories: string;
  policy_hash: string;
  policy_version: string;
}

export class BlockedAttemptsTable {
  private readonly insertAttempt: Database.Statement<BlockedAttemptRow>;
  private readonly selectNewest: Database.Statement<[number], BlockedAttemptRow>;

  constructor(db: Database.Database) {
    this.insertAttempt = db.prepare(
      `INSERT INTO blocked_attempts (at, text_sha256, voice_id, rule_ids, categories, policy_hash, policy_version)
       VALUES (@at, @text_sha256, @voice_id, @rule_ids, @categories, @policy_hash, @policy_version)`,
    );
    this.selectNewest = db.prepare(
      `SELECT at, text_sha256, voice_id, rule_ids, categories, policy_hash, policy_version
         FROM blocked_attempts ORDER BY at DESC, id DESC LIMIT ?`,
    );
  }

  /** Copies the named fields only, so a caller's object that happens to carry the text cannot leak it. */
  insert(attempt: BlockedAttempt): void {
    const at = normalizeInstant(attempt.at);
    if (at === null) throw invalid('at');
    if (typeof attempt.textSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(attempt.textSha256)) throw invalid('textSha256');
    if (attempt.voiceId !== null && typeof attempt.voiceId !== 'string') throw invalid('voiceId');
    if (!isStringArray(attempt.ruleIds)) throw invalid('ruleIds');
    if (!isStringArray(attempt.categories)) throw invalid('categories');
    if (typeof attempt.policyHash !== 'string') throw invalid('policyHash');
    if (typeof attempt.policyVersion !== 'string') throw invalid('policyVersion');
    this.insertAttempt.run({
      at,
      text_sha256: attempt.textSha256,
      voice_id: attempt.voiceId,
      rule_ids: JSON.stringify(attempt.ruleIds),
      categories: JSON.stringify(attempt.categories),
      policy_hash: attempt.policyHash,
      policy_version: attempt.policyVersion,
    });
  }

  newest(limit = DEFAULT_LIMIT): BlockedAttempt[] {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid('limit');
    return this.selectNewest.all(limit).map((row) => ({
      at: row.at,
      textSha256: row.text_sha256,
      voiceId: row.voice_id,
      ruleIds: JSON.parse(row.rule_ids),
      categories: JSON.parse(row.categories),
      policyHash: row.policy_hash,
      policyVersion: row.policy_version,
    }));
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function invalid(field: string): StudioError {
  return new StudioError('INVALID_REQUEST', { details: { field } });
}
