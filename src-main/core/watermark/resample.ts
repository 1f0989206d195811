/**
 * Band-limited resampling between any two rates with Kaiser-windowed sinc kernels (≈ 40 dB
 * stopband: enough for the watermark, whose own errors then sit 40 dB below a mark that is itself
 * 30 dB below the audio). Large ratios run in two stages so that the sharp filter works at twice
 * the low rate, where it is a half-band filter (every other tap zero, symmetric): downwards a
 * wide-transition stage to 2 × the target rate, then the sharp ÷2; upwards the sharp ×2, then a
 * wide-transition stage to the target rate.
 *
 * Each stage runs the cheapest loop its ratio allows: integer decimation as a symmetric FIR (one
 * multiply per pair of taps, zero taps skipped), ×2 interpolation as copies plus a symmetric FIR
 * for the in-between samples, anything else as a polyphase filter with the kernel tabulated at
 * PHASES fractional positions. Output positions are exact fractions of input samples, so a signal
 * resampled block by block gives the same samples as in one pass.
 */
import { kaiserSincTap } from '../audio/kaiserSinc';

const PHASES = 512;
const KAISER_BETA = 3.4;
/** Kaiser window length (in seconds) needed per Hz of transition band for ≈ 40 dB. */
const WINDOW_SECONDS_PER_HZ = 2.2;

interface Kernel {
  halfTaps: number;
  taps: number;
  /** (PHASES + 1) rows of `taps` taps; tap t of a row multiplies input sample (⌊position⌋ − halfTaps + 1 + t). */
  table: Float32Array;
  /** The row for an output on an input sample: centre tap plus (offset, coefficient) pairs, zero taps left out. */
  centre: number;
  pairOffset: Int32Array;
  pairCoef: Float32Array;
  /** The row for an output halfway between samples c and c + 1: coefficient j multiplies x[c − j] + x[c + 1 + j]. */
  midCoef: Float32Array;
}

interface KernelDesign {
  /** Cutoff and passband edge as fractions of the input rate (cutoff ≤ 0.5). */
  cutoffRatio: number;
  passbandRatio: number;
  /** Sinc lobes per side. */
  zeroCrossings: number;
  /** The table rows the stage will use (its fractional positions). */
  rowsUsed: number[];
}

/**
 * The Kaiser-windowed sinc, tabulated. Every row is scaled to unit gain at DC (short kernels are
 * otherwise ≈ 0.1 dB off there, and rows that disagree modulate the signal), then all rows by one
 * factor that gives the rows in use unit RMS gain over the passband.
 */
function buildKernel({ cutoffRatio, passbandRatio, zeroCrossings, rowsUsed }: KernelDesign): Kernel {
  const halfWidth = zeroCrossings / (2 * cutoffRatio); // input samples
  const halfTaps = Math.ceil(halfWidth);
  const taps = 2 * halfTaps;
  // d: distance of an input sample from the output instant, in input samples
  const tap = (d: number): number => {
    const h = kaiserSincTap(d, cutoffRatio, halfWidth, KAISER_BETA);
    return Math.abs(h) < 1e-7 ? 0 : h;
  };
  const rows = new Float64Array((PHASES + 1) * taps);
  for (let p = 0; p <= PHASES; p++) {
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      rows[p * taps + t] = tap(t - halfTaps + 1 - p / PHASES);
      sum += rows[p * taps + t];
    }
    for (let t = 0; t < taps; t++) rows[p * taps + t] /= sum;
  }
  const gain = passbandRmsGain(rows, taps, halfTaps, rowsUsed, passbandRatio);
  const table = Float32Array.from(rows, (h) => h / gain);
  const onSample = table.subarray(0, taps); // row 0: tap halfTaps − 1 + j is at distance j
  const halfway = table.subarray((PHASES / 2) * taps, (PHASES / 2 + 1) * taps); // tap halfTaps + j is at distance j + ½
  const pairOffsets: number[] = [];
  const pairCoefs: number[] = [];
  for (let j = 1; j < halfTaps; j++) {
    if (onSample[halfTaps - 1 + j] === 0) continue;
    pairOffsets.push(j);
    pairCoefs.push(onSample[halfTaps - 1 + j]);
  }
  return {
    halfTaps,
    taps,
    table,
    centre: onSample[halfTaps - 1],
    pairOffset: Int32Array.from(pairOffsets),
    pairCoef: Float32Array.from(pairCoefs),
    midCoef: Float32Array.from({ length: halfTaps }, (_, j) => halfway[halfTaps + j]),
  };
}

