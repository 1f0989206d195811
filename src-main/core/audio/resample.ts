/**
 * Band-limited sample-rate conversion: a polyphase windowed-sinc (Kaiser) filter, streaming so that
 * a long decode can be resampled chunk by chunk with bounded memory.
 *
 * Design (all rates relative to the lower of the two Nyquist frequencies):
 * - cut-off at 0.92 of that Nyquist, Kaiser beta 8 (about 80 dB stop-band), 32 zero crossings
 *   each side, so the transition band ends just below Nyquist and aliasing is negligible;
 * - one table row per output phase when the reduced ratio has at most MAX_PHASES phases, otherwise
 *   phases are rounded to MAX_PHASES steps (timing error below 1/4096 of an input sample);
 * - each row is normalised to unit DC gain.
 */

import { kaiserSincTap } from './kaiserSinc';

const CUTOFF = 0.92;
const KAISER_BETA = 8;
const ZERO_CROSSINGS = 32;
const MAX_PHASES = 2048;

interface PolyphaseFilter {
  /** Output step in input samples is `step / interpolation` (reduced fraction of the two rates). */
  interpolation: number;
  step: number;
  /** Rows in `coefficients`; equals `interpolation` unless phases are quantised. */
  phases: number;
  taps: number;
  /** Input samples before the centre sample that a row reaches back to. */
  tapsBefore: number;
  coefficients: Float32Array;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const filterCache = new Map<string, PolyphaseFilter>();

function designFilter(fromRate: number, toRate: number): PolyphaseFilter {
  const key = `${fromRate}:${toRate}`;
  const cached = filterCache.get(key);
  if (cached) return cached;

  const divisor = greatestCommonDivisor(fromRate, toRate);
  const interpolation = toRate / divisor;
  const step = fromRate / divisor;
  const phases = Math.min(interpolation, MAX_PHASES);
  // Cut-off in cycles per input sample, and the kernel's half-width in input samples.
  const cutoff = 0.5 * CUTOFF * Math.min(1, toRate / fromRate);
  const halfWidth = ZERO_CROSSINGS / (2 * cutoff);
  const tapsBefore = Math.ceil(halfWidth) - 1;
  const taps = 2 * Math.ceil(halfWidth);
  const coefficients = new Float32Array(phases * taps);
  const row = new Float64Array(taps);

  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases;
    let sum = 0;
    for (let tap = 0; tap < taps; tap++) {
      // Distance from the output instant to input sample (centre - tapsBefore + tap).
      const distance = fraction + tapsBefore - tap;
      const value = kaiserSincTap(distance, cutoff, halfWidth, KAISER_BETA);
      row[tap] = value;
      sum += value;
    }
    for (let tap = 0; tap < taps; tap++) coefficients[phase * taps + tap] = row[tap] / sum;
  }

  const filter = { interpolation, step, phases, taps, tapsBefore, coefficients };
  if (filterCache.size >= 16) filterCache.delete(filterCache.keys().next().value as string);
  filterCache.set(key, filter);
  return filter;
}

function assertRate(rate: number, name: string): void {
  if (!Number.isInteger(rate) || rate <= 0 || rate > 10_000_000) {
    throw new RangeError(`${name} must be a positive integer sample rate`);
  }
}

/** Number of samples `resample` produces for `inputLength` samples. */
export function resampledLength(inputLength: number, fromRate: number, toRate: number): number {
  if (fromRate === toRate) return inputLength;
  const divisor = greatestCommonDivisor(fromRate, toRate);
  return Math.ceil((inputLength * (toRate / divisor)) / (fromRate / divisor));
}

/**
 * Converts a stream pushed in arbitrary chunks; the output is sample-for-sample what `resample`
 * gives for the whole signal. Output sample k sits at input time k·from/to, with no added delay.
 */
