/**
 * Splits a script into sentences, the unit of synthesis: each is synthesised, delivered and
 * cancellable on its own, so a sentence's length bounds the latency to first audio.
 */

export type PauseKind = 'clause' | 'sentence' | 'paragraph';

export interface SentenceSpan {
  text: string;
  /** The break that follows this sentence. */
  pauseAfter: PauseKind;
}

/** Longer sentences are cut at clause boundaries so no single synthesis step runs long. */
export const MAX_SENTENCE_CHARS = 220;

/** Words after which a period does not end a sentence (titles, Latin, initials are handled apart). */
const NON_TERMINAL_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'mt', 'ft', 'rev', 'gen', 'capt', 'sgt', 'lt', 'col', 'gov', 'sen', 'rep',
  'hon', 'vs', 'approx', 'fig', 'figs', 'vol', 'vols', 'pp', 'cf', 'ca', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e',
]);
/** Abbreviations that end a sentence only when a capitalised word follows. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos']);

const LIST_ITEM = /^\s*(?:[-*•‣◦▪]|\d{1,3}[.)]|#{1,6})\s+/;

export function splitSentences(text: string): string[] {
  return splitSentenceSpans(text).map((span) => span.text);
}

export function splitSentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const block of blocks(text)) {
    const sentences = splitBlock(block).flatMap(splitLongSentence);
    sentences.forEach((sentence, i) => {
      spans.push({ text: sentence.text, pauseAfter: i === sentences.length - 1 ? 'paragraph' : sentence.pauseAfter });
    });
  }
  return spans;
}

/** Paragraphs (blank lines) and list items are separate blocks; other newlines are spaces. */
function blocks(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    for (const line of paragraph.split('\n')) {
      if (LIST_ITEM.test(line) && current.length > 0) {
        out.push(current.join(' '));
        current = [];
      }
      current.push(line.trim());
    }
    out.push(current.join(' '));
  }
  return out.map((block) => block.replace(/\s+/g, ' ').trim()).filter((block) => block !== '');
}

/** Terminal punctuation, then closing quotes/brackets, then the whitespace before the next sentence. */
const BOUNDARY = /([.!?…]+)(["'”’»)\]]*)(\s+)/g;

function splitBlock(block: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const match of block.matchAll(BOUNDARY)) {
    const end = match.index + match[1].length + match[2].length;
    const next = block.slice(end + match[3].length);
    if (!isBoundary(block.slice(start, match.index), match[1], next)) continue;
    spans.push({ text: block.slice(start, end).trim(), pauseAfter: 'sentence' });
    start = end + match[3].length;
  }
  const rest = block.slice(start).trim();
  if (rest !== '') spans.push({ text: rest, pauseAfter: 'sentence' });
  return spans.filter((span) => span.text !== '');
}

function isBoundary(before: string, punctuation: string, next: string): boolean {
  // A lower-case continuation means the sentence goes on: '"Really?" she asked', 'Wait... what'.
  if (/^["'“‘([]*\p{Ll}/u.test(next)) return false;
  if (punctuation !== '.') return true;
  const word = /(\S+)$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["'“‘([]+/, '');
  if (NON_TERMINAL_ABBREVIATIONS.has(bare.toLowerCase())) return false;
  if (NUMBER_ABBREVIATIONS.has(bare.toLowerCase()) && /^\d/.test(next)) return false;
  // Initials and dotted acronyms: "J. K. Rowling", "the U.S. Army".
  if (/^\p{Lu}$/u.test(bare) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(bare)) return false;
  return true;
}

/** Cuts at the last clause mark before the limit (; : before ,), then at a space, then anywhere. */
function splitLongSentence(span: SentenceSpan): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  let rest = span.text;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const window = rest.slice(0, MAX_SENTENCE_CHARS);
    const cut = lastCut(window, /[;:](?=\s)/g) ?? lastCut(window, /[,—–](?=\s)/g) ?? lastCut(window, /\s/g, 0);
    const at = cut !== undefined && cut > MAX_SENTENCE_CHARS / 4 ? cut : MAX_SENTENCE_CHARS;
    pieces.push({ text: rest.slice(0, at).trim(), pauseAfter: 'clause' });
    rest = rest.slice(at).trim();
  }
  if (rest !== '') pieces.push({ text: rest, pauseAfter: span.pauseAfter });
  return pieces.filter((piece) => piece.text !== '');
}

/** Index just after the last match of `pattern` (offset by `include` characters of the match). */
function lastCut(window: string, pattern: RegExp, include = 1): number | undefined {
  let found: number | undefined;
  for (const match of window.matchAll(pattern)) found = match.index + include;
  return found;
}