/** Root-mean-square gain over [0, passbandRatio] of the mean response of `rowsUsed`. */
function passbandRmsGain(rows: Float64Array, taps: number, halfTaps: number, rowsUsed: number[], passbandRatio: number): number {
  const POINTS = 48;
  let sum = 0;
  for (let i = 0; i < POINTS; i++) {
    const w = (2 * Math.PI * passbandRatio * i) / (POINTS - 1);
    let re = 0;
    let im = 0;
    for (const p of rowsUsed) {
      for (let t = 0; t < taps; t++) {
        const d = t - halfTaps + 1 - p / PHASES;
        re += rows[p * taps + t] * Math.cos(w * d);
        im -= rows[p * taps + t] * Math.sin(w * d);
      }
    }
    sum += (re * re + im * im) / (rowsUsed.length * rowsUsed.length);
  }
  return Math.sqrt(sum / POINTS);
}

export interface ResampleOptions {
  /** Highest frequency (Hz) that must pass; defaults to 0.45 × the lower rate. */
  passbandHz?: number;
  /**
   * Lowest frequency (Hz) that must be rejected; defaults to the lower Nyquist frequency. When
   * only [0, passband] matters afterwards, rate − passband is enough (aliases land above it).
   */
  stopbandHz?: number;
}

type StageLoop = 'decimate' | 'double' | 'fourTaps' | 'polyphase';

interface Stage {
  kernel: Kernel;
  /** Input samples per output sample, also as the exact fraction stepNum / stepDen. */
  step: number;
  stepNum: number;
  stepDen: number;
  /** Table row offset for each remainder r of an output position ⌊·⌋ + r / stepDen. */
  rowOfRemainder: Int32Array;
  loop: StageLoop;
}

/**
 * Largest denominator of a stage's step. Every pair of integer rates up to 384 kHz fits (common
 * ones give 1–441); a non-integer rate is approximated by a fraction, a speed error of at most a
 * few parts per million, far inside what detection tolerates.
 */
const MAX_STEP_DENOMINATOR = 1 << 19;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** from/to as a fraction (exact for integer rates with a small ratio, else the closest convergent). */
function stepFraction(fromRate: number, toRate: number): [number, number] {
  if (Number.isInteger(fromRate) && Number.isInteger(toRate)) {
    const g = gcd(fromRate, toRate);
    if (toRate / g <= MAX_STEP_DENOMINATOR) return [fromRate / g, toRate / g];
  }
  // continued fraction convergents h/k of x
  const x = fromRate / toRate;
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let rest = x;
  for (;;) {
    const a = Math.floor(rest);
    const [h2, k2] = [a * h1 + h0, a * k1 + k0];
    if (k2 > MAX_STEP_DENOMINATOR) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    if (rest === a || Math.abs(h1 / k1 - x) < 1e-15 * x) break;
    rest = 1 / (rest - a);
  }
  return [h1, k1];
}

function stage(fromRate: number, toRate: number, passband: number, stopband: number): Stage {
  const cutoffHz = 0.5 * (passband + stopband);
  const transitionHz = Math.max(stopband - passband, 1);
  const zeroCrossings = Math.max(2, Math.ceil((WINDOW_SECONDS_PER_HZ / transitionHz) * cutoffHz));
  const cutoffRatio = Math.min(0.5, cutoffHz / fromRate);
  const [stepNum, stepDen] = stepFraction(fromRate, toRate);
  const rowOfRemainder = (r: number) => Math.round((r / stepDen) * PHASES);
  // the rows a stage uses: its stepDen positions, or an even sample of them when there are many
  const sampled = Math.min(stepDen, 64);
  const rowsUsed = Array.from({ length: sampled }, (_, i) => rowOfRemainder(Math.floor((i * stepDen) / sampled)));
  const kernel = buildKernel({ cutoffRatio, passbandRatio: passband / fromRate, zeroCrossings, rowsUsed });
  const loop: StageLoop =
    stepDen === 1 ? 'decimate' : stepDen === 2 && stepNum === 1 && cutoffRatio === 0.5 ? 'double' : kernel.taps === 4 ? 'fourTaps' : 'polyphase';
  return {
    kernel,
    step: stepNum / stepDen,
    stepNum,
    stepDen,
    rowOfRemainder: Int32Array.from({ length: stepDen }, (_, r) => rowOfRemainder(r) * kernel.taps),
    loop,
  };
}

