/**
 * Policy evaluation throughput on 20,000-character scripts, for `npm run bench` (bench/run.ts can
 * call benchPolicy) or on its own: `npx tsx src-main/core/policy/bench.ts`.
 * Reports the median of several runs per input; goals live in the benchmark, never in tests.
 */
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../../src-shared/limits';
import { evaluatePolicy, loadDefaultPolicy } from './index';
import { PATHOLOGICAL_INPUTS } from './pathologicalInput';

export interface PolicyBenchRow {
  input: string;
  chars: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Fastest run at 20,000 characters divided by the fastest at 10,000: about 2 when linear. */
  scaling: number;
}

export interface PolicyBenchFigures {
  compileMs: number;
  rows: PolicyBenchRow[];
}

const RUNS = 11;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(text: string): number[] {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    evaluatePolicy(text);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function benchPolicy(): PolicyBenchFigures {
  const compileStarted = performance.now();
  loadDefaultPolicy();
  const compileMs = performance.now() - compileStarted;
  for (let warm = 0; warm < 3; warm++) evaluatePolicy(PATHOLOGICAL_INPUTS[0].make(LIMITS.maxTextChars));
  const rows = PATHOLOGICAL_INPUTS.map((input) => {
    const full = time(input.make(LIMITS.maxTextChars));
    const half = time(input.make(LIMITS.maxTextChars / 2));
    return {
      input: input.name,
      chars: LIMITS.maxTextChars,
      medianMs: median(full),
      minMs: Math.min(...full),
      maxMs: Math.max(...full),
      // Minimums are the least disturbed by garbage collection and other processes.
      scaling: Math.min(...full) / Math.max(0.01, Math.min(...half)),
    };
  });
  return { compileMs, rows };
}

export function formatPolicyBench(figures: PolicyBenchFigures): string {
  return [
    `Policy compile (bundled policy): ${figures.compileMs.toFixed(0)} ms`,
    '',
    '| input (20,000 chars) | median ms | min ms | max ms | 20k/10k (min) |',
    '|---|---:|---:|---:|---:|',
    ...figures.rows.map(
      (r) => `| ${r.input} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.scaling.toFixed(2)} |`,
    ),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatPolicyBench(benchPolicy()));
}
