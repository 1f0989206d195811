import { describe, expect, it } from 'vitest';
import { testVoicePhonemeIdMap } from '../../../scripts/make-test-voice';
import { phonemesToIds } from './index';

describe('phonemesToIds', () => {
  const map = testVoicePhonemeIdMap();
  const id = (symbol: string) => map[symbol][0];

  it('frames phonemes as ^ _ p1 _ p2 _ … _ $ (piper-phonemize convention)', () => {
    const { ids, missing } = phonemesToIds('həlˈoʊ.', map);
    const pad = id('_');
    expect(ids).toEqual([
      id('^'), pad, id('h'), pad, id('ə'), pad, id('l'), pad, id('ˈ'), pad, id('o'), pad, id('ʊ'), pad, id('.'), pad, id('$'),
    ]);
    expect(missing).toBe(0);
  });

  it('decomposes to NFD so precomposed letters match the map’s combining marks', () => {
    const { ids } = phonemesToIds('ç', map);
    expect(ids.slice(2, 6)).toEqual([id('c'), id('_'), id('\u0327'), id('_')]);
  });

  it('skips and counts phonemes the voice does not know', () => {
    const { ids, missing } = phonemesToIds('a☃b', map);
    expect(missing).toBe(1);
    expect(ids).toEqual([id('^'), id('_'), id('a'), id('_'), id('b'), id('_'), id('$')]);
  });

  it('supports several ids per phoneme', () => {
    const custom = { _: [0], '^': [1], $: [2], a: [7, 8] };
    expect(phonemesToIds('a', custom).ids).toEqual([1, 0, 7, 8, 0, 2]);
  });
});
