import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src-shared/limits';
import { evaluatePolicy, loadDefaultPolicy } from './index';
import { PATHOLOGICAL_INPUTS } from './pathologicalInput';

/**
 * Hostile inputs at the text limit must finish and give bounded answers. Times are printed for
 * the record (benchmarks own the goals; see bench.ts), never asserted.
 */
const timings: string[] = [];

describe('policy evaluation on hostile 20,000-character inputs', () => {
  loadDefaultPolicy(); // compile outside the timings

  it.each(PATHOLOGICAL_INPUTS.map((input) => [input.name, input] as const))('%s completes with a bounded result', (_name, input) => {
    const text = input.make(LIMITS.maxTextChars);
    expect(text.length).toBeGreaterThan(LIMITS.maxTextChars - 2);
    const half = input.make(LIMITS.maxTextChars / 2);
    const t0 = performance.now();
    evaluatePolicy(half);
    const t1 = performance.now();
    const decision = evaluatePolicy(text);
    const t2 = performance.now();
    timings.push(`${input.name.padEnd(28)} 10k: ${(t1 - t0).toFixed(1).padStart(6)} ms   20k: ${(t2 - t1).toFixed(1).padStart(6)} ms`);
    expect(decision.violations.length).toBeLessThanOrEqual(100);
    for (const v of decision.violations) {
      expect(v.end).toBeGreaterThan(v.start);
      expect(v.end).toBeLessThanOrEqual(text.length);
    }
  });

  it('dense harmful text is still decided correctly and its report is capped (20 per rule, 100 in all)', () => {
    const decision = evaluatePolicy(PATHOLOGICAL_INPUTS.find((i) => i.name === 'dense threats')!.make(LIMITS.maxTextChars));
    expect(decision.decision).toBe('block');
    const perRule = new Map<string, number>();
    for (const v of decision.violations) perRule.set(v.ruleId, (perRule.get(v.ruleId) ?? 0) + 1);
    expect(perRule.get('threat.first_person_direct')).toBe(20);
    expect(Math.max(...perRule.values())).toBeLessThanOrEqual(20);
    expect(decision.violations.length).toBeLessThanOrEqual(100);
  });

  it('benign prose at the limit is allowed', () => {
    expect(evaluatePolicy(PATHOLOGICAL_INPUTS[0].make(LIMITS.maxTextChars)).decision).toBe('allow');
  });

  afterAll(() => console.log(`evaluatePolicy timings (this machine, no assertions):\n${timings.join('\n')}`));
});
