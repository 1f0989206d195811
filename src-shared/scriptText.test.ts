import { describe, expect, it } from 'vitest';
import { StudioError, type ErrorCode } from './errors';
import { LIMITS } from './limits';
import { decodeScriptBytes, validateScript } from './scriptText';

function codeOf(run: () => unknown): ErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof StudioError) return error.code;
    throw error;
  }
}

describe('validateScript', () => {
  it('returns ordinary text unchanged, tabs and all three newline styles allowed', () => {
    const text = 'Line one.\tTabbed.\nLine two.\r\nLine three.\rEnd.';
    expect(validateScript(text)).toBe(text);
  });

  it('returns the NFC form (decomposed é becomes one code unit)', () => {
    const decomposed = 'Caf\u0065\u0301 au lait';
    const result = validateScript(decomposed);
    expect(result).toBe('Caf\u00e9 au lait');
    expect(result.length).toBe(decomposed.length - 1);
  });

  it.each([
    ['empty string', ''],
    ['spaces, tabs and newlines only', ' \n\t \r\n  '],
    ['zero-width and format characters only', '\u200b\u200c\u200d\u2060\ufeff'],
    ['ideographic space, NBSP and braille blank', '\u3000\u00a0\u2800'],
    ['Hangul filler and variation selector', '\u3164\ufe0f'],
  ])('%s → TEXT_EMPTY', (_name, text) => {
    expect(codeOf(() => validateScript(text))).toBe('TEXT_EMPTY');
  });

  it('accepts exactly the limit and refuses one code unit more', () => {
    expect(validateScript('a'.repeat(LIMITS.maxTextChars)).length).toBe(LIMITS.maxTextChars);
    expect(codeOf(() => validateScript('a'.repeat(LIMITS.maxTextChars + 1)))).toBe('TEXT_TOO_LONG');
  });

  it('counts the NFC form: 20,001 decomposed units that compose to 20,000 are accepted', () => {
    const text = 'a'.repeat(LIMITS.maxTextChars - 1) + 'e\u0301';
    expect(text.length).toBe(LIMITS.maxTextChars + 1);
    expect(validateScript(text).length).toBe(LIMITS.maxTextChars);
  });

  it('counts UTF-16 code units: an emoji counts 2, so 9,999 emoji + 2 letters fit and 10,000 emoji + 1 do not', () => {
    expect(codeOf(() => validateScript('\u{1F600}'.repeat(9_999) + 'ab'))).toBe('none');
    expect(codeOf(() => validateScript('\u{1F600}'.repeat(10_000) + 'a'))).toBe('TEXT_TOO_LONG');
  });

  it('refuses text far past the envelope without scanning it (still TEXT_TOO_LONG, even if binary)', () => {
    expect(codeOf(() => validateScript('\u0000'.repeat(LIMITS.maxTextChars * 4 + 1)))).toBe('TEXT_TOO_LONG');
  });

  it.each([
    ['lone high surrogate', 'abc\ud800def'],
    ['lone low surrogate', 'abc\udc00def'],
    ['high surrogate at the very end', 'abc\ud83d'],
    ['U+FFFD from a lossy decode', 'caf\ufffd'],
    ['noncharacter U+FFFF', 'a\uffffb'],
  ])('%s → TEXT_INVALID_ENCODING', (_name, text) => {
    expect(codeOf(() => validateScript(text))).toBe('TEXT_INVALID_ENCODING');
  });

  it.each([
    ['NUL', 'hello\u0000world'],
    ['bell', 'ring\u0007'],
    ['escape sequence', '\u001b[31mred'],
    ['vertical tab', 'a\u000bb'],
    ['form feed', 'a\u000cb'],
    ['DEL', 'a\u007fb'],
    ['C1 NEL', 'a\u0085b'],
    ['C1 CSI', 'a\u009bb'],
  ])('%s → TEXT_CONTROL_CHARS', (_name, text) => {
    expect(codeOf(() => validateScript(text))).toBe('TEXT_CONTROL_CHARS');
  });

  it('reports 20,001 characters of binary data as control characters, not as too long', () => {
    const bytes = new Uint8Array(LIMITS.maxTextChars + 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 128; // valid ASCII, full of C0 controls
    const text = decodeScriptBytes(bytes);
    expect(text.length).toBe(LIMITS.maxTextChars + 1);
    expect(codeOf(() => validateScript(text))).toBe('TEXT_CONTROL_CHARS');
  });

  it('reports 20,001 spaces as empty and 20,001 letters as too long', () => {
    expect(codeOf(() => validateScript(' '.repeat(LIMITS.maxTextChars + 1)))).toBe('TEXT_EMPTY');
    expect(codeOf(() => validateScript('x'.repeat(LIMITS.maxTextChars + 1)))).toBe('TEXT_TOO_LONG');
  });

  it('encoding problems win over control characters (a lossy decode of binary is not text)', () => {
    expect(codeOf(() => validateScript('\u0000\ufffd'))).toBe('TEXT_INVALID_ENCODING');
  });

  it('refuses punctuation- or emoji-only scripts as having nothing speakable', () => {
    expect(codeOf(() => validateScript('?!… — ***'))).toBe('TEXT_NO_SPEAKABLE_CONTENT');
    expect(codeOf(() => validateScript('\u{1F600}\u{1F389}'))).toBe('TEXT_NO_SPEAKABLE_CONTENT');
    expect(validateScript('42')).toBe('42');
  });

  it('never puts the text itself into the error', () => {
    const secret = 'my-secret-script\u0000';
    try {
      validateScript(secret);
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify((error as StudioError).toJSON())).not.toContain('secret');
    }
  });
});

describe('decodeScriptBytes', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('decodes UTF-8 including astral characters', () => {
    expect(decodeScriptBytes(encode('Grüße \u{1F600} 你好'))).toBe('Grüße \u{1F600} 你好');
  });

  it('strips one leading BOM and keeps a second one as content', () => {
    expect(decodeScriptBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi');
    expect(decodeScriptBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x68]))).toBe('\ufeffh');
  });

  it.each([
    ['lone continuation byte', [0x61, 0x80, 0x62]],
    ['truncated 3-byte sequence', [0x61, 0xe2, 0x82]],
    ['overlong encoding of "/"', [0xc0, 0xaf]],
    ['encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 byte', [0x63, 0x61, 0x66, 0xe9]],
    ['UTF-16LE with BOM', [0xff, 0xfe, 0x68, 0x00]],
  ])('%s → TEXT_INVALID_ENCODING', (_name, bytes) => {
    expect(codeOf(() => decodeScriptBytes(new Uint8Array(bytes)))).toBe('TEXT_INVALID_ENCODING');
  });

  it('valid UTF-8 that carries NUL bytes decodes, then validateScript refuses it', () => {
    const text = decodeScriptBytes(new Uint8Array([0x68, 0x00, 0x69]));
    expect(text).toBe('h\u0000i');
    expect(codeOf(() => validateScript(text))).toBe('TEXT_CONTROL_CHARS');
  });

  it('empty bytes decode to an empty string that validateScript calls empty', () => {
    expect(codeOf(() => validateScript(decodeScriptBytes(new Uint8Array())))).toBe('TEXT_EMPTY');
  });
});
