import type { Slot } from './termSyntax';
import type { Token } from './tokenise';

/** A match of a term: tokens [start, end). */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

interface CompiledSlot {
  readonly words: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly numbers: readonly { min: number; max: number; suffix: string }[];
  readonly any: boolean;
}

interface IndexedTerm {
  readonly slots: readonly CompiledSlot[];
  /** Every list (lexicon or allowlist entry) that contains this term. */
  readonly owners: number[];
  /** Index of the token this term was last tried at, so one token never tries a term twice. */
  lastTried: number;
}

/**
 * All terms of all lists in one index. Terms whose first two slots are plain words are keyed by
 * both words, other word-initial terms by the first word, prefix-initial terms by their first three
 * letters and number-initial terms sit in a short list. A token therefore only tries the terms
 * that can start with it and its neighbour, and matching is linear in the text (term length and
 * bucket sizes are bounded by the policy, not by the text).
 */
export class LexiconMatcher {
  private readonly byWord = new Map<string, IndexedTerm[]>();
  private readonly byWordPair = new Map<string, Map<string, IndexedTerm[]>>();
  private readonly byPrefix = new Map<string, IndexedTerm[]>();
  private readonly byNumber: IndexedTerm[] = [];
  private readonly terms = new Map<string, IndexedTerm>();

  constructor(readonly listCount: number) {}

  add(owner: number, slots: readonly Slot[]): void {
    const key = JSON.stringify(slots);
    const existing = this.terms.get(key);
    if (existing) {
      if (!existing.owners.includes(owner)) existing.owners.push(owner);
      return;
    }
    const compiled = slots.map(compileSlot);
    const term: IndexedTerm = { slots: compiled, owners: [owner], lastTried: -1 };
    this.terms.set(key, term);
    const [first, second] = compiled;
    const secondIsPlainWords = second !== undefined && !second.any && second.prefixes.length === 0 && second.numbers.length === 0;
    for (const word of first.words) {
      if (!secondIsPlainWords) {
        push(this.byWord, word, term);
        continue;
      }
      let bySecond = this.byWordPair.get(word);
      if (!bySecond) this.byWordPair.set(word, (bySecond = new Map()));
      for (const next of second.words) push(bySecond, next, term);
    }
    for (const prefix of first.prefixes) push(this.byPrefix, prefix.slice(0, 3), term);
    if (first.numbers.length > 0) this.byNumber.push(term);
  }

  /** Occurrences per list, each list's sorted by start. */
  match(tokens: readonly Token[]): Occurrence[][] {
    const found: Occurrence[][] = Array.from({ length: this.listCount }, () => []);
    for (const term of this.terms.values()) term.lastTried = -1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const next = tokens[i + 1]?.sentence === token.sentence ? tokens[i + 1] : undefined;
      const seenEnds = new Map<number, Set<number>>();
      const tryTerm = (term: IndexedTerm) => {
        if (term.lastTried === i) return;
        term.lastTried = i;
        const end = matchFrom(tokens, i, term.slots);
        if (end < 0) return;
        for (const owner of term.owners) {
          let ends = seenEnds.get(owner);
          if (!ends) seenEnds.set(owner, (ends = new Set()));
          if (ends.has(end)) continue;
          ends.add(end);
          found[owner].push({ start: i, end });
        }
      };
      for (const form of token.forms) {
        for (const term of this.byWord.get(form) ?? []) tryTerm(term);
        const bySecond = next ? this.byWordPair.get(form) : undefined;
        if (bySecond) for (const nextForm of next!.forms) for (const term of bySecond.get(nextForm) ?? []) tryTerm(term);
        for (const term of this.byPrefix.get(form.slice(0, 3)) ?? []) tryTerm(term);
      }
      if (this.byNumber.length > 0 && /^\d/.test(token.forms[0])) for (const term of this.byNumber) tryTerm(term);
    }
    return found;
  }
}

function compileSlot(slot: Slot): CompiledSlot {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const numbers: { min: number; max: number; suffix: string }[] = [];
  let any = false;
  for (const alt of slot.alternatives) {
    if (alt.kind === 'word') words.add(alt.word);
    else if (alt.kind === 'prefix') prefixes.push(alt.prefix);
    else if (alt.kind === 'number') numbers.push({ min: alt.min, max: alt.max, suffix: alt.suffix });
    else any = true;
  }
  return { words, prefixes, numbers, any };
}

function push<K>(map: Map<K, IndexedTerm[]>, key: K, term: IndexedTerm): void {
  const list = map.get(key);
  if (list) list.push(term);
  else map.set(key, [term]);
}

/** End (exclusive) of the match of `slots` starting at token `start`, or -1. Terms stay inside one sentence. */
function matchFrom(tokens: readonly Token[], start: number, slots: readonly CompiledSlot[]): number {
  const sentence = tokens[start].sentence;
  for (let k = 0; k < slots.length; k++) {
    const token = tokens[start + k];
    if (!token || token.sentence !== sentence || !slotMatches(slots[k], token)) return -1;
  }
  return start + slots.length;
}

const NUMBER_WITH_SUFFIX = /^(\d{1,4})([a-z]*)$/;

function slotMatches(slot: CompiledSlot, token: Token): boolean {
  if (slot.any) return true;
  for (const form of token.forms) {
    if (slot.words.has(form)) return true;
    for (const prefix of slot.prefixes) if (form.startsWith(prefix)) return true;
  }
  if (slot.numbers.length > 0) {
    const parsed = NUMBER_WITH_SUFFIX.exec(token.forms[0]);
    if (parsed) {
      const value = Number(parsed[1]);
      for (const range of slot.numbers) if (parsed[2] === range.suffix && value >= range.min && value <= range.max) return true;
    }
  }
  return false;
}
