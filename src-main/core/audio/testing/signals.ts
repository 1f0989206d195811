/** Test signals and measurements shared by the audio tests. */

/** Linear chirp from f0 to f1 Hz with a short fade in and out (so resamplers and codecs see no clicks). */
export function chirp(sampleRate: number, seconds: number, f0: number, f1: number, amplitude = 0.5): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Float32Array(n);
  const fade = Math.min(n / 4, Math.round(sampleRate * 0.01));
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const phase = 2 * Math.PI * (f0 * t + ((f1 - f0) * t * t) / (2 * seconds));
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = amplitude * envelope * Math.sin(phase);
  }
  return out;
}

export function tone(sampleRate: number, seconds: number, frequency: number, amplitude = 0.5): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return out;
}

/** Amplitude of the `frequency` component over samples [from, to) (single-bin DFT). */
export function amplitudeAt(samples: Float32Array, sampleRate: number, frequency: number, from = 0, to = samples.length): number {
  let re = 0;
  let im = 0;
  const w = (2 * Math.PI * frequency) / sampleRate;
  for (let i = from; i < to; i++) {
    re += samples[i] * Math.cos(w * i);
    im -= samples[i] * Math.sin(w * i);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

export function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

export function decibels(ratio: number): number {
  return 20 * Math.log10(ratio);
}

/**
 * Normalised cross-correlation of `actual` against `expected`, searched over lags in
 * [-maxLag, maxLag] (actual[i + lag] ~ expected[i]); the edges are left out.
 */
export function bestCorrelation(expected: Float32Array, actual: Float32Array, maxLag: number): { lag: number; correlation: number } {
  const from = maxLag;
  const to = Math.min(expected.length, actual.length) - maxLag;
  let best = { lag: 0, correlation: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let dot = 0;
    let ee = 0;
    let aa = 0;
    for (let i = from; i < to; i++) {
      const a = actual[i + lag];
      dot += expected[i] * a;
      ee += expected[i] * expected[i];
      aa += a * a;
    }
    const correlation = dot / Math.sqrt(ee * aa || 1);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}

/** Deterministic bytes for fuzz-like tests. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}
