/**
 * The term language of lexicons and allowlists. A term is a phrase of token slots separated by
 * spaces; each slot is one token of the text:
 *
 *   word          exactly this word (folded like the text: case, accents, homoglyphs)
 *   a|b|c         any of these
 *   murder*       a word starting with "murder" (at least 3 letters before the *)
 *   #1-17         a number from 1 to 17;  #1-17yo  the same number written with the suffix ("12yo")
 *   _             any one token (never first or last)
 *   slot?         the slot may be absent
 *   (a b|c d|e)   a group whose alternatives are phrases; may also take "?"
 *
 * e.g. "kill|killing the|a|that? process|processes|thread|job",
 *      "(you're|you are) a dead (man|woman)".
 * Groups and optional slots are expanded into plain variants when the policy is compiled.
 */

export type SlotAlternative =
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly suffix: string }
  | { readonly kind: 'any' };

export interface Slot {
  readonly alternatives: readonly SlotAlternative[];
}

export class TermSyntaxError extends Error {}

const WORD = /^[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*$/u;
const NUMBER = /^#(\d{1,4})-(\d{1,4})([a-z]*)$/;
const MAX_SLOTS = 12;
const MAX_VARIANTS = 64;

/** Parses a term into its plain variants, each a list of slots. */
export function parseTerm(term: string, foldWord: (word: string) => string): Slot[][] {
  // Each unit offers a list of choices; a choice is a (possibly empty) run of slots.
  const units: Slot[][][] = splitUnits(term).map((unit) => unitChoices(unit, foldWord));
  if (units.length === 0) throw new TermSyntaxError('empty term');
  let variants: Slot[][] = [[]];
  for (const choices of units) {
    const next: Slot[][] = [];
    for (const prefix of variants) for (const choice of choices) next.push([...prefix, ...choice]);
    if (next.length > MAX_VARIANTS) throw new TermSyntaxError(`more than ${MAX_VARIANTS} variants`);
    variants = next;
  }
  const isAny = (slot: Slot) => slot.alternatives.some((alt) => alt.kind === 'any');
  const result = variants.filter((variant) => variant.length > 0);
  if (result.length === 0) throw new TermSyntaxError('every slot is optional');
  for (const variant of result) {
    if (variant.length > MAX_SLOTS) throw new TermSyntaxError(`more than ${MAX_SLOTS} slots`);
    if (isAny(variant[0]) || isAny(variant[variant.length - 1])) throw new TermSyntaxError('a term may not begin or end with _');
  }
  return result;
}

/** Top-level units: plain slots split on white space, and parenthesised groups (with an optional "?"). */
function splitUnits(term: string): string[] {
  const units: string[] = [];
  let i = 0;
  while (i < term.length) {
    if (/\s/u.test(term[i])) {
      i++;
    } else if (term[i] === '(') {
      const close = term.indexOf(')', i);
      if (close < 0 || term.slice(i + 1, close).includes('(')) throw new TermSyntaxError('unbalanced or nested parentheses');
      let end = close + 1;
      if (term[end] === '?') end++;
      if (end < term.length && !/\s/u.test(term[end])) throw new TermSyntaxError('a group must stand alone between spaces');
      units.push(term.slice(i, end));
      i = end;
    } else {
      let end = i;
      while (end < term.length && !/\s/u.test(term[end])) end++;
      const unit = term.slice(i, end);
      if (unit.includes('(') || unit.includes(')')) throw new TermSyntaxError(`stray parenthesis in "${unit}"`);
      units.push(unit);
      i = end;
    }
  }
  return units;
}

function unitChoices(unit: string, foldWord: (word: string) => string): Slot[][] {
  if (!unit.startsWith('(')) {
    const { alternatives, optional } = parseSlot(unit, foldWord);
    return optional ? [[{ alternatives }], []] : [[{ alternatives }]];
  }
  const optional = unit.endsWith('?');
  const inner = unit.slice(1, optional ? -2 : -1);
  const phrases = inner.split('|').map((phrase) => phrase.trim());
  if (phrases.some((phrase) => phrase === '')) throw new TermSyntaxError('empty alternative in a group');
  // One-word alternatives share one slot; each longer phrase is its own choice.
  const single = phrases.filter((phrase) => !/\s/u.test(phrase));
  const choices: Slot[][] = [];
  if (single.length > 0) choices.push([{ alternatives: single.map((word) => parseAlternative(word, foldWord)) }]);
  for (const phrase of phrases.filter((p) => /\s/u.test(p))) {
    choices.push(phrase.split(/\s+/u).map((part) => {
      const slot = parseSlot(part, foldWord);
      if (slot.optional) throw new TermSyntaxError('no optional slots inside a group');
      return { alternatives: slot.alternatives };
    }));
  }
  if (optional) choices.push([]);
  return choices;
}

function parseSlot(part: string, foldWord: (word: string) => string): { alternatives: SlotAlternative[]; optional: boolean } {
  const optional = part.length > 1 && part.endsWith('?');
  const body = optional ? part.slice(0, -1) : part;
  const alternatives = body.split('|').map((alt) => parseAlternative(alt, foldWord));
  if (alternatives.some((alt) => alt.kind === 'any') && alternatives.length > 1) {
    throw new TermSyntaxError('_ cannot be combined with other alternatives');
  }
  return { alternatives, optional };
}

function parseAlternative(alt: string, foldWord: (word: string) => string): SlotAlternative {
  if (alt === '_') return { kind: 'any' };
  const number = NUMBER.exec(alt);
  if (number) {
    const min = Number(number[1]);
    const max = Number(number[2]);
    if (min > max) throw new TermSyntaxError(`empty number range "${alt}"`);
    return { kind: 'number', min, max, suffix: number[3] };
  }
  if (alt.startsWith('#')) throw new TermSyntaxError(`bad number slot "${alt}" (write #min-max with at most 4 digits each)`);
  if (alt.endsWith('*')) {
    const prefix = foldWord(alt.slice(0, -1));
    if (!WORD.test(prefix) || Array.from(prefix).length < 3) throw new TermSyntaxError(`bad prefix "${alt}"`);
    return { kind: 'prefix', prefix };
  }
  const word = foldWord(alt);
  if (!WORD.test(word)) {
    const hint = /[-‐‑–—_./]/u.test(alt) ? ' (the text is split at hyphens and dots: write the parts as separate words)' : '';
    throw new TermSyntaxError(`"${alt}" is not a single word${hint}`);
  }
  return { kind: 'word', word };
}
