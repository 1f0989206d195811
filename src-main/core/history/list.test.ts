import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDecisionKind } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { openHistory, type HistoryQuery, type HistoryStore } from './index';
import { makeTempDir, makeWav, newGeneration } from './testSupport';

interface Seed {
  text: string;
  voice: 'alba' | 'ryan';
  decision: PolicyDecisionKind;
  day: number;
}

/** Distinct days in March 2025 so "newest first" has one right answer. */
const SEEDS: Seed[] = [
  { text: 'The quick brown fox jumps over the lazy dog.', voice: 'alba', decision: 'allow', day: 1 },
  { text: 'A fox in the henhouse is not a good sign.', voice: 'ryan', decision: 'warn', day: 2 },
  { text: 'Fortune favours the bold, said the narrator.', voice: 'alba', decision: 'allow', day: 3 },
  { text: 'Welcome to the café — crème brûlée is on the menu.', voice: 'ryan', decision: 'allow', day: 4 },
  { text: 'Dogs and cats, living together: mass hysteria.', voice: 'alba', decision: 'warn', day: 5 },
  { text: 'Near the river, the wind said nothing at all.', voice: 'ryan', decision: 'allow', day: 6 },
  { text: 'Chapter one.\n\nIt was a bright cold day in April, and the clocks were striking thirteen.', voice: 'alba', decision: 'allow', day: 7 },
  { text: 'Das Wetter in München ist heute schön.', voice: 'ryan', decision: 'allow', day: 8 },
  { text: 'Hyphen-ated words and "quoted" phrases * with stars.', voice: 'alba', decision: 'warn', day: 9 },
  { text: '東京は今日も晴れです。', voice: 'ryan', decision: 'allow', day: 10 },
  { text: 'Not every fox is quick; some are merely brown.', voice: 'alba', decision: 'allow', day: 11 },
  { text: `A very long script. ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40)}`, voice: 'ryan', decision: 'allow', day: 12 },
];

let dir: ReturnType<typeof makeTempDir>;
let store: HistoryStore;
const idsByDay = new Map<number, string>();

beforeAll(() => {
  dir = makeTempDir();
  store = openHistory(join(dir.path, 'data'), { log: () => {} });
  // Saved out of date order: the list must sort by createdAt, not by insertion.
  for (const seed of [...SEEDS].sort((a, b) => (a.day % 5) - (b.day % 5) || a.day - b.day)) {
    const generation = newGeneration({
      text: seed.text,
      voiceId: `en_GB-${seed.voice}-medium`,
      voiceName: seed.voice === 'alba' ? 'Alba' : 'Ryan',
      createdAt: `2025-03-${String(seed.day).padStart(2, '0')}T12:00:00.000Z`,
      policy: { decision: seed.decision, violations: [], policyVersion: '2025.1', policyHash: 'f'.repeat(64) },
    });
    store.saveGeneration(generation, makeWav(200 + seed.day));
    idsByDay.set(seed.day, generation.id);
  }
});

afterAll(() => {
  store.close();
  dir.remove();
});

/** Days of the matching seeds, newest first, as the list returns them. */
function days(query: HistoryQuery): number[] {
  const dayById = new Map([...idsByDay].map(([day, id]) => [id, day]));
  return store.list({ limit: 500, ...query }).items.map((item) => dayById.get(item.id)!);
}