export class StreamingResampler {
  private readonly filter: PolyphaseFilter | null;
  private buffer: Float32Array;
  /** Absolute input index of buffer[0]; starts negative: the signal is zero before index 0. */
  private bufferStart: number;
  private bufferLength: number;
  private received = 0;
  private produced = 0;
  /** Input index of the next output's centre sample, and its phase in 0..interpolation-1. */
  private centre = 0;
  private phase = 0;
  private finished = false;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    assertRate(fromRate, 'fromRate');
    assertRate(toRate, 'toRate');
    this.filter = fromRate === toRate ? null : designFilter(fromRate, toRate);
    const history = this.filter ? this.filter.tapsBefore : 0;
    this.buffer = new Float32Array(Math.max(4096, 4 * (this.filter?.taps ?? 0)));
    this.bufferStart = -history;
    this.bufferLength = history;
  }

  /** Feeds input; returns the output that this input completes (possibly empty). */
  push(input: Float32Array): Float32Array {
    if (this.finished) throw new Error('StreamingResampler: push after flush');
    if (!this.filter) {
      this.received += input.length;
      return input.slice();
    }
    this.append(input);
    this.received += input.length;
    return this.produce(false);
  }

  /** Ends the stream: returns the remaining output, computed as if zeros followed the input. */
  flush(): Float32Array {
    if (this.finished) return new Float32Array(0);
    this.finished = true;
    if (!this.filter) return new Float32Array(0);
    return this.produce(true);
  }

  private append(input: Float32Array): void {
    const needed = this.bufferLength + input.length;
    if (needed > this.buffer.length) {
      const grown = new Float32Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(input, this.bufferLength);
    this.bufferLength += input.length;
  }

  private produce(flushing: boolean): Float32Array {
    const filter = this.filter as PolyphaseFilter;
    const { taps, tapsBefore, phases, interpolation, step, coefficients } = filter;
    const quantised = phases !== interpolation;
    // A quantised phase may round up to the next centre sample, which needs one more input sample.
    const tapsAfter = taps - tapsBefore - 1 + (quantised ? 1 : 0);
    let available: number;
    if (flushing) {
      available = resampledLength(this.received, this.fromRate, this.toRate) - this.produced;
    } else {
      // Outputs whose taps all lie in the input received so far: centre_k <= lastCentre, where
      // centre_k = centre + floor((phase + k·step) / interpolation).
      const headroom = this.received - 1 - tapsAfter - this.centre;
      available = headroom < 0 ? 0 : Math.floor(((headroom + 1) * interpolation - 1 - this.phase) / step) + 1;
    }
    const out = new Float32Array(Math.max(0, available));
    const buffer = this.buffer;
    let centre = this.centre;
    let phase = this.phase;
    for (let k = 0; k < out.length; k++) {
      let row = phase;
      let rowCentre = centre;
      if (quantised) {
        row = Math.round((phase * phases) / interpolation);
        if (row === phases) {
          row = 0;
          rowCentre += 1;
        }
      }
      const first = rowCentre - tapsBefore - this.bufferStart;
      const offset = row * taps;
      // Past the end of the input (only when flushing) the signal is zero: stop the sum there.
      const limit = Math.min(taps, this.bufferLength - first);
      let acc = 0;
      for (let tap = 0; tap < limit; tap++) acc += buffer[first + tap] * coefficients[offset + tap];
      out[k] = acc;
      phase += step;
      if (phase >= interpolation) {
        centre += Math.floor(phase / interpolation);
        phase %= interpolation;
      }
    }
    this.centre = centre;
    this.phase = phase;
    this.produced += out.length;
    this.discardBefore(centre - tapsBefore);
    return out;
  }

  private discardBefore(absoluteIndex: number): void {
    const drop = Math.min(this.bufferLength, absoluteIndex - this.bufferStart);
    if (drop <= 0) return;
    this.buffer.copyWithin(0, drop, this.bufferLength);
    this.bufferLength -= drop;
    this.bufferStart += drop;
  }
}

/** Resamples a whole signal (see StreamingResampler for the filter). Returns a new array. */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  const resampler = new StreamingResampler(fromRate, toRate);
  if (fromRate === toRate) return samples.slice();
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