const planCache = new Map<string, Stage[]>();

function plan(fromRate: number, toRate: number, options: ResampleOptions): Stage[] {
  const key = `${fromRate}:${toRate}:${options.passbandHz}:${options.stopbandHz}`;
  const cached = planCache.get(key);
  if (cached) return cached;
  const lowerRate = Math.min(fromRate, toRate);
  const passband = Math.min(options.passbandHz ?? 0.45 * lowerRate, 0.48 * lowerRate);
  const stopband = Math.max(options.stopbandHz ?? 0.5 * lowerRate, passband + 1);
  const stages: Stage[] = [];
  if (fromRate > 2 * toRate) {
    // down to twice the target with a wide transition (aliases land above the passband), then the sharp ÷2
    const mid = 2 * toRate;
    stages.push(stage(fromRate, mid, passband, mid - passband));
    stages.push(stage(mid, toRate, passband, stopband));
  } else if (toRate > 2 * fromRate) {
    // the sharp ×2, then a wide transition up to the target (images of the doubled signal start at mid − passband)
    const mid = 2 * fromRate;
    stages.push(stage(fromRate, mid, passband, stopband));
    stages.push(stage(mid, toRate, passband, mid - passband));
  } else {
    stages.push(stage(fromRate, toRate, passband, stopband));
  }
  planCache.set(key, stages);
  return stages;
}

export function resampledLength(inputLength: number, fromRate: number, toRate: number): number {
  return Math.round((inputLength * toRate) / fromRate);
}

/** Resamples `input` from `fromRate` to `toRate`; output length = round(length × toRate / fromRate). */
export function resample(input: Float32Array, fromRate: number, toRate: number, options: ResampleOptions = {}): Float32Array {
  const outLength = resampledLength(input.length, fromRate, toRate);
  if (fromRate === toRate) return Float32Array.from(input);
  return resampleRange(input, 0, fromRate, toRate, 0, outLength, options);
}

/**
 * Output samples [outStart, outEnd) of the resampled signal, reading only `input`, which holds
 * input samples [inputStart, inputStart + input.length); samples outside it count as zero. This
 * lets long signals be processed in blocks with bounded memory.
 */
export function resampleRange(
  input: Float32Array,
  inputStart: number,
  fromRate: number,
  toRate: number,
  outStart: number,
  outEnd: number,
  options: ResampleOptions = {},
): Float32Array {
  if (fromRate === toRate) {
    const out = new Float32Array(Math.max(0, outEnd - outStart));
    for (let j = outStart; j < outEnd; j++) {
      const i = j - inputStart;
      if (i >= 0 && i < input.length) out[j - outStart] = input[i];
    }
    return out;
  }
  const stages = plan(fromRate, toRate, options);
  if (stages.length === 1) return runStage(stages[0], input, inputStart, outStart, outEnd);
  const [first, second] = stages;
  // intermediate samples needed by the second stage for [outStart, outEnd)
  const midStart = Math.floor(outStart * second.step) - second.kernel.halfTaps;
  const midEnd = Math.ceil(outEnd * second.step) + second.kernel.halfTaps + 1;
  const mid = runStage(first, input, inputStart, midStart, midEnd, scratch(midEnd - midStart));
  return runStage(second, mid, midStart, outStart, outEnd);
}

/**
 * One buffer for the intermediate signal of two-stage plans, reused from call to call (callers
 * never see it): a fresh megabyte-sized array per block costs about as much system time, for the
 * pages the kernel has to zero, as filling it.
 */
let scratchBuffer: Float32Array = new Float32Array(0);
/** Longer intermediate signals (whole files resampled in one call) get their own array rather than staying in memory. */
const MAX_SCRATCH = 1 << 20;

function scratch(length: number): Float32Array {
  if (length > MAX_SCRATCH) return new Float32Array(length);
  if (scratchBuffer.length < length) scratchBuffer = new Float32Array(Math.min(MAX_SCRATCH, Math.ceil(length * 1.25)));
  return scratchBuffer.subarray(0, length);
}

