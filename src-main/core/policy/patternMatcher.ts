import type { CompiledGuard, CompiledMatcher, CompiledPattern, CompiledPolicy, Ref } from './compilePolicy';
import type { Occurrence } from './lexiconMatcher';
import type { TokenStream } from './tokenise';

/**
 * Evaluates patterns over one text's token stream. Every step is linear in the number of tokens:
 * sequence steps look back at most `maxGap` positions, co-occurrence is one sweep, guards are
 * O(1) range queries on prefix sums of "token covered by name X".
 */
export class PatternMatcher {
  private readonly signalCache = new Map<number, Occurrence[]>();
  private readonly coverageCache = new Map<string, Int32Array>();
  private readonly builtinCache = new Map<string, Occurrence[]>();
  private readonly tokenCount: number;
  private readonly sentenceOf: Int32Array;
  private readonly sentenceFirst: Int32Array;
  private readonly sentenceEnd: Int32Array;

  constructor(
    private readonly policy: CompiledPolicy,
    private readonly stream: TokenStream,
    private readonly lists: readonly Occurrence[][],
  ) {
    const { tokens, sentenceStarts } = stream;
    this.tokenCount = tokens.length;
    this.sentenceOf = Int32Array.from(tokens, (token) => token.sentence);
    this.sentenceFirst = Int32Array.from(sentenceStarts);
    this.sentenceEnd = Int32Array.from(sentenceStarts, (_first, s) => sentenceStarts[s + 1] ?? tokens.length);
  }

  /** Matches of a rule or signal, guards applied; may contain overlapping matches. */
  run(matcher: CompiledMatcher): Occurrence[] {
    const found = this.evaluatePattern(matcher.pattern, matcher.guards);
    // Of the matches that pass the guards, keep the tightest one for each end.
    const byEnd = new Map<number, Occurrence>();
    for (const occ of found) {
      const kept = byEnd.get(occ.end);
      if (kept && kept.start >= occ.start) continue;
      if (this.passesGuards(occ, matcher.guards)) byEnd.set(occ.end, occ);
    }
    return [...byEnd.values()];
  }

  occurrences(ref: Ref): readonly Occurrence[] {
    switch (ref.kind) {
      case 'list':
        return this.lists[ref.id];
      case 'signal': {
        let cached = this.signalCache.get(ref.index);
        if (!cached) {
          cached = this.run(this.policy.signals[ref.index]);
          this.signalCache.set(ref.index, cached);
        }
        return cached;
      }
      case 'builtin':
        return this.builtin(ref.name);
    }
  }

  private builtin(name: 'sentence_start' | 'capitalized'): Occurrence[] {
    let cached = this.builtinCache.get(name);
    if (cached) return cached;
    if (name === 'sentence_start') {
      cached = Array.from(this.sentenceFirst, (first) => ({ start: first, end: first }));
    } else {
      cached = [];
      this.stream.tokens.forEach((token, i) => {
        const surface = token.forms[0];
        if (token.capitalized && surface.length > 1 && !surface.endsWith("'s")) cached!.push({ start: i, end: i + 1 });
      });
    }
    this.builtinCache.set(name, cached);
    return cached;
  }

  private evaluatePattern(pattern: CompiledPattern, guards: readonly CompiledGuard[]): Occurrence[] {
    switch (pattern.kind) {
      case 'any':
        return pattern.refs.flatMap((ref) => this.occurrences(ref));
      case 'all':
        return this.cooccurrences(pattern.groups, pattern.window, pattern.sameSentence);
      case 'seq':
        return this.sequences(pattern, guards);
    }
  }

  /**
   * Ordered steps, each starting within `maxGap` tokens after the previous one ends. For each
   * possible end of a partial chain two starts are kept, the latest (tightest span) and the
   * earliest: guards that look before the match ("not preceded by a negation") can reject one and
   * accept the other ("why don't you just …" must still be seen from "why").
   */
  private sequences(pattern: Extract<CompiledPattern, { kind: 'seq' }>, guards: readonly CompiledGuard[]): Occurrence[] {
    const n = this.tokenCount;
    const gapExcludes = guards.filter((g) => g.type === 'gapExcludes').flatMap((g) => g.refs);
    let latest = new Int32Array(n + 1).fill(-1);
    let earliest = new Int32Array(n + 1).fill(n + 1);
    let anyChain = false;
    for (const ref of pattern.steps[0].any) {
      for (const occ of this.occurrences(ref)) {
        if (occ.start > latest[occ.end]) latest[occ.end] = occ.start;
        if (occ.start < earliest[occ.end]) earliest[occ.end] = occ.start;
        anyChain = true;
      }
    }
    for (let k = 1; k < pattern.steps.length && anyChain; k++) {
      const step = pattern.steps[k];
      const nextLatest = new Int32Array(n + 1).fill(-1);
      const nextEarliest = new Int32Array(n + 1).fill(n + 1);
      anyChain = false;
      for (const ref of step.any) {
        for (const occ of this.occurrences(ref)) {
          const lastToken = occ.end > occ.start ? occ.end - 1 : occ.start;
          for (let end = occ.start; end >= 0 && end >= occ.start - step.maxGap; end--) {
            if (latest[end] < 0) continue;
            if (step.gapOnly && !this.allCovered(step.gapOnly, end, occ.start)) continue;
            if (gapExcludes.length > 0 && this.anyCovered(gapExcludes, end, occ.start)) continue;
            for (const start of [latest[end], earliest[end]]) {
              if (!pattern.crossSentence && this.sentenceOf[start] !== this.sentenceOf[lastToken]) continue;
              if (start > nextLatest[occ.end]) nextLatest[occ.end] = start;
              if (start < nextEarliest[occ.end]) nextEarliest[occ.end] = start;
              anyChain = true;
            }
          }
        }
      }
      latest = nextLatest;
      earliest = nextEarliest;
    }
    const found: Occurrence[] = [];
    if (!anyChain) return found;
    for (let end = 0; end <= n; end++) {
      if (latest[end] < 0) continue;
      found.push({ start: latest[end], end });
      if (earliest[end] !== latest[end]) found.push({ start: earliest[end], end });
    }
    return found;
  }

