import type { PcmClip } from '../audio';

export type { PcmClip };

export function int16ToFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] / 32768;
  return out;
}

/**
 * Scales so the loudest sample sits at `peak`. Piper normalises every utterance like this (its
 * models' raw output level varies); we stop short of full scale to leave headroom for the
 * watermark. Near-silent output is not blown up beyond a 100× gain, as in Piper.
 */
export function normalizePeak(samples: Float32Array, peak = 0.9): Float32Array {
  let max = 0;
  for (let i = 0; i < samples.length; i++) {
    const magnitude = Math.abs(samples[i]);
    if (magnitude > max) max = magnitude;
  }
  const gain = peak / Math.max(0.01, max);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] * gain;
  return out;
}

/** Joins clips of one sample rate, with `gapsSec[i]` seconds of silence after clip i. */
export function joinWithSilence(clips: PcmClip[], gapsSec: number[], sampleRate: number): PcmClip {
  const gapSamples = clips.map((_, i) => (i < clips.length - 1 ? Math.round((gapsSec[i] ?? 0) * sampleRate) : 0));
  const total = clips.reduce((sum, clip, i) => sum + clip.samples.length + gapSamples[i], 0);
  const samples = new Float32Array(total);
  let offset = 0;
  clips.forEach((clip, i) => {
    samples.set(clip.samples, offset);
    offset += clip.samples.length + gapSamples[i];
  });
  return { samples, sampleRate };
}
