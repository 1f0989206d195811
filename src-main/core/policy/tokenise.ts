import type { NormalisedText } from './normaliseText';

/**
 * Turns folded text into the token stream the matchers walk. Matching is on whole tokens only,
 * never on substrings, which is why "Scunthorpe" or "Assassin's" can never match a shorter word.
 *
 * Beyond splitting words, these obfuscations are undone here:
 *   - leetspeak inside a word that has at least one letter ("k1ll", "$cam", "h@te"): each token
 *     carries alternative forms (1 → i and 1 → l both kept), numbers like "2024" stay numbers;
 *   - a capital I standing in for l inside a lower-case word ("kiIl");
 *   - drawn-out letters ("kiiiill"): runs of 3+ equal letters also appear collapsed to 2 and to 1;
 *   - a word broken by one joiner ("ki-ll", "k.ill", "ver-min"): glued back when one piece is at
 *     most two characters or the whole is a word of the policy;
 *   - letters split by spaces or symbols ("k i l l", "k.i.l.l", "k🔪i🔪l🔪l"): a run of single
 *     characters is joined, split into words where the separators change ("k.i.l.l y.o.u"), and
 *     segmented with the policy's own vocabulary when it is one long run ("i w i l l k i l l").
 * Sentences end at a newline, or at . ! ? … followed by white space and a word that does not begin
 * in lower case, unless the word before the full stop is an initial or a common abbreviation.
 */

export interface Token {
  /** forms[0] is the folded surface; the rest are de-obfuscated alternatives. */
  readonly forms: readonly string[];
  /** Span in the original text, UTF-16 units, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** The first letter was upper case in the original (names after a title, all-caps shouting). */
  readonly capitalized: boolean;
}

export interface TokenStream {
  readonly tokens: readonly Token[];
  /** Index of the first token of each sentence. */
  readonly sentenceStarts: readonly number[];
}

export interface TokeniserOptions {
  /** Leet character → letters it may stand for, first one preferred. */
  readonly leet: ReadonlyMap<string, readonly string[]>;
  /** Fewest single characters in a row that are treated as a spelled-out word. */
  readonly letterSplitMinRun: number;
  /** Words used to segment a long run of spelled-out letters. */
  readonly vocabulary: ReadonlySet<string>;
  readonly vocabularyMaxWordLength: number;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  terminal: boolean;
}

function buildTrie(words: ReadonlySet<string>, maxLength: number): TrieNode {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const word of words) {
    if (word.length > maxLength) continue;
    let node = root;
    for (const char of word) {
      let next = node.children.get(char);
      if (!next) node.children.set(char, (next = { children: new Map(), terminal: false }));
      node = next;
    }
    node.terminal = true;
  }
  return root;
}

interface RawToken {
  text: string;
  /** The text with a capital I inside a lower-case word read as l ("kiIl" → "kill"), when there is one. */
  altText: string | null;
  normStart: number;
  normEnd: number;
  /** Folded characters between the previous token and this one. */
  gapBefore: string;
  sentenceBreakBefore: boolean;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'vs', 'etc', 'inc', 'ltd', 'co', 'no', 'gen', 'sen', 'rep',
  'gov', 'lt', 'col', 'sgt', 'capt', 'mt', 'ft', 'approx', 'dept', 'est', 'fig', 'vol', 'pp', 'ch',
]);
const SENTENCE_TERMINATORS = new Set(['.', '!', '?', '…', '。']);
const NEWLINES = new Set(['\n', '\r', '\u2028', '\u2029', '\u0085']);
/** At most this many code points (white space or symbols: "k.i.l.l", "k🔪i🔪l🔪l") between spelled-out letters. */
const MAX_SPELLING_GAP = 3;
/** One of these, with no space, glues a short fragment to its neighbour: "ki-ll", "k.ill", "Wi-Fi". */
const TIGHT_JOINERS = new Set(['.', '-', '_', '*', '·', '•', "'", '‐', '‑', '~', '+']);
const MAX_FORMS = 8;

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const WHITE = /^\s$/u;

