import type { PolicyCategory } from '../../../src-shared/domain';
import { LexiconMatcher } from './lexiconMatcher';
import { createCharacterFolder, type CharacterFolder } from './normaliseText';
import type { GuardSpec, PatternSpec, PolicyDocument } from './policySchema';
import { parseTerm, TermSyntaxError, type Slot } from './termSyntax';
import { createTokeniser, type TokenStream } from './tokenise';
import type { NormalisedText } from './normaliseText';

/** What a name in a pattern stands for once resolved. */
export type Ref =
  | { readonly kind: 'list'; readonly id: number; readonly key: string }
  | { readonly kind: 'signal'; readonly index: number; readonly key: string }
  | { readonly kind: 'builtin'; readonly name: Builtin; readonly key: string };

export type Builtin = 'sentence_start' | 'capitalized';
const BUILTINS: readonly Builtin[] = ['sentence_start', 'capitalized'];

export interface CompiledStep {
  readonly any: readonly Ref[];
  readonly maxGap: number;
  readonly gapOnly: readonly Ref[] | null;
}

export type CompiledPattern =
  | { readonly kind: 'seq'; readonly steps: readonly CompiledStep[]; readonly crossSentence: boolean }
  | { readonly kind: 'all'; readonly groups: readonly (readonly Ref[])[]; readonly window: number; readonly sameSentence: boolean }
  | { readonly kind: 'any'; readonly refs: readonly Ref[] };

export type CompiledGuard =
  | { readonly type: 'gapExcludes'; readonly refs: readonly Ref[] }
  | { readonly type: 'notPrecededBy' | 'notFollowedBy'; readonly refs: readonly Ref[]; readonly within: number }
  | { readonly type: 'sentenceExcludes'; readonly refs: readonly Ref[] }
  | { readonly type: 'windowExcludes'; readonly refs: readonly Ref[]; readonly before: number; readonly after: number };

export interface CompiledMatcher {
  readonly pattern: CompiledPattern;
  readonly guards: readonly CompiledGuard[];
}

export interface CompiledRule extends CompiledMatcher {
  readonly id: string;
  readonly category: PolicyCategory;
  readonly severity: 'block' | 'warn';
  readonly explanation: string;
}

export interface CompiledPolicy {
  readonly folder: CharacterFolder;
  readonly tokenise: (normalised: NormalisedText) => TokenStream;
  readonly matcher: LexiconMatcher;
  /** For each allowlist entry: its list id and the lexicon list ids it suppresses. */
  readonly allowlist: readonly { readonly listId: number; readonly suppresses: readonly number[] }[];
  readonly signals: readonly CompiledMatcher[];
  readonly rules: readonly CompiledRule[];
}

