import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { sha256Hex } from '../files';
import { openHistory, type HistoryStore } from './index';
import { makeTempDir, makeWav, newGeneration, newGenerationId, recordingLogger } from './testSupport';

let dir: ReturnType<typeof makeTempDir>;
let store: HistoryStore;
let logger: ReturnType<typeof recordingLogger>;

beforeEach(() => {
  dir = makeTempDir();
  logger = recordingLogger();
  store = openHistory(join(dir.path, 'data'), { log: logger.log });
});

afterEach(() => {
  store.close();
  dir.remove();
});

function reopen(): HistoryStore {
  store.close();
  store = openHistory(join(dir.path, 'data'), { log: logger.log });
  return store;
}

function rawDb(): Database.Database {
  return new Database(join(store.dataDir, 'history.sqlite'));
}

function audioFolderEntries(): string[] {
  return readdirSync(join(store.dataDir, 'audio')).sort();
}

function expectStudioError(run: () => unknown, code: string): StudioError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe(code);
    return error as StudioError;
  }
  throw new Error(`expected StudioError ${code}, nothing was thrown`);
}

describe('openHistory', () => {
  it('creates the data folder, the database and the audio folder, in WAL mode', () => {
    expect(existsSync(join(store.dataDir, 'history.sqlite'))).toBe(true);
    expect(existsSync(join(store.dataDir, 'audio'))).toBe(true);
    const db = rawDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    store.saveGeneration(newGeneration(), makeWav());
    expect(existsSync(join(store.dataDir, 'history.sqlite-wal'))).toBe(true);
  });

  it('wraps a file that is not a database in a typed error', () => {
    const other = join(dir.path, 'broken');
    openHistory(other, { log: logger.log }).close();
    writeFileSync(join(other, 'history.sqlite'), Buffer.alloc(8192, 0x5a));
    for (const suffix of ['-wal', '-shm']) writeFileSync(join(other, `history.sqlite${suffix}`), '');
    expectStudioError(() => openHistory(other, { log: logger.log }), 'INTERNAL');
  });
});

