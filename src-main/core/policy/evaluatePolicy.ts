import type { PolicyDecision, PolicyDecisionKind, PolicyViolation } from '../../../src-shared/domain';
import type { CompiledPolicy } from './compilePolicy';
import type { Occurrence } from './lexiconMatcher';
import { extendOverMarks } from './normaliseText';
import { PatternMatcher } from './patternMatcher';

/** Bounds on what one decision reports, so hostile input cannot produce an unbounded answer. */
const MAX_VIOLATIONS_PER_RULE = 20;
const MAX_VIOLATIONS = 100;

export interface PolicyIdentity {
  readonly version: string;
  readonly hash: string;
}

/** Text → decision: fold, tokenise, match lexicons, drop allowlisted matches, run every rule. */
export function evaluateCompiled(text: string, compiled: CompiledPolicy, identity: PolicyIdentity): PolicyDecision {
  const stream = compiled.tokenise(compiled.folder.normalise(text));
  const lists = compiled.matcher.match(stream.tokens);
  applyAllowlist(compiled, lists);
  const matcher = new PatternMatcher(compiled, stream, lists);

  const violations: PolicyViolation[] = [];
  for (const rule of compiled.rules) {
    const spans = mergeOverlapping(matcher.run(rule)).slice(0, MAX_VIOLATIONS_PER_RULE);
    for (const span of spans) {
      violations.push({
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        start: stream.tokens[span.start].start,
        end: extendOverMarks(text, stream.tokens[span.end - 1].end),
        explanation: rule.explanation,
      });
    }
  }
  violations.sort((a, b) => a.start - b.start || severityRank(a.severity) - severityRank(b.severity) || a.ruleId.localeCompare(b.ruleId));
  const reported = violations.slice(0, MAX_VIOLATIONS);
  return { decision: decide(violations), violations: reported, policyVersion: identity.version, policyHash: identity.hash };
}

function decide(violations: readonly PolicyViolation[]): PolicyDecisionKind {
  if (violations.some((v) => v.severity === 'block')) return 'block';
  return violations.length > 0 ? 'warn' : 'allow';
}

function severityRank(severity: 'block' | 'warn'): number {
  return severity === 'block' ? 0 : 1;
}

/** Lexicon matches that overlap an allowlisted phrase (e.g. "kill the process") are dropped. */
function applyAllowlist(compiled: CompiledPolicy, lists: Occurrence[][]): void {
  for (const entry of compiled.allowlist) {
    const allowed = lists[entry.listId];
    if (allowed.length === 0) continue;
    const covered = coveragePrefix(allowed);
    const hits = (occ: Occurrence) => {
      const from = Math.min(occ.start, covered.length - 1);
      const to = Math.min(occ.end, covered.length - 1);
      return covered[to] - covered[from] > 0;
    };
    for (const id of entry.suppresses) lists[id] = lists[id].filter((occ) => !hits(occ));
  }
}

/** prefix[i] = how many of the tokens before i lie inside one of `occurrences`. */
function coveragePrefix(occurrences: readonly Occurrence[]): Int32Array {
  const size = occurrences.reduce((max, occ) => Math.max(max, occ.end), 0) + 1;
  const delta = new Int32Array(size + 1);
  for (const occ of occurrences) {
    delta[occ.start]++;
    delta[occ.end]--;
  }
  const prefix = new Int32Array(size);
  let depth = 0;
  for (let i = 0; i + 1 < size; i++) {
    depth += delta[i];
    prefix[i + 1] = prefix[i] + (depth > 0 ? 1 : 0);
  }
  return prefix;
}

/** Non-empty matches sorted by start, overlapping ones merged into one span. */
function mergeOverlapping(found: readonly Occurrence[]): Occurrence[] {
  const sorted = found.filter((occ) => occ.end > occ.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Occurrence[] = [];
  for (const occ of sorted) {
    const last = merged[merged.length - 1];
    if (last && occ.start < last.end) {
      if (occ.end > last.end) merged[merged.length - 1] = { start: last.start, end: occ.end };
    } else {
      merged.push(occ);
    }
  }
  return merged;
}
