import { LIMITS } from '../../../src-shared/limits';

/** Bounds the work one search can ask of FTS5. */
const MAX_TERMS = 16;

/**
 * Turns what a user typed into an FTS5 MATCH expression that cannot be read as query syntax.
 *
 * Only runs of letters, digits and marks survive (the same characters the unicode61 tokenizer keeps),
 * so operators (`AND`, `NEAR(`, `-`, `^`, `col:`), quotes and stars never reach FTS5 as syntax; each
 * word is then a quoted string with a prefix star: `"hel"* "wor"*`, i.e. every word must start a word
 * of the text. Returns null when nothing searchable is left (then nothing can match).
 */
export function toFtsMatchExpression(userQuery: string): string | null {
  const bounded = userQuery.slice(0, LIMITS.maxSearchQueryChars);
  const terms = bounded.match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu);
  if (!terms) return null;
  return terms
    .slice(0, MAX_TERMS)
    .map((term) => `"${term.replaceAll('"', '""')}"*`)
    .join(' ');
}