/** Fills `out` (a new array when not given) with outputs [outStart, outEnd) of one stage. */
function runStage(
  s: Stage,
  input: Float32Array,
  inputStart: number,
  outStart: number,
  outEnd: number,
  out: Float32Array = new Float32Array(Math.max(0, outEnd - outStart)),
): Float32Array {
  const { halfTaps, taps } = s.kernel;
  const count = out.length;
  // outputs [lo, hi) read only samples inside `input` (first tap ≥ 0, last tap < input.length)
  const lo = Math.min(count, Math.max(0, Math.ceil(((inputStart + halfTaps - 1) * s.stepDen) / s.stepNum) - outStart));
  const hi = Math.min(count, Math.max(lo, Math.ceil(((input.length + inputStart + halfTaps - taps) * s.stepDen) / s.stepNum) - outStart));
  for (let o = 0; o < lo; o++) out[o] = edgeSample(s, input, inputStart, outStart + o);
  for (let o = hi; o < count; o++) out[o] = edgeSample(s, input, inputStart, outStart + o);
  if (hi > lo) {
    const [first, remainder] = firstTapAt(s, inputStart, outStart + lo);
    if (s.loop === 'decimate') decimate(s, input, first, out, lo, hi);
    else if (s.loop === 'double') double(s, input, first, remainder, out, lo, hi);
    else if (s.loop === 'fourTaps') polyphaseFourTaps(s, input, first, remainder, out, lo, hi);
    else polyphase(s, input, first, remainder, out, lo, hi);
  }
  return out;
}

/**
 * Where output `position` reads `input` (which starts at input sample `inputStart`): the index of
 * its first tap and the remainder r of its position ⌊·⌋ + r / stepDen. Exact integer arithmetic,
 * so a block gives the same samples as one pass.
 */
function firstTapAt(s: Stage, inputStart: number, position: number): [number, number] {
  const product = position * s.stepNum;
  let whole = Math.floor(product / s.stepDen);
  let remainder = product - whole * s.stepDen;
  if (remainder < 0) [whole, remainder] = [whole - 1, remainder + s.stepDen];
  else if (remainder >= s.stepDen) [whole, remainder] = [whole + 1, remainder - s.stepDen];
  return [whole - inputStart + 1 - s.kernel.halfTaps, remainder];
}

/** Output `position` from its full table row, with zeros outside the input (the few outputs at a block's ends). */
function edgeSample(s: Stage, input: Float32Array, inputStart: number, position: number): number {
  const [first, remainder] = firstTapAt(s, inputStart, position);
  const { taps, table } = s.kernel;
  const row = s.rowOfRemainder[remainder];
  let acc = 0;
  for (let k = Math.max(0, -first); k < Math.min(taps, input.length - first); k++) acc += table[row + k] * input[first + k];
  return acc;
}

// The loops below compute outputs [lo, hi), all inside the input; output lo's first tap reads input[first].

/** Integer step: every output sits on an input sample and the kernel is symmetric about it. */
function decimate(s: Stage, input: Float32Array, first: number, out: Float32Array, lo: number, hi: number): void {
  const { centre, pairOffset, pairCoef, halfTaps } = s.kernel;
  const step = s.stepNum;
  const pairs = pairOffset.length;
  let c = first + halfTaps - 1;
  for (let o = lo; o < hi; o++, c += step) {
    // four partial sums, so that the additions need not wait for each other
    let acc0 = centre * input[c];
    let acc1 = 0;
    let acc2 = 0;
    let acc3 = 0;
    let q = 0;
    for (; q + 3 < pairs; q += 4) {
      const j0 = pairOffset[q];
      const j1 = pairOffset[q + 1];
      const j2 = pairOffset[q + 2];
      const j3 = pairOffset[q + 3];
      acc0 += pairCoef[q] * (input[c - j0] + input[c + j0]);
      acc1 += pairCoef[q + 1] * (input[c - j1] + input[c + j1]);
      acc2 += pairCoef[q + 2] * (input[c - j2] + input[c + j2]);
      acc3 += pairCoef[q + 3] * (input[c - j3] + input[c + j3]);
    }
    for (; q < pairs; q++) acc0 += pairCoef[q] * (input[c - pairOffset[q]] + input[c + pairOffset[q]]);
    out[o] = acc0 + acc1 + (acc2 + acc3);
  }
}

