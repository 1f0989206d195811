import type { Migration } from './migration';

/**
 * `generations.seq` is an explicit INTEGER PRIMARY KEY because the full-text index refers to rows
 * by rowid: an implicit rowid may be renumbered by VACUUM, an aliased one never is.
 * The 2- and 3-character prefix indexes keep search-as-you-type fast: the history searches every
 * word as a prefix, and short prefixes otherwise expand to most of the vocabulary.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE generations (
        seq               INTEGER PRIMARY KEY,
        id                TEXT    NOT NULL UNIQUE CHECK (length(id) = 16),
        created_at        TEXT    NOT NULL,
        text              TEXT    NOT NULL,
        text_sha256       TEXT    NOT NULL CHECK (length(text_sha256) = 64),
        voice_id          TEXT    NOT NULL,
        voice_name        TEXT    NOT NULL,
        model_sha256      TEXT,
        params            TEXT    NOT NULL CHECK (json_valid(params)),
        policy_decision   TEXT    NOT NULL CHECK (policy_decision IN ('allow', 'warn', 'block')),
        policy_violations TEXT    NOT NULL CHECK (json_valid(policy_violations)),
        policy_version    TEXT    NOT NULL,
        policy_hash       TEXT    NOT NULL,
        watermark_payload TEXT    NOT NULL UNIQUE,
        watermark_key_id  TEXT    NOT NULL,
        audio_sha256      TEXT    NOT NULL CHECK (length(audio_sha256) = 64),
        audio_file        TEXT    NOT NULL,
        duration_sec      REAL    NOT NULL CHECK (duration_sec >= 0),
        sample_rate       INTEGER NOT NULL CHECK (sample_rate > 0)
      ) STRICT;

      CREATE INDEX generations_by_created ON generations (created_at);
      CREATE INDEX generations_by_voice ON generations (voice_id, created_at);
      CREATE INDEX generations_by_decision ON generations (policy_decision, created_at);

      CREATE VIRTUAL TABLE generations_fts USING fts5 (
        text,
        content = 'generations',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );

      CREATE TRIGGER generations_fts_after_insert AFTER INSERT ON generations BEGIN
        INSERT INTO generations_fts (rowid, text) VALUES (new.seq, new.text);
      END;
      CREATE TRIGGER generations_fts_after_delete AFTER DELETE ON generations BEGIN
        INSERT INTO generations_fts (generations_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      END;
      CREATE TRIGGER generations_fts_after_update AFTER UPDATE OF text ON generations BEGIN
        INSERT INTO generations_fts (generations_fts, rowid, text) VALUES ('delete', old.seq, old.text);
        INSERT INTO generations_fts (rowid, text) VALUES (new.seq, new.text);
      END;

      -- Events go with their generation: deleting a generation is the user's right to forget it.
      CREATE TABLE usage_events (
        id            INTEGER PRIMARY KEY,
        generation_id TEXT REFERENCES generations (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('export', 'check', 'play')),
        at            TEXT NOT NULL,
        detail        TEXT NOT NULL CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX usage_events_by_generation ON usage_events (generation_id, at);

      -- Deliberately no text column: a refused script is recorded by its hash only.
      CREATE TABLE blocked_attempts (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        text_sha256    TEXT NOT NULL CHECK (length(text_sha256) = 64),
        voice_id       TEXT,
        rule_ids       TEXT NOT NULL CHECK (json_valid(rule_ids)),
        categories     TEXT NOT NULL CHECK (json_valid(categories)),
        policy_hash    TEXT NOT NULL,
        policy_version TEXT NOT NULL
      ) STRICT;
      CREATE INDEX blocked_attempts_by_at ON blocked_attempts (at);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
