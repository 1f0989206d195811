import { describe, expect, it } from 'vitest';
import { StreamingResampler, resample, resampledLength } from './resample';
import { amplitudeAt, bestCorrelation, chirp, decibels, rms, tone } from './testing/signals';

/** Residual after removing the best-fitting sine at `frequency`: distortion + noise, relative to the tone. */
function thdPlusNoiseDb(samples: Float32Array, sampleRate: number, frequency: number, from: number, to: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  let cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
  for (let i = from; i < to; i++) {
    const c = Math.cos(w * i), s = Math.sin(w * i);
    cc += c * c; ss += s * s; cs += c * s; xc += samples[i] * c; xs += samples[i] * s;
  }
  const det = cc * ss - cs * cs;
  const a = (xc * ss - xs * cs) / det;
  const b = (xs * cc - xc * cs) / det;
  const residual = new Float32Array(to - from);
  for (let i = from; i < to; i++) residual[i - from] = samples[i] - a * Math.cos(w * i) - b * Math.sin(w * i);
  return decibels(rms(residual) / (Math.hypot(a, b) / Math.SQRT2));
}

function streamInChunks(samples: Float32Array, from: number, to: number, sizes: number[]): Float32Array {
  const resampler = new StreamingResampler(from, to);
  const parts: Float32Array[] = [];
  for (let offset = 0, k = 0; offset < samples.length; k++) {
    const size = sizes[k % sizes.length];
    parts.push(resampler.push(samples.subarray(offset, offset + size)));
    offset += size;
  }
  parts.push(resampler.flush());
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe('resample', () => {
  it.each([
    [22050, 16000],
    [16000, 22050],
    [22050, 44100],
    [44100, 22050],
    [48000, 22050],
    [44100, 16000],
    [44101, 48000], // coprime rates: quantised phases
  ])('keeps a 1 kHz tone at 1 kHz with low distortion (%i → %i Hz)', (from, to) => {
    const input = tone(from, 1, 1000);
    const output = resample(input, from, to);
    expect(output.length).toBe(resampledLength(input.length, from, to));
    expect(output.length).toBe(Math.ceil((input.length * to) / from));
    const a = Math.floor(output.length * 0.1);
    const b = Math.floor(output.length * 0.9);
    expect(amplitudeAt(output, to, 1000, a, b)).toBeCloseTo(0.5, 3);
    // Off-frequency energy is tiny: a neighbouring bin and the total residual.
    expect(amplitudeAt(output, to, 1100, a, b)).toBeLessThan(1e-3);
    expect(thdPlusNoiseDb(output, to, 1000, a, b)).toBeLessThan(-80);
  });

  it.each([
    [22050, 16000, 10000],
    [44100, 16000, 9000],
    [44100, 22050, 11500],
    [48000, 16000, 8300],
  ])('attenuates content above the new Nyquist (%i → %i Hz, tone at %i Hz)', (from, to, frequency) => {
    const output = resample(tone(from, 1, frequency), from, to);
    const alias = to - frequency; // where the tone would fold to
    const a = Math.floor(output.length * 0.1);
    const b = Math.floor(output.length * 0.9);
    expect(decibels(amplitudeAt(output, to, alias, a, b) / 0.5)).toBeLessThan(-70);
    expect(decibels(rms(output, a, b) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
  });

  it('passes the band below 0.8 × the new Nyquist flat', () => {
    for (const frequency of [100, 2000, 5000, 6400]) {
      const output = resample(tone(22050, 1, frequency), 22050, 16000);
      expect(Math.abs(decibels(amplitudeAt(output, 16000, frequency, 1600, 14400) / 0.5))).toBeLessThan(0.1);
    }
  });

  it('survives 22.05k → 16k → 22.05k and 22.05k → 44.1k → 22.05k for in-band content', () => {
    const input = chirp(22050, 2, 100, 6000);
    for (const via of [16000, 44100]) {
      const back = resample(resample(input, 22050, via), via, 22050);
      expect(back.length).toBe(input.length);
      const { lag, correlation } = bestCorrelation(input, back, 5);
      expect(lag).toBe(0);
      expect(correlation).toBeGreaterThan(0.9999);
    }
  });

  it('gives the same samples however the stream is chunked', () => {
    const input = chirp(44100, 0.5, 50, 15000);
    for (const [from, to] of [[44100, 16000], [44100, 48000], [44100, 44101]]) {
      const whole = resample(input, from, to);
      const chunked = streamInChunks(input, from, to, [1, 7, 4096, 333, 10000]);
      expect(chunked.length).toBe(whole.length);
      let maxDifference = 0;
      for (let i = 0; i < whole.length; i++) maxDifference = Math.max(maxDifference, Math.abs(whole[i] - chunked[i]));
      expect(maxDifference).toBe(0);
    }
  });

  it('copies when the rates are equal and handles empty and tiny inputs', () => {
    const input = new Float32Array([0.1, -0.2, 0.3]);
    const same = resample(input, 16000, 16000);
    expect(same).toEqual(input);
    expect(same).not.toBe(input);
    expect(resample(new Float32Array(0), 22050, 16000)).toHaveLength(0);
    expect(resample(new Float32Array([1]), 8000, 48000)).toHaveLength(6);
  });

  it('rejects rates that are not positive integers', () => {
    expect(() => resample(new Float32Array(4), 0, 16000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 22050.5, 16000)).toThrow(RangeError);
  });
});
