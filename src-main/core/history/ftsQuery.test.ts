import { describe, expect, it } from 'vitest';
import { toFtsMatchExpression } from './ftsQuery';

describe('toFtsMatchExpression', () => {
  it('quotes each word and matches it as a prefix', () => {
    expect(toFtsMatchExpression('hello world')).toBe('"hello"* "world"*');
    expect(toFtsMatchExpression('  Café\tcrème ')).toBe('"Café"* "crème"*');
  });

  it('keeps operators as words and drops punctuation', () => {
    expect(toFtsMatchExpression('fox AND NEAR(dog) -cat "x*')).toBe('"fox"* "AND"* "NEAR"* "dog"* "cat"* "x"*');
    expect(toFtsMatchExpression('text:fox')).toBe('"text"* "fox"*');
  });

  it('returns null when nothing searchable is left', () => {
    for (const query of ['', '*', '"()-', '\u0000\ud800', '— … !']) expect(toFtsMatchExpression(query)).toBeNull();
  });

  it('bounds the number of words and the length considered', () => {
    expect(toFtsMatchExpression('w '.repeat(100))!.split(' ').length).toBe(16);
    expect(toFtsMatchExpression('a'.repeat(1_000))).toBe(`"${'a'.repeat(200)}"*`);
  });
});