describe('saveGeneration and get', () => {
  it('writes the audio, computes both hashes and returns the stored record', () => {
    const wav = makeWav(523);
    const input = newGeneration({ text: 'Hello from the studio.', createdAt: '2025-03-01T11:30:00+01:00' });
    const record = store.saveGeneration(input, wav);

    expect(record.textSha256).toBe(sha256Hex('Hello from the studio.'));
    expect(record.audioSha256).toBe(sha256Hex(wav));
    expect(record.createdAt).toBe('2025-03-01T10:30:00.000Z');
    const path = join(store.dataDir, 'audio', `${input.id}.wav`);
    expect(new Uint8Array(readFileSync(path))).toEqual(wav);
    expect(store.audioPath(input.id)).toBe(path);
    expect(store.readAudio(input.id)).toEqual(wav);

    const found = store.get(input.id);
    expect(found).toEqual({ record, events: [], audioAvailable: true });
    expect(found!.record).toMatchObject({
      id: input.id,
      text: input.text,
      voiceId: input.voiceId,
      voiceName: input.voiceName,
      modelSha256: input.modelSha256,
      params: { speed: 1 },
      policy: input.policy,
      watermark: input.watermark,
      durationSec: input.durationSec,
      sampleRate: input.sampleRate,
    });
  });

  it('keeps policy violations and a null model hash through the round trip', () => {
    const input = newGeneration({
      modelSha256: null,
      params: { speed: 1.25 },
      policy: {
        decision: 'warn',
        violations: [
          { ruleId: 'imp-01', category: 'impersonation', severity: 'warn', start: 3, end: 9, explanation: 'Names a real person.' },
        ],
        policyVersion: '2025.2',
        policyHash: 'c'.repeat(64),
      },
    });
    store.saveGeneration(input, makeWav());
    const { record } = reopen().get(input.id)!;
    expect(record.modelSha256).toBeNull();
    expect(record.params).toEqual({ speed: 1.25 });
    expect(record.policy).toEqual(input.policy);
  });

  it('returns null / false for ids it does not hold, whatever their shape', () => {
    for (const id of [newGenerationId(), '../../etc/passwd', '', "' OR 1=1 --"]) {
      expect(store.get(id)).toBeNull();
      expect(store.readAudio(id)).toBeNull();
      expect(store.audioPath(id)).toBeNull();
      expect(store.delete(id)).toBe(false);
    }
  });

  it.each([
    ['an id that is not 16 hex digits', newGeneration({ id: '../../../tmp/evil', watermark: { payload: '../../../tmp/evil', keyId: 'k' } })],
    ['a watermark payload that differs from the id', newGeneration({ watermark: { payload: newGenerationId(), keyId: 'k' } })],
    ['a createdAt that is not ISO 8601', newGeneration({ createdAt: 'yesterday' })],
    ['a speed outside the limits', newGeneration({ params: { speed: 7 } })],
    ['a non-finite duration', newGeneration({ durationSec: Number.NaN })],
    ['an unknown decision', newGeneration({ policy: { decision: 'maybe' as 'allow', violations: [], policyVersion: '1', policyHash: 'd'.repeat(64) } })],
  ])('refuses %s with INVALID_REQUEST and writes nothing', (_label, input) => {
    expectStudioError(() => store.saveGeneration(input, makeWav()), 'INVALID_REQUEST');
    expect(audioFolderEntries()).toEqual([]);
    expect(store.list({}).total).toBe(0);
  });

  it('refuses bytes that are not a WAV file', () => {
    expectStudioError(() => store.saveGeneration(newGeneration(), new TextEncoder().encode('not a wav file at all')), 'INVALID_REQUEST');
    expect(audioFolderEntries()).toEqual([]);
  });

  it('refuses a duplicate id without touching the existing generation or its audio', () => {
    const first = newGeneration({ text: 'first take' });
    const firstWav = makeWav(300);
    store.saveGeneration(first, firstWav);
    const error = expectStudioError(
      () => store.saveGeneration(newGeneration({ id: first.id, text: 'second take' }), makeWav(900)),
      'INTERNAL',
    );
    expect(error.details).toEqual({ reason: 'generation_id_exists' });
    expect(store.readAudio(first.id)).toEqual(firstWav);
    expect(store.get(first.id)!.record.text).toBe('first take');
    expect(audioFolderEntries()).toEqual([`${first.id}.wav`]);
  });

  it('removes the freshly written audio when the row cannot be committed', () => {
    const db = rawDb();
    db.exec(`CREATE TRIGGER refuse_inserts BEFORE INSERT ON generations BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    db.close();

    const input = newGeneration({ text: 'this must leave no trace' });
    const error = expectStudioError(() => store.saveGeneration(input, makeWav()), 'INTERNAL');
    expect(error.details).toEqual({ reason: 'history_save_failed' });
    expect(audioFolderEntries()).toEqual([]);
    expect(store.get(input.id)).toBeNull();
    expect(logger.entries).toContainEqual({ code: 'HISTORY_SAVE_FAILED', fields: { id: input.id, audioRemoved: true } });
    expect(JSON.stringify(logger.entries)).not.toContain('this must leave no trace');

    const repair = rawDb();
    repair.exec('DROP TRIGGER refuse_inserts');
    repair.close();
    store.saveGeneration(input, makeWav());
    expect(audioFolderEntries()).toEqual([`${input.id}.wav`]);
  });
});

describe('readAudio integrity', () => {
  it('throws AUDIO_CORRUPT when the file no longer matches its recorded hash', () => {
    const input = newGeneration();
    store.saveGeneration(input, makeWav(440));
    writeFileSync(join(store.dataDir, 'audio', `${input.id}.wav`), makeWav(441));
    expectStudioError(() => store.readAudio(input.id), 'AUDIO_CORRUPT');
    expect(logger.entries).toContainEqual({ code: 'HISTORY_AUDIO_CHECKSUM_MISMATCH', fields: { id: input.id } });
  });

  it('keeps a row whose audio was removed outside the studio, and reports it', () => {
    const kept = newGeneration({ text: 'provenance outlives the file' });
    const intact = newGeneration();
    store.saveGeneration(kept, makeWav());
    store.saveGeneration(intact, makeWav(200));
    const path = store.audioPath(kept.id)!;
    store.close();
    rmSync(path);

    store = openHistory(join(dir.path, 'data'), { log: logger.log });
    expect(store.startupReport.rowsMissingAudio).toEqual([kept.id]);
    expect(logger.entries).toContainEqual({ code: 'HISTORY_AUDIO_MISSING', fields: { rows: 1 } });
    expect(store.get(kept.id)).toMatchObject({ record: { text: 'provenance outlives the file' }, audioAvailable: false });
    expect(store.readAudio(kept.id)).toBeNull();
    expect(store.audioPath(kept.id)).toBeNull();
    expect(store.get(intact.id)!.audioAvailable).toBe(true);
    expect(store.list({}).total).toBe(2);
  });
});

describe('delete', () => {
  it('removes the row, its search entry, its usage events and its audio file', () => {
    const doomed = newGeneration({ text: 'zebra crossing at midnight' });
    const other = newGeneration({ text: 'zebra stripes at noon' });
    store.saveGeneration(doomed, makeWav());
    store.saveGeneration(other, makeWav(600));
    store.addUsageEvent('play', doomed.id, {});
    store.addUsageEvent('export', doomed.id, { format: 'mp3', bytes: 1234 });
    store.addUsageEvent('play', other.id, {});
    const path = store.audioPath(doomed.id)!;

    expect(store.delete(doomed.id)).toBe(true);

    expect(existsSync(path)).toBe(false);
    expect(store.get(doomed.id)).toBeNull();
    expect(store.list({ query: 'midnight' }).total).toBe(0);
    expect(store.list({ query: 'zebra' }).items.map((item) => item.id)).toEqual([other.id]);
    const db = rawDb();
    expect(db.prepare('SELECT count(*) AS n FROM usage_events WHERE generation_id = ?').get(doomed.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM usage_events').get()).toEqual({ n: 1 });
    // The external-content index must agree with its table (FTS5 raises if it does not).
    expect(() => db.exec(`INSERT INTO generations_fts (generations_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    db.close();
    expect(store.delete(doomed.id)).toBe(false);
    expect(audioFolderEntries()).toEqual([`${other.id}.wav`]);
  });
});

describe('recentIds', () => {
  it('lists the newest generations first, up to the limit, without deleted ones', () => {
    const saved = [0, 1, 2, 3].map(() => newGeneration());
    for (const generation of saved) store.saveGeneration(generation, makeWav());
    store.delete(saved[2].id);
    expect(store.recentIds(10)).toEqual([saved[3].id, saved[1].id, saved[0].id]);
    expect(store.recentIds(2)).toEqual([saved[3].id, saved[1].id]);
    expect(store.recentIds(0)).toEqual([]);
    expectStudioError(() => store.recentIds(-1), 'INVALID_REQUEST');
  });
});

describe('usage events', () => {
  it('records events against a generation, and events not tied to one', () => {
    const input = newGeneration();
    store.saveGeneration(input, makeWav());
    store.addUsageEvent('export', input.id, { format: 'wav', bytes: 1644 });
    store.addUsageEvent('check', input.id, { score: 0.93 });
    store.addUsageEvent('check', null, { score: 0.01 });

    const { events } = store.get(input.id)!;
    expect(events.map(({ kind, generationId, detail }) => ({ kind, generationId, detail }))).toEqual([
      { kind: 'export', generationId: input.id, detail: { format: 'wav', bytes: 1644 } },
      { kind: 'check', generationId: input.id, detail: { score: 0.93 } },
    ]);
    expect(events.every((event) => Number.isInteger(event.id) && !Number.isNaN(Date.parse(event.at)))).toBe(true);
    const db = rawDb();
    expect(db.prepare('SELECT kind, detail FROM usage_events WHERE generation_id IS NULL').all()).toEqual([
      { kind: 'check', detail: '{"score":0.01}' },
    ]);
    db.close();
  });

  it('refuses an unknown generation, an unknown kind and oversized detail', () => {
    expectStudioError(() => store.addUsageEvent('play', newGenerationId(), {}), 'HISTORY_NOT_FOUND');
    expectStudioError(() => store.addUsageEvent('share' as 'play', null, {}), 'INVALID_REQUEST');
    expectStudioError(() => store.addUsageEvent('play', null, { blob: 'x'.repeat(5_000) }), 'INVALID_REQUEST');
  });
});

describe('blocked attempts', () => {
  it('stores the hash and rules of a refused script, never its text', () => {
    const refusedMarker = 'REFUSED-MARKER-7f3c9a1e';
    const refusedText = `Please say ${refusedMarker} in the voice of a bank clerk.`;
    const storedMarker = 'STORED-MARKER-5b2d8e40';
    const attempt = {
      at: '2025-03-02T09:00:00.000Z',
      textSha256: sha256Hex(refusedText),
      voiceId: 'en_US-test-medium',
      ruleIds: ['fraud-03'],
      categories: ['fraud_scam'],
      policyHash: 'e'.repeat(64),
      policyVersion: '2025.1',
    };
    // A caller's object may carry more than the interface names; the text must still not be kept.
    store.recordBlockedAttempt({ ...attempt, text: refusedText } as typeof attempt);
    store.recordBlockedAttempt({ ...attempt, at: '2025-03-02T08:00:00.000Z', voiceId: null });
    // Positive control: text that IS stored can be found by the same byte scan.
    store.saveGeneration(newGeneration({ text: `An allowed script with ${storedMarker}.` }), makeWav());

    expect(store.blockedAttempts()).toEqual([attempt, { ...attempt, at: '2025-03-02T08:00:00.000Z', voiceId: null }]);
    expect(store.blockedAttempts(1)).toEqual([attempt]);

    store.close();
    const bytes = ['history.sqlite', 'history.sqlite-wal']
      .map((name) => join(dir.path, 'data', name))
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
    expect(bytes).toContain(storedMarker);
    expect(bytes).not.toContain(refusedMarker);
    store = openHistory(join(dir.path, 'data'), { log: logger.log });
  });

  it('refuses an attempt whose hash is not a sha256', () => {
    expectStudioError(
      () =>
        store.recordBlockedAttempt({
          at: '2025-03-02T09:00:00.000Z',
          textSha256: 'the raw text instead of its hash',
          voiceId: null,
          ruleIds: [],
          categories: [],
          policyHash: 'e'.repeat(64),
          policyVersion: '1',
        }),
      'INVALID_REQUEST',
    );
  });
});

describe('settings', () => {
  it('round-trips, merges patches and survives a reopen', () => {
    expect(store.getSettings()).toEqual({});
    store.saveSettings({ theme: 'dark', defaultVoiceId: 'en_US-test-medium' });
    store.saveSettings({ exportFormat: 'mp3', defaultVoiceId: null });
    expect(reopen().getSettings()).toEqual({ theme: 'dark', exportFormat: 'mp3', defaultVoiceId: null });
  });

  it('writes all of a patch or none of it', () => {
    store.saveSettings({ theme: 'light' });
    expectStudioError(() => store.saveSettings({ theme: 'dark', exportFormat: 'ogg' as 'wav' }), 'INVALID_REQUEST');
    expectStudioError(() => store.saveSettings({ volume: 11 } as never), 'INVALID_REQUEST');
    expect(store.getSettings()).toEqual({ theme: 'light' });
  });

  it('ignores stored values that no longer fit the schema', () => {
    store.saveSettings({ theme: 'dark', exportFormat: 'wav' });
    const db = rawDb();
    db.prepare(`UPDATE settings SET value = '"sepia"' WHERE key = 'theme'`).run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('retired', '1')`).run();
    db.close();
    expect(store.getSettings()).toEqual({ exportFormat: 'wav' });
    expect(logger.entries).toContainEqual({ code: 'HISTORY_SETTING_IGNORED', fields: { key: 'theme' } });
  });
});

describe('start-up cleaning', () => {
  it('removes audio without a row and .tmp- leftovers, and keeps everything else', () => {
    const kept = newGeneration();
    store.saveGeneration(kept, makeWav());
    store.close();
    const audio = join(dir.path, 'data', 'audio');
    const orphanId = newGenerationId();
    writeFileSync(join(audio, `${orphanId}.wav`), makeWav(700));
    writeFileSync(join(audio, `.tmp-${newGenerationId()}.wav-a1b2c3d4e5f6`), makeWav(800).subarray(0, 20));
    writeFileSync(join(audio, 'README.txt'), 'not ours to delete');

    store = openHistory(join(dir.path, 'data'), { log: logger.log });

    expect(audioFolderEntries()).toEqual([`${kept.id}.wav`, 'README.txt'].sort());
    expect(store.startupReport).toEqual({ removedOrphanAudio: 1, removedTempFiles: 1, removalFailures: 0, rowsMissingAudio: [] });
    expect(logger.entries).toContainEqual({ code: 'HISTORY_ORPHANS_REMOVED', fields: { audioFiles: 1, tempFiles: 1 } });
    expect(store.readAudio(kept.id)).toEqual(makeWav());
  });
});

describe('start-up cleaning failures', () => {
  it('opens the history even when a leftover cannot be removed, and says so', () => {
    store.close();
    const stuck = join(dir.path, 'data', 'audio', '.tmp-stuck');
    mkdirSync(stuck);
    writeFileSync(join(stuck, 'inside'), 'x'); // a non-empty folder is not removed as a file

    store = openHistory(join(dir.path, 'data'), { log: logger.log });

    expect(store.startupReport).toEqual({ removedOrphanAudio: 0, removedTempFiles: 0, removalFailures: 1, rowsMissingAudio: [] });
    expect(logger.entries).toContainEqual({ code: 'HISTORY_ORPHANS_NOT_REMOVED', fields: { files: 1 } });
    store.saveGeneration(newGeneration(), makeWav());
    expect(store.list({}).total).toBe(1);
  });
});

describe('logging', () => {
  it('never receives the text of a generation', () => {
    const secret = 'LOG-MARKER-c0ffee';
    const input = newGeneration({ text: `script ${secret}` });
    store.saveGeneration(input, makeWav());
    writeFileSync(store.audioPath(input.id)!, makeWav(100));
    expect(() => store.readAudio(input.id)).toThrow(StudioError);
    store.delete(input.id);
    expect(logger.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.entries)).not.toContain(secret);
  });
});