/** A policy document that parses but does not make sense; `issues` name places in the document. */
export class PolicyCompileError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid policy: ${issues.slice(0, 5).join('; ')}`);
  }
}

const MAX_VOCABULARY_WORD = 24;

export function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  const issues: string[] = [];
  const homoglyphs = new Map<number, string>();
  for (const [char, letters] of Object.entries(doc.normalisation.homoglyphs)) homoglyphs.set(char.codePointAt(0)!, letters);
  const folder = createCharacterFolder(homoglyphs);

  const lexiconNames = Object.keys(doc.lexicons);
  const lexiconIds = new Map(lexiconNames.map((name, id) => [name, id]));
  const matcher = new LexiconMatcher(lexiconNames.length + doc.allowlist.length);
  const vocabulary = new Set<string>();

  const addTerms = (owner: number, terms: readonly string[], where: string) => {
    terms.forEach((term, index) => {
      let variants: Slot[][];
      try {
        variants = parseTerm(term, folder.foldWord);
      } catch (error) {
        if (!(error instanceof TermSyntaxError)) throw error;
        issues.push(`${where}[${index}]: ${error.message}`);
        return;
      }
      for (const slots of variants) {
        matcher.add(owner, slots);
        for (const slot of slots) {
          for (const alt of slot.alternatives) {
            if (alt.kind === 'word' && !alt.word.includes("'") && alt.word.length <= MAX_VOCABULARY_WORD) vocabulary.add(alt.word);
          }
        }
      }
    });
  };
  lexiconNames.forEach((name, id) => addTerms(id, doc.lexicons[name], `lexicons.${name}`));

  const allowIds = new Set<string>();
  const allowlist = doc.allowlist.map((entry, index) => {
    if (allowIds.has(entry.id)) issues.push(`allowlist[${index}]: duplicate id "${entry.id}"`);
    allowIds.add(entry.id);
    const listId = lexiconNames.length + index;
    addTerms(listId, entry.terms, `allowlist[${index}].terms`);
    const suppresses = entry.suppresses.flatMap((name) => {
      const id = lexiconIds.get(name);
      if (id === undefined) issues.push(`allowlist[${index}].suppresses: unknown lexicon "${name}"`);
      return id === undefined ? [] : [id];
    });
    return { listId, suppresses };
  });

  // Signals may use lexicons, built-ins and signals defined before them: no cycles by construction.
  const signalIndex = new Map<string, number>();
  const resolve = (name: string, where: string): Ref | null => {
    if (name.startsWith('@')) {
      const builtin = name.slice(1) as Builtin;
      if (BUILTINS.includes(builtin)) return { kind: 'builtin', name: builtin, key: name };
      issues.push(`${where}: unknown built-in "${name}"`);
      return null;
    }
    const list = lexiconIds.get(name);
    if (list !== undefined) return { kind: 'list', id: list, key: `l:${list}` };
    const signal = signalIndex.get(name);
    if (signal !== undefined) return { kind: 'signal', index: signal, key: `s:${signal}` };
    issues.push(`${where}: unknown name "${name}"`);
    return null;
  };
  const resolveAll = (names: readonly string[], where: string): Ref[] =>
    names.map((name) => resolve(name, where)).filter((ref): ref is Ref => ref !== null);

  const compileMatcher = (pattern: PatternSpec, guards: readonly GuardSpec[] | undefined, where: string): CompiledMatcher => {
    let compiled: CompiledPattern;
    if ('seq' in pattern) {
      compiled = {
        kind: 'seq',
        crossSentence: pattern.crossSentence ?? false,
        steps: pattern.seq.map((step, k) => ({
          any: resolveAll(step.any, `${where}.pattern.seq[${k}]`),
          maxGap: step.maxGap ?? 0,
          gapOnly: step.gapOnly ? resolveAll(step.gapOnly, `${where}.pattern.seq[${k}].gapOnly`) : null,
        })),
      };
    } else if ('all' in pattern) {
      compiled = {
        kind: 'all',
        groups: pattern.all.map((group, k) => resolveAll(group, `${where}.pattern.all[${k}]`)),
        window: pattern.window,
        sameSentence: pattern.sameSentence ?? false,
      };
    } else {
      compiled = { kind: 'any', refs: resolveAll(pattern.any, `${where}.pattern.any`) };
    }
    const compiledGuards = (guards ?? []).map((guard, k): CompiledGuard => {
      const refs = resolveAll(guard.any, `${where}.guards[${k}]`);
      if (guard.type === 'gapExcludes' && compiled.kind !== 'seq') issues.push(`${where}.guards[${k}]: gapExcludes needs a seq pattern`);
      switch (guard.type) {
        case 'gapExcludes':
        case 'sentenceExcludes':
          return { type: guard.type, refs };
        case 'notPrecededBy':
        case 'notFollowedBy':
          return { type: guard.type, refs, within: guard.within };
        case 'windowExcludes':
          return { type: guard.type, refs, before: guard.before, after: guard.after };
      }
    });
    return { pattern: compiled, guards: compiledGuards };
  };

  const signals: CompiledMatcher[] = [];
  doc.signals.forEach((signal, index) => {
    const where = `signals[${index}] "${signal.name}"`;
    if (lexiconIds.has(signal.name) || signalIndex.has(signal.name)) issues.push(`${where}: name already used`);
    signals.push(compileMatcher(signal.pattern, signal.guards, where));
    signalIndex.set(signal.name, index);
  });

  const ruleIds = new Set<string>();
  const rules: CompiledRule[] = doc.rules.map((rule, index) => {
    const where = `rules[${index}] "${rule.id}"`;
    if (ruleIds.has(rule.id)) issues.push(`${where}: duplicate rule id`);
    ruleIds.add(rule.id);
    return {
      id: rule.id,
      category: rule.category,
      severity: rule.severity,
      explanation: rule.explanation,
      ...compileMatcher(rule.pattern, rule.guards, where),
    };
  });

  if (issues.length > 0) throw new PolicyCompileError(issues);

  const leet = new Map(Object.entries(doc.normalisation.leet).map(([char, letters]) => [char, letters]));
  const tokenise = createTokeniser({
    leet,
    letterSplitMinRun: doc.normalisation.letterSplitMinRun,
    vocabulary,
    vocabularyMaxWordLength: MAX_VOCABULARY_WORD,
  });
  return { folder, tokenise, matcher, allowlist, signals, rules };
}
