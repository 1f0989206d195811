import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { policyCategorySchema, type PolicyCategory, type PolicyDecisionKind } from '../../../src-shared/domain';
import { evaluatePolicy } from './index';

interface LabelledCase {
  label: PolicyDecisionKind;
  /** For harmful cases: a category that must be among the violations. */
  category?: PolicyCategory;
  /** For benign cases: the genre (news, history, fiction…), for the per-genre false-positive count. */
  kind?: string;
  text: string;
  note?: string;
}

const corpus: { cases: LabelledCase[] } = JSON.parse(readFileSync(new URL('./fixtures/policy-corpus.json', import.meta.url), 'utf8'));
const harmful = corpus.cases.filter((c) => c.label !== 'allow');
const benign = corpus.cases.filter((c) => c.label === 'allow');

/** Confusion counts, with "flagged" meaning warn or block, printed after the run. */
const tally = { tp: 0, fp: 0, fn: 0, tn: 0, exact: 0 };
const byCategory = new Map<string, { total: number; flagged: number }>();
const byKind = new Map<string, { total: number; flagged: number }>();

function record(c: LabelledCase, decision: PolicyDecisionKind): void {
  const positive = c.label !== 'allow';
  const flagged = decision !== 'allow';
  if (positive && flagged) tally.tp++;
  else if (!positive && flagged) tally.fp++;
  else if (positive) tally.fn++;
  else tally.tn++;
  if (decision === c.label) tally.exact++;
  const bucket = positive ? byCategory : byKind;
  const key = (positive ? c.category : c.kind) ?? 'other';
  const entry = bucket.get(key) ?? { total: 0, flagged: 0 };
  entry.total++;
  if (flagged) entry.flagged++;
  bucket.set(key, entry);
}

describe('labelled policy corpus', () => {
  it('has enough cases in every category and genre to mean something', () => {
    expect(harmful.length).toBeGreaterThanOrEqual(60);
    expect(benign.length).toBeGreaterThanOrEqual(100);
    for (const category of policyCategorySchema.options) {
      expect(harmful.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(5);
    }
    const obfuscated = harmful.filter((c) => /[^\p{ASCII}]|\d|\b\w(?:[ .-]\w){2,}\b/u.test(c.text));
    expect(obfuscated.length).toBeGreaterThanOrEqual(15);
  });

  it.each(harmful.map((c) => [c.category, c.label, c.text, c] as const))('%s → %s: %j', (_category, _label, _text, c) => {
    const decision = evaluatePolicy(c.text);
    record(c, decision.decision);
    expect(decision.decision).toBe(c.label);
    expect(decision.violations.map((v) => v.category)).toContain(c.category);
    for (const v of decision.violations) {
      expect(v.start).toBeGreaterThanOrEqual(0);
      expect(v.end).toBeGreaterThan(v.start);
      expect(v.end).toBeLessThanOrEqual(c.text.length);
      // The explanation describes the rule; it never echoes the script.
      expect(c.text.includes(v.explanation)).toBe(false);
    }
  });

  it.each(benign.map((c) => [c.kind, c.text, c] as const))('%s → allow: %j', (_kind, _text, c) => {
    const decision = evaluatePolicy(c.text);
    record(c, decision.decision);
    expect(decision.violations).toEqual([]);
    expect(decision.decision).toBe('allow');
  });

  afterAll(() => {
    const precision = tally.tp / Math.max(1, tally.tp + tally.fp);
    const recall = tally.tp / Math.max(1, tally.tp + tally.fn);
    const lines = [
      `policy corpus: ${corpus.cases.length} cases (${harmful.length} harmful, ${benign.length} benign)`,
      `  flagged-vs-allowed: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tally.tp}, fp ${tally.fp}, fn ${tally.fn}, tn ${tally.tn}); exact label ${tally.exact}/${corpus.cases.length}`,
      `  recall by category: ${[...byCategory].map(([k, v]) => `${k} ${v.flagged}/${v.total}`).join(', ')}`,
      `  false positives by genre: ${[...byKind].map(([k, v]) => `${k} ${v.flagged}/${v.total}`).join(', ')}`,
    ];
    console.log(lines.join('\n'));
  });
});
