/**
 * History performance at scale, called by `npm run bench` (bench/run.ts).
 *
 * Two insert paths are timed: the real `saveGeneration` (atomic WAV write with fsyncs, then the
 * commit, one generation per transaction) for a smaller count, and a bulk path that binds the same
 * INSERT statement (same table, indexes and FTS triggers) in transactions of 1,000 rows without
 * writing audio files, to fill the history to `rows` generations. Searches and list pages are then
 * timed through the real `list()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../files';
import { openDatabase } from './database';
import { INSERT_GENERATION_SQL, recordToRow } from './generationRows';
import { openHistory } from './store';
import { makeWav, newGeneration } from './testSupport';
import type { HistoryQuery, HistoryStore } from './types';
import type { GenerationRecord } from '../../../src-shared/domain';

export interface HistoryBenchFigures {
  /** Bulk path: generations per second, 1,000 per transaction. */
  insertPerSec: number;
  /** Median time of one search (first page + total) over a mix of rare, common, multi-word and prefix queries. */
  ftsQueryMs: number;
  /** Median time of the first unfiltered page (50 items + total). */
  listMs: number;
  /** Real path (`saveGeneration`, WAV written and fsynced, one transaction each). */
  realInsertPerSec: number;
  realInserts: number;
  /** The slowest query of the mix: a word in nearly every row. */
  ftsCommonWordMs: number;
  /** Opening the full history, start-up cleaning included. */
  openMs: number;
  rows: number;
}

const BULK_BATCH = 1_000;
const REAL_INSERTS = 500;
const TIMING_RUNS = 7;

const VOCABULARY = (
  'the a and of to in is it you that he was for on are as with his they at be this have from or one had by word but ' +
  'not what all were we when your can said there use an each which she do how their if will up other about out many ' +
  'then them these so some her would make like him into time has look two more write go see number no way could people ' +
  'my than first water been call who oil its now find long down day did get come made may part garden summer morning ' +
  'channel welcome thank watching today simple ways green dry soil mulch plants lavender rosemary comments river wind'
).split(' ');
const RARE_WORDS = ['zephyr', 'quasar', 'marmalade', 'obelisk', 'fjord'];

/** Deterministic text so runs compare: 30–70 words, and a rare word in about 1% of scripts. */
function scriptText(index: number): string {
  let state = (index * 2_654_435_761) >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state;
  };
  const words: string[] = [];
  const count = 30 + (next() % 41);
  for (let i = 0; i < count; i++) words.push(VOCABULARY[next() % VOCABULARY.length]);
  if (index % 100 === 7) words.splice(next() % words.length, 0, RARE_WORDS[Math.floor(index / 100) % RARE_WORDS.length]);
  return `${words.join(' ')}.`;
}

function createdAt(index: number): string {
  return new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
}

function generationId(index: number): string {
  return (0x1000_0000_0000 + index).toString(16).padStart(16, '0');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeList(store: HistoryStore, query: HistoryQuery): number {
  store.list(query); // warm the statement and the page cache
  const runs: number[] = [];
  for (let run = 0; run < TIMING_RUNS; run++) {
    const started = performance.now();
    store.list(query);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

function bulkInsert(dataDir: string, from: number, to: number): number {
  const db = openDatabase(dataDir);
  try {
    const insert = db.prepare(INSERT_GENERATION_SQL);
    const audioSha256 = sha256Hex('bench');
    const started = performance.now();
    for (let batchStart = from; batchStart < to; batchStart += BULK_BATCH) {
      db.transaction(() => {
        for (let index = batchStart; index < Math.min(batchStart + BULK_BATCH, to); index++) {
          const id = generationId(index);
          const text = scriptText(index);
          const record: GenerationRecord = {
            ...newGeneration({ id, text, createdAt: createdAt(index), watermark: { payload: id, keyId: 'bench' } }),
            voiceId: index % 3 === 0 ? 'en_GB-alba-medium' : 'en_US-lessac-medium',
            textSha256: sha256Hex(text),
            audioSha256,
          };
          insert.run(recordToRow(record, `audio/${id}.wav`));
        }
      })();
    }
    return ((to - from) / (performance.now() - started)) * 1000;
  } finally {
    db.close();
  }
}

export async function benchHistory(rows = 100_000): Promise<HistoryBenchFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-history-bench-'));
  try {
    const realInserts = Math.min(REAL_INSERTS, rows);
    const wav = makeWav(440, 22_050, 22_050); // one second of 22.05 kHz mono, 44 KB
    let store = openHistory(dataDir, { log: () => {} });
    const realStarted = performance.now();
    for (let index = 0; index < realInserts; index++) {
      const id = generationId(index);
      store.saveGeneration(
        newGeneration({ id, text: scriptText(index), createdAt: createdAt(index), watermark: { payload: id, keyId: 'bench' } }),
        wav,
      );
    }
    const realInsertPerSec = (realInserts / (performance.now() - realStarted)) * 1000;
    store.close();

    const insertPerSec = bulkInsert(dataDir, realInserts, rows);

    const openStarted = performance.now();
    store = openHistory(dataDir, { log: () => {} });
    const openMs = performance.now() - openStarted;
    try {
      const searchMix = ['zephyr', 'garden morning', 'lav', 'rosemary channel welcome', 'quasar OR "fjord', 'the'];
      const searchTimes = searchMix.map((query) => timeList(store, { query }));
      return {
        insertPerSec,
        ftsQueryMs: median(searchTimes),
        listMs: timeList(store, {}),
        realInsertPerSec,
        realInserts,
        ftsCommonWordMs: searchTimes[searchTimes.length - 1],
        openMs,
        rows,
      };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 100_000);
  process.stdout.write(`${JSON.stringify(await benchHistory(rows), null, 2)}\n`);
}
