/**
 * Band-limited resampling between any two rates with Kaiser-windowed sinc kernels tabulated at a
 * fixed number of fractional phases (≈ 40 dB stopband: enough for the watermark, whose own
 * errors then sit 40 dB below a mark that is itself 30 dB below the audio). Large ratios
 * run in two stages (an integer decimation or a ×2 interpolation with a wide transition band, then
 * the sharp stage), which roughly halves the work for 44.1 and 48 kHz audio.
 */
const PHASES = 512;
const KAISER_BETA = 3.4;
/** Kaiser window length (in seconds) needed per Hz of transition band for ≈ 40 dB. */
const WINDOW_SECONDS_PER_HZ = 2.2;

interface Kernel {
  halfTaps: number;
  taps: number;
  table: Float32Array; // (PHASES + 1) rows of `taps` taps
  /** For each phase row: the tap index of a unit impulse if the row is one (pass-through), else −1. */
  impulseAt: Int32Array;
  /**
   * Rows with many zero taps (half-band and quarter-band kernels at integer ratios) as compact
   * (tap, coefficient) lists from sparseStart[p] to sparseEnd[p], or sparseStart[p] = −1 when dense.
   */
  sparseStart: Int32Array;
  sparseEnd: Int32Array;
  sparseTap: Int32Array;
  sparseCoef: Float32Array;
}

const kernelCache = new Map<string, Kernel>();

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 60; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/** cutoffRatio: cutoff as a fraction of the input rate (≤ 0.5); zeroCrossings: sinc lobes per side. */
function buildKernel(cutoffRatio: number, zeroCrossings: number): Kernel {
  const key = `${cutoffRatio.toFixed(9)}:${zeroCrossings}`;
  const cached = kernelCache.get(key);
  if (cached) return cached;
  const halfWidth = zeroCrossings / (2 * cutoffRatio); // input samples
  const halfTaps = Math.ceil(halfWidth);
  const taps = 2 * halfTaps;
  const table = new Float32Array((PHASES + 1) * taps);
  const impulseAt = new Int32Array(PHASES + 1).fill(-1);
  const i0Beta = besselI0(KAISER_BETA);
  for (let p = 0; p <= PHASES; p++) {
    const frac = p / PHASES;
    let nonZero = 0;
    let last = -1;
    for (let t = 0; t < taps; t++) {
      // tap t multiplies input sample (i0 − halfTaps + 1 + t); d is its distance from the output instant
      const d = t - halfTaps + 1 - frac;
      let h = 0;
      if (Math.abs(d) < halfWidth) {
        const x = 2 * cutoffRatio * d;
        const sinc = Math.abs(x) < 1e-12 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = d / halfWidth;
        h = 2 * cutoffRatio * sinc * (besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta);
      }
      if (Math.abs(h) < 1e-7) h = 0;
      table[p * taps + t] = h;
      if (h !== 0) {
        nonZero++;
        last = t;
      }
    }
    if (nonZero === 1 && Math.abs(table[p * taps + last] - 1) < 1e-6) impulseAt[p] = last;
  }
  const sparseStart = new Int32Array(PHASES + 1).fill(-1);
  const sparseEnd = new Int32Array(PHASES + 1);
  const sparseTaps: number[] = [];
  const sparseCoefs: number[] = [];
  for (let p = 0; p <= PHASES; p++) {
    let nonZero = 0;
    for (let t = 0; t < taps; t++) if (table[p * taps + t] !== 0) nonZero++;
    if (nonZero > 0.75 * taps) continue;
    sparseStart[p] = sparseTaps.length;
    for (let t = 0; t < taps; t++) {
      if (table[p * taps + t] === 0) continue;
      sparseTaps.push(t);
      sparseCoefs.push(table[p * taps + t]);
    }
    sparseEnd[p] = sparseTaps.length;
  }
  const kernel = {
    halfTaps,
    taps,
    table,
    impulseAt,
    sparseStart,
    sparseEnd,
    sparseTap: Int32Array.from(sparseTaps),
    sparseCoef: Float32Array.from(sparseCoefs),
  };
  kernelCache.set(key, kernel);
  return kernel;
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

interface Stage {
  fromRate: number;
  toRate: number;
  kernel: Kernel;
  step: number;
}

function stage(fromRate: number, toRate: number, passband: number, stopband: number): Stage {
  const cutoffHz = 0.5 * (passband + stopband);
  const transitionHz = Math.max(stopband - passband, 1);
  const zeroCrossings = Math.max(2, Math.ceil(((WINDOW_SECONDS_PER_HZ / transitionHz) * cutoffHz)));
  return { fromRate, toRate, kernel: buildKernel(Math.min(0.5, cutoffHz / fromRate), zeroCrossings), step: fromRate / toRate };
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
  if (fromRate >= 2.5 * toRate) {
    // integer decimation first, to a rate still well above the target
    const factor = Math.floor(fromRate / (1.35 * toRate));
    const mid = fromRate / factor;
    stages.push(stage(fromRate, mid, passband, mid - passband));
    stages.push(stage(mid, toRate, passband, stopband));
  } else if (toRate >= 2.5 * fromRate) {
    // ×2 interpolation with the sharp filter, then a short one to the target
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
  const mid = runStage(first, input, inputStart, midStart, midEnd);
  return runStage(second, mid, midStart, outStart, outEnd);
}

function runStage(s: Stage, input: Float32Array, inputStart: number, outStart: number, outEnd: number): Float32Array {
  const count = Math.max(0, outEnd - outStart);
  const out = new Float32Array(count);
  const { halfTaps, taps, table, impulseAt, sparseStart, sparseEnd, sparseTap, sparseCoef } = s.kernel;
  const n = input.length;
  // the input position advances by a fixed integer and fraction per output: no floor per sample
  const stepWhole = Math.floor(s.step);
  const stepFraction = s.step - stepWhole;
  const t0 = outStart * s.step;
  const whole = Math.floor(t0);
  let fraction = t0 - whole;
  let first = whole + 1 - halfTaps - inputStart;
  for (let o = 0; o < count; o++) {
    const phase = (fraction * PHASES + 0.5) | 0;
    const impulse = impulseAt[phase];
    let acc = 0;
    if (impulse >= 0) {
      const idx = first + impulse;
      if (idx >= 0 && idx < n) acc = input[idx];
    } else if (first >= 0 && first + taps <= n) {
      const row = phase * taps;
      const sparse = sparseStart[phase];
      if (sparse >= 0) {
        const end = sparseEnd[phase];
        for (let q = sparse; q < end; q++) acc += sparseCoef[q] * input[first + sparseTap[q]];
      } else if (taps === 4) {
        acc = table[row] * input[first] + table[row + 1] * input[first + 1] + table[row + 2] * input[first + 2] + table[row + 3] * input[first + 3];
      } else {
        for (let k = 0; k < taps; k++) acc += table[row + k] * input[first + k];
      }
    } else {
      const from = Math.max(0, -first);
      const to = Math.min(taps, n - first);
      const row = phase * taps;
      for (let k = from; k < to; k++) acc += table[row + k] * input[first + k];
    }
    out[o] = acc;
    fraction += stepFraction;
    first += stepWhole;
    if (fraction >= 1) {
      fraction -= 1;
      first++;
    }
  }
  return out;
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
