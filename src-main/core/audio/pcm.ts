import type { PcmClip } from './types';

export function clipDurationSec(clip: PcmClip): number {
  return clip.sampleRate > 0 ? clip.samples.length / clip.sampleRate : 0;
}

/** NaN and ±Infinity become silence; everything else is clamped to [-1, 1]. */
export function sanitizeSample(value: number): number {
  if (value > 1) return value === Infinity ? 0 : 1;
  if (value < -1) return value === -Infinity ? 0 : -1;
  return value === value ? value : 0;
}

/** Float sample to a signed integer of `bits` bits: scaled by 2^(bits-1), rounded, clamped. */
export function quantizeSample(value: number, bits: number, dither = 0): number {
  const scale = 2 ** (bits - 1);
  const scaled = Math.round(sanitizeSample(value) * scale + dither);
  return scaled >= scale ? scale - 1 : scaled < -scale ? -scale : scaled;
}
