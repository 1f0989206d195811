/**
 * Character folding for policy matching, with an offset map back to the original text.
 *
 * Each code point of the original is folded on its own:
 *   - default-ignorable and format characters (zero-width space/joiners, soft hyphen, BOM, bidi
 *     controls, variation selectors, tag characters) produce nothing, so they neither hide a word
 *     nor split one;
 *   - otherwise compatibility decomposition (NFKD: fullwidth forms, ligatures, mathematical
 *     alphanumerics, circled letters, superscripts…), every combining mark dropped (accents,
 *     "Zalgo" stacks), the policy's homoglyph table (Cyrillic/Greek look-alikes, curly
 *     apostrophes…), then lower case (ß → ss).
 * NFKD with marks dropped gives the same letters as NFKC followed by accent stripping; doing it per
 * code point is what lets every output unit remember the exact original span it came from.
 */

export interface NormalisedText {
  /** Folded text; a code point of the original may become zero, one or several units here. */
  readonly text: string;
  /** For each UTF-16 unit of `text`: start and end (exclusive) of the original code point it came from. */
  readonly sourceStart: Int32Array;
  readonly sourceEnd: Int32Array;
  /** 1 where the unit came from an upper-case source character. */
  readonly upper: Uint8Array;
}

export interface CharacterFolder {
  normalise(original: string): NormalisedText;
  /** Folds a policy word the same way (no offsets); used when compiling lexicon terms. */
  foldWord(word: string): string;
}

interface Folded {
  readonly out: string;
  readonly upper: boolean;
}

const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const MARK = /^\p{M}$/u;
/** Folding results are cached per code point, up to this many distinct ones per policy. */
const CACHE_LIMIT = 1 << 16;
const EMPTY: Folded = { out: '', upper: false };

export function createCharacterFolder(homoglyphs: ReadonlyMap<number, string>): CharacterFolder {
  const cache = new Map<number, Folded>();

  function foldSingle(char: string, sink: { out: string; upper: boolean }): void {
    if (MARK.test(char)) return;
    const lower = char.toLowerCase();
    if (lower !== char) sink.upper = true;
    const replacement = homoglyphs.get(char.codePointAt(0)!);
    if (replacement !== undefined) {
      sink.out += replacement;
      return;
    }
    // The table is consulted again after lower-casing, so listing one case of a look-alike is enough.
    for (const unit of lower) {
      if (MARK.test(unit)) continue; // 'İ'.toLowerCase() is 'i' + combining dot
      sink.out += homoglyphs.get(unit.codePointAt(0)!) ?? (unit === 'ß' ? 'ss' : unit);
    }
  }

  function foldCodePoint(codePoint: number): Folded {
    const cached = cache.get(codePoint);
    if (cached) return cached;
    const char = String.fromCodePoint(codePoint);
    let folded: Folded;
    if (IGNORABLE.test(char)) {
      folded = EMPTY;
    } else {
      const sink = { out: '', upper: false };
      const direct = homoglyphs.get(codePoint);
      if (direct !== undefined) {
        sink.out = direct;
        sink.upper = char.toLowerCase() !== char;
      } else {
        for (const part of char.normalize('NFKD')) foldSingle(part, sink);
      }
      folded = sink;
    }
    if (cache.size < CACHE_LIMIT) cache.set(codePoint, folded);
    return folded;
  }

  function normalise(original: string): NormalisedText {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    const upper: number[] = [];
    for (let i = 0; i < original.length; ) {
      const codePoint = original.codePointAt(i)!;
      const width = codePoint > 0xffff ? 2 : 1;
      const { out, upper: isUpper } = foldCodePoint(codePoint);
      for (let k = 0; k < out.length; k++) {
        starts.push(i);
        ends.push(i + width);
        upper.push(isUpper ? 1 : 0);
      }
      text += out;
      i += width;
    }
    return { text, sourceStart: Int32Array.from(starts), sourceEnd: Int32Array.from(ends), upper: Uint8Array.from(upper) };
  }

  return {
    normalise,
    // Most policy words are already folded; skip the offset bookkeeping for them.
    foldWord: (word) => (/^[a-z0-9']*$/.test(word) ? word : normalise(word).text),
  };
}

/** Moves an original end offset past combining marks and joiners so a span never cuts a grapheme. */
export function extendOverMarks(original: string, end: number): number {
  let at = end;
  while (at < original.length) {
    const codePoint = original.codePointAt(at)!;
    const char = String.fromCodePoint(codePoint);
    if (!MARK.test(char) && !IGNORABLE.test(char)) break;
    at += codePoint > 0xffff ? 2 : 1;
  }
  return at;
}
