import { describe, expect, it } from 'vitest';
import { createCharacterFolder } from './normaliseText';
import { createTokeniser, type TokenStream } from './tokenise';

const homoglyphs = new Map<number, string>([
  [0x0430, 'a'], [0x0435, 'e'], [0x043e, 'o'], [0x0456, 'i'], [0x0406, 'i'], [0x03bf, 'o'], [0x2019, "'"], [0x1d0b, 'k'],
]);
const folder = createCharacterFolder(homoglyphs);
const tokenise = createTokeniser({
  leet: new Map([['0', ['o']], ['1', ['i', 'l']], ['3', ['e']], ['4', ['a']], ['5', ['s']], ['7', ['t']], ['@', ['a']], ['$', ['s']]]),
  letterSplitMinRun: 3,
  vocabulary: new Set(['i', 'will', 'kill', 'you', 'hate']),
  vocabularyMaxWordLength: 24,
});
const stream = (text: string): TokenStream => tokenise(folder.normalise(text));
const surfaces = (text: string) => stream(text).tokens.map((t) => t.forms[0]);
const allForms = (text: string) => stream(text).tokens.map((t) => t.forms);

describe('character folding', () => {
  it('folds case, accents, fullwidth, mathematical letters, ligatures and homoglyphs', () => {
    expect(folder.foldWord('KÍLL')).toBe('kill');
    expect(folder.foldWord('ｋｉｌｌ')).toBe('kill');
    expect(folder.foldWord('\u{1D424}\u{1D422}\u{1D425}\u{1D425}')).toBe('kill');
    expect(folder.foldWord('ﬁne')).toBe('fine');
    expect(folder.foldWord('kіll')).toBe('kill'); // Cyrillic і
    expect(folder.foldWord('ᴋill')).toBe('kill'); // small capital K
    expect(folder.foldWord('Straße')).toBe('strasse');
    expect(folder.foldWord('İstanbul')).toBe('istanbul');
    expect(folder.foldWord('don’t')).toBe("don't");
  });

  it('drops zero-width, bidi and other invisible characters without splitting the word', () => {
    expect(folder.foldWord('k\u200bi\u200cl\u200dl\u2060\ufeff\u00ad')).toBe('kill');
    expect(folder.foldWord('k\u202eill')).toBe('kill');
  });

  it('keeps an offset map from every folded unit back to its original code point', () => {
    const original = 'a\u{1D41B}\u200bﬀ';
    const folded = folder.normalise(original);
    expect(folded.text).toBe('abff');
    expect([...folded.sourceStart]).toEqual([0, 1, 4, 4]);
    expect([...folded.sourceEnd]).toEqual([1, 3, 5, 5]);
  });

  it('records which letters were upper case in the original', () => {
    expect([...folder.normalise('aBc').upper]).toEqual([0, 1, 0]);
  });
});

describe('tokenising', () => {
  it('matches whole words only: Scunthorpe and assassin’s stay single tokens', () => {
    expect(surfaces('Scunthorpe won; Assassin’s Creed')).toEqual(['scunthorpe', 'won', "assassin's", 'creed']);
  });

  it('offers leet readings only for words that contain a letter', () => {
    const forms = allForms('k1ll')[0];
    expect(forms[0]).toBe('k1ll');
    expect(forms).toEqual(expect.arrayContaining(['kill', 'klll']));
    expect(allForms('h@te $cam')[0]).toContain('hate');
    expect(allForms('h@te $cam')[1]).toContain('scam');
    expect(allForms('2024 1999')).toEqual([['2024'], ['1999']]);
  });

  it('does not treat trailing punctuation as leet', () => {
    expect(surfaces('hello! really?')).toEqual(['hello', 'really']);
  });

  it('collapses drawn-out letters as extra forms', () => {
    expect(allForms('kiiiiill')[0]).toEqual(expect.arrayContaining(['kiiiiill', 'kiill', 'kil']));
  });

  it('joins letters split by spaces, dots or dashes', () => {
    expect(surfaces('k i l l')).toEqual(['kill']);
    expect(surfaces('k.i.l.l')).toEqual(['kill']);
    expect(surfaces('k-i-l-l')).toEqual(['kill']);
    expect(surfaces('k*i*l*l')).toEqual(['kill']);
  });

  it('splits spelled-out words where the separator changes, or by vocabulary when it does not', () => {
    expect(surfaces('k.i.l.l y.o.u')).toEqual(['kill', 'you']);
    expect(surfaces('i  w i l l  k i l l  y o u')).toEqual(['i', 'will', 'kill', 'you']);
    expect(surfaces('i w i l l k i l l y o u')).toEqual(['i', 'will', 'kill', 'you']);
  });

  it('glues a fragment split off by one joiner ("ki-ll", "k.ill") and a policy word split in two ("h-ate")', () => {
    expect(surfaces('ki-ll k.ill kil_l')).toEqual(['kill', 'kill', 'kill']);
    expect(surfaces('h-ate')).toEqual(['hate']);
    expect(surfaces('self-harm Wi-Fi 3.5')).toEqual(['self', 'harm', 'wifi', '3', '5']);
  });

  it('spelled-out letters may be separated by any symbol, emoji included', () => {
    expect(surfaces('k🔪i🔪l🔪l')).toEqual(['kill']);
  });

  it('reads a capital I inside a lower-case word as l too ("kiIl"), but not in all-caps words', () => {
    expect(allForms('kiIl')[0]).toContain('kill');
    expect(allForms('KILL IRS')).toEqual([['kill'], ['irs']]);
  });

  it('leaves ordinary single letters and numbers alone', () => {
    expect(surfaces('I am a cat')).toEqual(['i', 'am', 'a', 'cat']);
    expect(surfaces('1 2 3 4')).toEqual(['1', '2', '3', '4']);
    expect(surfaces('Plan B is fine')).toEqual(['plan', 'b', 'is', 'fine']);
  });

  it('marks capitalised tokens from the original case', () => {
    expect(stream('meet President Lincoln').tokens.map((t) => t.capitalized)).toEqual([false, true, true]);
  });

  it('splits sentences at terminators followed by a capital, not at abbreviations, initials or dialogue tags', () => {
    const sentences = (text: string) => stream(text).tokens.map((t) => t.sentence);
    expect(sentences('Stop. Go now')).toEqual([0, 1, 1]);
    expect(sentences('Mr. Smith left')).toEqual([0, 0, 0]);
    expect(sentences('J. R. Tolkien wrote')).toEqual([0, 0, 0, 0]);
    expect(sentences('"Run!" she screamed')).toEqual([0, 0, 0]);
    expect(sentences('one\ntwo')).toEqual([0, 1]);
    expect(sentences('version 3.5 is out')).toEqual([0, 0, 0, 0, 0]);
  });

  it('token spans are original offsets', () => {
    const text = 'x \u3231 ｈｉ';
    const tokens = stream(text).tokens;
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['x', '\u3231', 'ｈｉ']);
  });
});