describe('list', () => {
  it('returns every generation newest first with its total', () => {
    const { items, total } = store.list({});
    expect(total).toBe(SEEDS.length);
    expect(days({})).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(items[11]).toEqual({
      id: idsByDay.get(1),
      createdAt: '2025-03-01T12:00:00.000Z',
      voice: 'en_GB-alba-medium',
      voiceName: 'Alba',
      textPreview: 'The quick brown fox jumps over the lazy dog.',
      durationSec: 0.05,
      decision: 'allow',
    });
  });

  it('gives a one-line preview, cut with an ellipsis', () => {
    const { items } = store.list({});
    const long = items.find((item) => item.id === idsByDay.get(12))!;
    expect(long.textPreview.endsWith('…')).toBe(true);
    expect(Array.from(long.textPreview).length).toBe(141);
    const chapter = items.find((item) => item.id === idsByDay.get(7))!;
    expect(chapter.textPreview).toBe('Chapter one. It was a bright cold day in April, and the clocks were striking thirteen.');
  });

  it('pages without gaps or overlaps, with a constant total', () => {
    const pages = [0, 5, 10].map((offset) => store.list({ limit: 5, offset }));
    expect(pages.map((page) => page.total)).toEqual([12, 12, 12]);
    expect(pages.map((page) => page.items.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(store.list({}).items.map((item) => item.id));
    expect(store.list({ limit: 5, offset: 50 })).toEqual({ items: [], total: 12 });
  });

  it('filters by voice, decision and date range, alone and together', () => {
    expect(days({ voiceId: 'en_GB-ryan-medium' })).toEqual([12, 10, 8, 6, 4, 2]);
    expect(days({ voiceId: 'en_GB-nobody-low' })).toEqual([]);
    expect(days({ decision: 'warn' })).toEqual([9, 5, 2]);
    expect(days({ decision: 'block' })).toEqual([]);
    // from is inclusive, to exclusive.
    expect(days({ from: '2025-03-03T12:00:00.000Z', to: '2025-03-06T12:00:00.000Z' })).toEqual([5, 4, 3]);
    expect(days({ from: '2025-03-10' })).toEqual([12, 11, 10]);
    expect(days({ to: '2025-03-02T13:00:00+01:00' })).toEqual([1]);
    expect(days({ voiceId: 'en_GB-alba-medium', decision: 'warn', from: '2025-03-06T00:00:00Z' })).toEqual([9]);
    expect(store.list({ voiceId: 'en_GB-alba-medium', limit: 2 }).total).toBe(6);
  });

  it('refuses malformed filters with INVALID_REQUEST', () => {
    const bad: HistoryQuery[] = [
      { limit: 0 },
      { limit: 501 },
      { limit: 2.5 },
      { offset: -1 },
      { decision: 'maybe' as PolicyDecisionKind },
      { from: 'last tuesday' },
      { to: '2025-13-45T99:00:00Z' },
    ];
    for (const query of bad) {
      expect(() => store.list(query), JSON.stringify(query)).toThrow(StudioError);
    }
  });
});

describe('full-text search', () => {
  it('finds words anywhere in the text, newest first, case-insensitively', () => {
    expect(days({ query: 'fox' })).toEqual([11, 2, 1]);
    expect(days({ query: 'FOX' })).toEqual([11, 2, 1]);
    expect(store.list({ query: 'fox', limit: 1 })).toMatchObject({ total: 3, items: [{ id: idsByDay.get(11) }] });
  });

  it('requires every word and matches word prefixes', () => {
    expect(days({ query: 'quick fox' })).toEqual([11, 1]);
    expect(days({ query: 'fo' })).toEqual([11, 3, 2, 1]);
    expect(days({ query: 'brown lazy' })).toEqual([1]);
    expect(days({ query: 'ox' })).toEqual([]);
  });

  it('matches across accents and scripts', () => {
    expect(days({ query: 'cafe creme' })).toEqual([4]);
    expect(days({ query: 'münchen' })).toEqual([8]);
    expect(days({ query: 'munchen' })).toEqual([8]);
    expect(days({ query: '東京は今日も晴れです' })).toEqual([10]);
  });

  it('combines search with the other filters', () => {
    expect(days({ query: 'fox', voiceId: 'en_GB-alba-medium' })).toEqual([11, 1]);
    expect(days({ query: 'fox', decision: 'warn' })).toEqual([2]);
    expect(days({ query: 'fox', to: '2025-03-02T00:00:00Z' })).toEqual([1]);
    expect(store.list({ query: 'the', limit: 2, offset: 2 }).total).toBe(days({ query: 'the' }).length);
  });

  it('treats an empty or blank query as no filter', () => {
    expect(store.list({ query: '' }).total).toBe(12);
    expect(store.list({ query: '  \n\t ' }).total).toBe(12);
  });

  it('reads FTS5 syntax as plain words and never throws', () => {
    const hostile = [
      '"', '""', '"fox', 'fox"', '*', '**', 'fox*', '*fox', '-', '-fox', 'fox -dog', '+', '^fox', ':', 'text:fox', '{text}: fox',
      '(', ')', '(fox', 'fox)', 'NEAR(', 'NEAR(fox dog)', 'NEAR(fox dog, 2)', 'AND', 'OR', 'NOT', 'fox AND', 'OR fox', 'NOT fox',
      'fox" OR "dog', "'; DROP TABLE generations; --", '\u0000', 'fox\u0000dog', '\ud800', '\udc00fox', '\u0301', 'e\u0301',
      '🦊', '🦊 fox', '\\', '%', '_', '[fox]', 'rank', 'generations_fts', '\u200b', 'x'.repeat(10_000), 'fox '.repeat(500),
    ];
    for (const query of hostile) {
      expect(() => store.list({ query }), JSON.stringify(query.slice(0, 40))).not.toThrow();
    }
    // Operators and punctuation are ignored, the words around them still search.
    expect(days({ query: 'NEAR(fox dog)' })).toEqual([]);
    expect(days({ query: 'fox*' })).toEqual([11, 2, 1]);
    expect(days({ query: '-fox' })).toEqual([11, 2, 1]);
    expect(days({ query: '"fox' })).toEqual([11, 2, 1]);
    expect(days({ query: 'text:fox' })).toEqual([]);
    expect(days({ query: 'NOT fox' })).toEqual([11, 2]);
    expect(days({ query: '"quoted" phrases *' })).toEqual([9]);
    expect(days({ query: 'hyphen-ated' })).toEqual([9]);
    // Nothing searchable left: nothing matches.
    expect(store.list({ query: '*' })).toEqual({ items: [], total: 0 });
    expect(store.list({ query: '"-()' })).toEqual({ items: [], total: 0 });
    // The history is untouched by all of the above.
    expect(store.list({}).total).toBe(12);
  });
});