export function createTokeniser(options: TokeniserOptions): (normalised: NormalisedText) => TokenStream {
  const leetSymbols = new Set([...options.leet.keys()].filter((key) => !isWordChar(key)));
  const classCache = new Map<string, number>();
  const CLASS_OTHER = 0;
  const CLASS_LETTER = 1;
  const CLASS_DIGIT = 2;
  function charClass(char: string): number {
    let cls = classCache.get(char);
    if (cls === undefined) {
      cls = LETTER.test(char) ? CLASS_LETTER : DIGIT.test(char) ? CLASS_DIGIT : CLASS_OTHER;
      if (classCache.size < 4096) classCache.set(char, cls);
    }
    return cls;
  }
  const isLetter = (char: string | undefined) => char !== undefined && charClass(char) === CLASS_LETTER;
  const isWord = (char: string | undefined) => char !== undefined && charClass(char) !== CLASS_OTHER;

  function splitRaw(normalised: NormalisedText): RawToken[] {
    const chars = Array.from(normalised.text);
    // Unit offset of each code point in the folded text (astral characters take two units).
    const unitAt: number[] = new Array(chars.length + 1);
    let unit = 0;
    for (let i = 0; i < chars.length; i++) {
      unitAt[i] = unit;
      unit += chars[i].length;
    }
    unitAt[chars.length] = unit;

    const raws: RawToken[] = [];
    let gap = '';
    let i = 0;
    while (i < chars.length) {
      const char = chars[i];
      const leadingSymbol = char === '$' && leetSymbols.has('$') && isLetter(chars[i + 1]);
      if (!isWord(char) && !leadingSymbol) {
        gap += char;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < chars.length) {
        const c = chars[j];
        if (isWord(c)) {
          j++;
        } else if (c === "'" && isLetter(chars[j - 1]) && isLetter(chars[j + 1])) {
          j++;
        } else if (leetSymbols.has(c) && isWord(chars[j - 1]) && isWord(chars[j + 1])) {
          j++;
        } else {
          break;
        }
      }
      const text = chars.slice(i, j).join('');
      const previous = raws[raws.length - 1];
      raws.push({
        text,
        altText: capitalIAsL(chars, i, j, normalised, unitAt),
        normStart: unitAt[i],
        normEnd: unitAt[j],
        gapBefore: gap,
        sentenceBreakBefore: previous !== undefined && isSentenceBreak(previous, gap, text, normalised.upper[unitAt[i]] === 1),
      });
      gap = '';
      i = j;
    }
    return raws;
  }

  function isSentenceBreak(previous: RawToken, gap: string, nextText: string, nextUpper: boolean): boolean {
    let terminatorAt = -1;
    for (let k = 0; k < gap.length; k++) {
      if (NEWLINES.has(gap[k])) return true;
      if (SENTENCE_TERMINATORS.has(gap[k])) terminatorAt = k;
    }
    if (terminatorAt < 0) return false;
    if (!/\s/u.test(gap.slice(terminatorAt + 1))) return false;
    if (isLetter(nextText[0]) && !nextUpper) return false; // `"Run!" she screamed` is one sentence
    const onlyFullStops = [...gap].every((c) => c !== '!' && c !== '?' && c !== '…');
    if (onlyFullStops && (Array.from(previous.text).length === 1 || ABBREVIATIONS.has(previous.text))) return false;
    return true;
  }

  /** The surface, then (for a word with a letter and a leet character) its first and second readings. */
  function leetDecodings(text: string): string[] {
    const chars = Array.from(text);
    const forms = [text];
    if (chars.some((c) => isLetter(c)) && chars.some((c) => options.leet.has(c))) {
      for (let choice = 0; choice < 2; choice++) {
        forms.push(
          chars
            .map((c) => {
              const readings = options.leet.get(c);
              return readings ? readings[Math.min(choice, readings.length - 1)] : c;
            })
            .join(''),
        );
      }
    }
    return [...new Set(forms)];
  }

  function leetForms(text: string): string[] {
    const withCollapsed: string[] = [];
    for (const form of leetDecodings(text)) {
      withCollapsed.push(form);
      if (/(\p{L})\1\1/u.test(form)) {
        withCollapsed.push(form.replace(/(\p{L})\1+/gu, '$1$1'));
        withCollapsed.push(form.replace(/(\p{L})\1+/gu, '$1'));
      }
    }
    return [...new Set(withCollapsed)].slice(0, MAX_FORMS);
  }

  const vocabularyTrie = buildTrie(options.vocabulary, options.vocabularyMaxWordLength);

  /**
   * Splits `letters` into vocabulary words, as [start, end, known] triples: fewest letters left
   * unknown first, then fewest words. Unknown letters next to each other form one piece, so a
   * stray letter ("i w i l l k i l l y o u q") cannot hide the words around it. Linear: each
   * position walks the vocabulary trie at most `vocabularyMaxWordLength` steps.
   */
  function segment(letters: string): { pieces: [number, number, boolean][] } {
    const n = letters.length;
    const UNKNOWN = 1_000;
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    cost[0] = 0;
    for (let start = 0; start < n; start++) {
      if (cost[start] === Infinity) continue;
      if (cost[start] + UNKNOWN < cost[start + 1]) {
        cost[start + 1] = cost[start] + UNKNOWN;
        from[start + 1] = -1; // one unknown letter
      }
      let node: TrieNode | undefined = vocabularyTrie;
      for (let end = start + 1; end <= n && node; end++) {
        node = node.children.get(letters[end - 1]);
        if (node?.terminal && cost[start] + 1 < cost[end]) {
          cost[end] = cost[start] + 1;
          from[end] = start;
        }
      }
    }
    const reversed: [number, number, boolean][] = [];
    for (let end = n; end > 0; ) {
      const isKnown = from[end] >= 0;
      const start = isKnown ? from[end] : end - 1;
      const right = reversed[reversed.length - 1];
      if (!isKnown && right && !right[2] && right[0] === end) right[0] = start;
      else reversed.push([start, end, isKnown]);
      end = start;
    }
    return { pieces: reversed.reverse() };
  }

  /** Splits a run of single characters where the separator changes, then joins each part. */
  function joinSpelledRun(run: RawToken[]): RawToken[][] {
    const gaps = run.slice(1).map((token) => token.gapBefore);
    const counts = new Map<string, number>();
    for (const gap of gaps) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    let common = gaps[0];
    for (const [gap, count] of counts) {
      const current = counts.get(common)!;
      // Ties go to the separator without white space: "k.i l.l" splits at the space.
      if (count > current || (count === current && !/\s/u.test(gap) && /\s/u.test(common))) common = gap;
    }
    const groups: RawToken[][] = [[run[0]]];
    for (let k = 1; k < run.length; k++) {
      if (counts.size > 1 && run[k].gapBefore !== common) groups.push([]);
      groups[groups.length - 1].push(run[k]);
    }
    return groups;
  }

  function isSpellingGap(gap: string): boolean {
    const points = Array.from(gap);
    if (points.length === 0 || points.length > MAX_SPELLING_GAP) return false;
    return points.every((c) => !NEWLINES.has(c) && (WHITE.test(c) || charClass(c) === CLASS_OTHER));
  }

  /** "kiIl": a capital I after a lower-case letter inside a word is also read as l. */
  function capitalIAsL(chars: string[], from: number, to: number, normalised: NormalisedText, unitAt: number[]): string | null {
    const out = chars.slice(from, to);
    const isUpper = (k: number) => normalised.upper[unitAt[from + k]] === 1;
    const capitalIs: number[] = [];
    let hasLower = false;
    for (let k = 0; k < out.length; k++) {
      if (out[k] === 'i' && k > 0 && isUpper(k)) capitalIs.push(k);
      else if (isLetter(out[k]) && !isUpper(k)) hasLower = true;
    }
    if (!hasLower || capitalIs.length === 0) return null; // "KILL", "IRS" and "I" stay as they are
    for (const k of capitalIs) out[k] = 'l';
    return out.join('');
  }

  /** Glues word pieces split by one joiner and no space (see `short` below for when). */
  function joinTightFragments(raws: RawToken[]): RawToken[] {
    const joined: RawToken[] = [];
    const hasLetter = (text: string) => Array.from(text).some((c) => isLetter(c));
    for (const raw of raws) {
      const previous = joined[joined.length - 1];
      const tight = raw.gapBefore.length === 1 && TIGHT_JOINERS.has(raw.gapBefore) && !raw.sentenceBreakBefore;
      // Joined when one side is a fragment ("ki-ll") or the whole is a policy word ("ver-min").
      const short =
        previous !== undefined &&
        (Math.min(previous.text.length, raw.text.length) <= 2 || options.vocabulary.has(previous.text + raw.text));
      const bothSingle = previous !== undefined && previous.text.length === 1 && raw.text.length === 1;
      if (previous && tight && short && !bothSingle && hasLetter(previous.text) && hasLetter(raw.text)) {
        joined[joined.length - 1] = {
          ...previous,
          text: previous.text + raw.text,
          altText: previous.altText !== null || raw.altText !== null ? (previous.altText ?? previous.text) + (raw.altText ?? raw.text) : null,
          normEnd: raw.normEnd,
        };
      } else {
        joined.push(raw);
      }
    }
    return joined;
  }

  function formsOf(raw: RawToken): string[] {
    const forms = leetForms(raw.text);
    if (raw.altText !== null) for (const form of leetForms(raw.altText)) if (!forms.includes(form)) forms.push(form);
    return forms.slice(0, MAX_FORMS);
  }

  return function tokenise(normalised: NormalisedText): TokenStream {
    const raws = joinTightFragments(splitRaw(normalised));
    const tokens: Token[] = [];
    const sentenceStarts: number[] = [];
    let sentence = -1;

    const push = (forms: string[], first: RawToken, last: RawToken) => {
      if (first.sentenceBreakBefore || sentence < 0) {
        sentence++;
        sentenceStarts.push(tokens.length);
      }
      tokens.push({
        forms,
        start: normalised.sourceStart[first.normStart],
        end: normalised.sourceEnd[last.normEnd - 1],
        sentence,
        capitalized: normalised.upper[first.normStart] === 1,
      });
    };

    const isSingle = (raw: RawToken) => raw.text.length === 1;
    let i = 0;
    while (i < raws.length) {
      if (!isSingle(raws[i])) {
        push(formsOf(raws[i]), raws[i], raws[i]);
        i++;
        continue;
      }
      // A run of single characters joined by short separators, inside one sentence.
      let j = i + 1;
      while (j < raws.length && isSingle(raws[j]) && !raws[j].sentenceBreakBefore && isSpellingGap(raws[j].gapBefore)) j++;
      const run = raws.slice(i, j);
      const letters = run.filter((raw) => isLetter(raw.text)).length;
      if (run.length >= options.letterSplitMinRun && letters >= 2) {
        for (const group of joinSpelledRun(run)) emitSpelledGroup(group, push);
      } else {
        for (const raw of run) push(formsOf(raw), raw, raw);
      }
      i = j;
    }
    return { tokens, sentenceStarts };
  };

  function emitSpelledGroup(group: RawToken[], push: (forms: string[], first: RawToken, last: RawToken) => void): void {
    if (group.length === 1) {
      push(formsOf(group[0]), group[0], group[0]);
      return;
    }
    // Every member is one BMP unit (isSingle), so string indices are group indices.
    const surface = group.map((raw) => raw.text).join('');
    // A segmentation is used when vocabulary words cover at least half the letters and one of them
    // is longer than a letter; otherwise ("s h a r k") the letters are simply joined.
    let best: { decoded: string; pieces: [number, number, boolean][]; unknown: number } | null = null;
    for (const decoded of leetDecodings(surface)) {
      const { pieces } = segment(decoded);
      const unknown = pieces.filter(([, , isKnown]) => !isKnown).reduce((sum, [a, b]) => sum + b - a, 0);
      const hasRealWord = pieces.some(([a, b, isKnown]) => isKnown && b - a > 1);
      if (hasRealWord && unknown * 2 <= decoded.length && (!best || unknown < best.unknown)) best = { decoded, pieces, unknown };
    }
    if (!best) {
      push(leetForms(surface), group[0], group[group.length - 1]);
      return;
    }
    for (const [from, to, isKnown] of best.pieces) {
      const piece = surface.slice(from, to);
      const forms = isKnown ? [...new Set([piece, best.decoded.slice(from, to)])] : leetForms(piece);
      push(forms, group[from], group[to - 1]);
    }
  }

  function isWordChar(char: string): boolean {
    return LETTER.test(char) || DIGIT.test(char);
  }
}