/** Step ½ with the cutoff at the input Nyquist: even outputs are the input samples (scaled), odd ones lie halfway. */
function double(s: Stage, input: Float32Array, first: number, remainder: number, out: Float32Array, lo: number, hi: number): void {
  const { midCoef, halfTaps, centre } = s.kernel;
  const reach = midCoef.length;
  let c = first + halfTaps - 1;
  let o = lo;
  if (remainder === 1 && o < hi) out[o++] = halfway(midCoef, reach, input, c++);
  for (; o + 1 < hi; o += 2, c++) {
    out[o] = centre * input[c];
    out[o + 1] = halfway(midCoef, reach, input, c);
  }
  if (o < hi) out[o] = centre * input[c];
}

/** The sample halfway between input[c] and input[c + 1]. */
function halfway(midCoef: Float32Array, reach: number, input: Float32Array, c: number): number {
  let acc0 = 0;
  let acc1 = 0;
  let acc2 = 0;
  let acc3 = 0;
  let j = 0;
  for (; j + 3 < reach; j += 4) {
    acc0 += midCoef[j] * (input[c - j] + input[c + 1 + j]);
    acc1 += midCoef[j + 1] * (input[c - j - 1] + input[c + 2 + j]);
    acc2 += midCoef[j + 2] * (input[c - j - 2] + input[c + 3 + j]);
    acc3 += midCoef[j + 3] * (input[c - j - 3] + input[c + 4 + j]);
  }
  for (; j < reach; j++) acc0 += midCoef[j] * (input[c - j] + input[c + 1 + j]);
  return acc0 + acc1 + (acc2 + acc3);
}

/** Any step: the kernel row for each output's fractional position, from the table. */
function polyphase(s: Stage, input: Float32Array, first: number, remainder: number, out: Float32Array, lo: number, hi: number): void {
  const { taps, table } = s.kernel;
  const { stepDen, rowOfRemainder } = s;
  const stepWhole = Math.floor(s.stepNum / stepDen);
  const stepRemainder = s.stepNum - stepWhole * stepDen;
  const unrolled = taps & ~3;
  for (let o = lo; o < hi; o++) {
    const row = rowOfRemainder[remainder];
    // four partial sums: the additions of one output need not wait for each other
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let k = 0;
    for (; k < unrolled; k += 4) {
      a0 += table[row + k] * input[first + k];
      a1 += table[row + k + 1] * input[first + k + 1];
      a2 += table[row + k + 2] * input[first + k + 2];
      a3 += table[row + k + 3] * input[first + k + 3];
    }
    for (; k < taps; k++) a0 += table[row + k] * input[first + k];
    out[o] = a0 + a1 + (a2 + a3);
    first += stepWhole;
    remainder += stepRemainder;
    if (remainder >= stepDen) {
      remainder -= stepDen;
      first++;
    }
  }
}

/** `polyphase` for 4-tap kernels (the wide-transition upsampling stage), written out: most outputs at 44.1/48 kHz come from it. */
function polyphaseFourTaps(s: Stage, input: Float32Array, first: number, remainder: number, out: Float32Array, lo: number, hi: number): void {
  const { table } = s.kernel;
  const { stepDen, rowOfRemainder } = s;
  const stepWhole = Math.floor(s.stepNum / stepDen);
  const stepRemainder = s.stepNum - stepWhole * stepDen;
  for (let o = lo; o < hi; o++) {
    const row = rowOfRemainder[remainder];
    out[o] = table[row] * input[first] + table[row + 1] * input[first + 1] + (table[row + 2] * input[first + 2] + table[row + 3] * input[first + 3]);
    first += stepWhole;
    remainder += stepRemainder;
    if (remainder >= stepDen) {
      remainder -= stepDen;
      first++;
    }
  }
}

/** Input samples needed on each side of a block to compute its outputs exactly. */
export function resampleMargin(fromRate: number, toRate: number, options: ResampleOptions = {}): number {
  if (fromRate === toRate) return 0;
  const stages = plan(fromRate, toRate, options);
  // margin in input samples: each stage's half-width, referred back to the input rate
  let margin = 0;
  let scale = 1;
  for (const s of stages) {
    margin += (s.kernel.halfTaps + 1) * scale;
    scale *= s.step;
  }
  return Math.ceil(margin) + 2;
}
