import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './index';

/** The text each violation points at, in the original string. */
function flaggedSlices(text: string, ruleId?: string): string[] {
  return evaluatePolicy(text)
    .violations.filter((v) => ruleId === undefined || v.ruleId === ruleId)
    .map((v) => text.slice(v.start, v.end));
}

describe('violation spans point at the original text', () => {
  it('plain text: the span is exactly the threatening clause', () => {
    const text = 'Good morning. I will kill you. Have a nice day.';
    expect(flaggedSlices(text)).toEqual(['I will kill you']);
  });

  it('zero-width characters inside a word are kept inside the span and offsets stay exact', () => {
    const text = 'Note: I will k\u200bi\u200bl\u200bl you tonight';
    const [v] = evaluatePolicy(text).violations;
    expect(v.start).toBe(text.indexOf('I will'));
    expect(v.end).toBe(text.indexOf(' tonight'));
    expect(text.slice(v.start, v.end)).toBe('I will k\u200bi\u200bl\u200bl you');
  });

  it('a character that NFKC expands to several (㈱ → "(株)") before the match does not shift offsets', () => {
    const text = '\u3231\u3231\u3231 ﬁne. I will kill you.';
    expect('\u3231'.normalize('NFKC')).toBe('(株)');
    expect(flaggedSlices(text)).toEqual(['I will kill you']);
  });

  it('a ligature inside the match expands during folding but the span covers the single original character', () => {
    // U+FB00 "ﬀ" folds to "ff"; "oﬀ yourself" must match "off yourself" and span the ligature once.
    const text = 'Just go oﬀ yourself.';
    expect(flaggedSlices(text, 'self_harm.directive')).toEqual(['oﬀ yourself']);
    expect(flaggedSlices(text, 'self_harm.suggestion')).toEqual(['go oﬀ yourself']);
  });

  it('mathematical bold letters (surrogate pairs) are spanned by whole code points', () => {
    const bold = (s: string) => [...s].map((c) => (c >= 'a' && c <= 'z' ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c)).join('');
    const text = `Well, ${bold('i will kill you')}!`;
    const [slice] = flaggedSlices(text);
    expect(slice).toBe(bold('i will kill you'));
    expect(slice.length).toBe(2 * 'iwillkillyou'.length + 3);
  });

  it('fullwidth letters and Cyrillic homoglyphs map back one to one', () => {
    const fullwidth = 'ＩＲＳ notice: pay today with gift cards or be arrested';
    expect(flaggedSlices(fullwidth, 'fraud.authority_payment_urgency')).toEqual([fullwidth]);
    const cyrillic = 'Тhis is thе ІRS. Pаy tоday with gift cards or you will be arrested.';
    const [slice] = flaggedSlices(cyrillic, 'fraud.authority_payment_urgency');
    expect(slice.startsWith('ІRS')).toBe(true);
    expect(slice.endsWith('arrested')).toBe(true);
  });

  it('a span never ends inside a grapheme: trailing combining marks are included', () => {
    const text = 'ok. I will kill you\u0301\u0336 now';
    expect(flaggedSlices(text)).toEqual(['I will kill you\u0301\u0336']);
  });

  it('spelled-out letters are spanned from the first to the last letter', () => {
    const text = 'hey... i  w i l l  k i l l  y o u .';
    expect(flaggedSlices(text)).toEqual(['i  w i l l  k i l l  y o u']);
  });

  it('two separate threats give two spans in text order', () => {
    const text = 'I will kill you. Nice weather. I will stab you.';
    expect(flaggedSlices(text)).toEqual(['I will kill you', 'I will stab you']);
  });

  it('spans index the string as given (no re-normalisation): decomposed input keeps its own offsets', () => {
    const text = 'Caf\u0065\u0301: I will kill you';
    expect(flaggedSlices(text)).toEqual(['I will kill you']);
  });
});