  /** Every group present within `window` tokens, in any order; one sweep over all occurrences by end. */
  private cooccurrences(groups: readonly (readonly Ref[])[], window: number, sameSentence: boolean): Occurrence[] {
    const tagged: { occ: Occurrence; group: number }[] = [];
    groups.forEach((refs, group) => {
      for (const ref of refs) for (const occ of this.occurrences(ref)) tagged.push({ occ, group });
    });
    tagged.sort((a, b) => a.occ.end - b.occ.end || a.occ.start - b.occ.start);
    const latestStart = new Array<number>(groups.length).fill(-1);
    const found: Occurrence[] = [];
    for (const { occ, group } of tagged) {
      if (occ.start > latestStart[group]) latestStart[group] = occ.start;
      let earliest = Infinity;
      for (const start of latestStart) earliest = Math.min(earliest, start < 0 ? -Infinity : start);
      if (earliest === -Infinity || occ.end - earliest > window) continue;
      if (sameSentence && this.sentenceOf[earliest] !== this.sentenceOf[Math.max(earliest, occ.end - 1)]) continue;
      found.push({ start: earliest, end: occ.end });
    }
    return found;
  }

  private passesGuards(occ: Occurrence, guards: readonly CompiledGuard[]): boolean {
    const n = this.tokenCount;
    const sentence = this.sentenceOf[Math.min(occ.start, n - 1)];
    const lastSentence = this.sentenceOf[Math.min(Math.max(occ.start, occ.end - 1), n - 1)];
    for (const guard of guards) {
      switch (guard.type) {
        case 'gapExcludes':
          break; // applied while building sequences
        case 'notPrecededBy': {
          const from = Math.max(this.sentenceFirst[sentence], occ.start - guard.within);
          if (this.anyCovered(guard.refs, from, occ.start)) return false;
          break;
        }
        case 'notFollowedBy': {
          const to = Math.min(this.sentenceEnd[lastSentence], occ.end + guard.within);
          if (this.anyCovered(guard.refs, occ.end, to)) return false;
          break;
        }
        case 'sentenceExcludes':
          if (this.anyCovered(guard.refs, this.sentenceFirst[sentence], occ.start)) return false;
          if (this.anyCovered(guard.refs, occ.end, this.sentenceEnd[lastSentence])) return false;
          break;
        case 'windowExcludes':
          // The match itself is part of the window: a co-occurrence span can hold its own context words.
          if (this.anyCovered(guard.refs, Math.max(0, occ.start - guard.before), Math.min(n, occ.end + guard.after))) return false;
          break;
      }
    }
    return true;
  }

  /** Some token in [from, to) is covered by one of `refs`. */
  private anyCovered(refs: readonly Ref[], from: number, to: number): boolean {
    if (to <= from) return false;
    const prefix = this.coverage(refs);
    return prefix[to] - prefix[from] > 0;
  }

  /** Every token in [from, to) is covered by one of `refs` (true for an empty range). */
  private allCovered(refs: readonly Ref[], from: number, to: number): boolean {
    if (to <= from) return true;
    const prefix = this.coverage(refs);
    return prefix[to] - prefix[from] === to - from;
  }

  /** Prefix sums of "token i lies inside an occurrence of any of `refs`". */
  private coverage(refs: readonly Ref[]): Int32Array {
    const key = refs.map((ref) => ref.key).join(',');
    let prefix = this.coverageCache.get(key);
    if (prefix) return prefix;
    const n = this.tokenCount;
    const delta = new Int32Array(n + 1);
    for (const ref of refs) {
      for (const occ of this.occurrences(ref)) {
        if (occ.end <= occ.start) continue;
        delta[occ.start]++;
        delta[occ.end]--;
      }
    }
    prefix = new Int32Array(n + 1);
    let depth = 0;
    for (let i = 0; i < n; i++) {
      depth += delta[i];
      prefix[i + 1] = prefix[i] + (depth > 0 ? 1 : 0);
    }
    this.coverageCache.set(key, prefix);
    return prefix;
  }
}
