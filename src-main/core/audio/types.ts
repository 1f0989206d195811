/** Mono PCM. Samples are finite and nominally within [-1, 1]. */
export interface PcmClip {
  samples: Float32Array;
  sampleRate: number;
}

export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'opus' | 'vorbis';

export interface DecodedAudio {
  format: AudioFormat;
  /** Rate of the decoded stream (Opus always decodes at 48 kHz). */
  sourceSampleRate: number;
  channels: number;
  /** Seconds of audio decoded from the file (before resampling). */
  durationSec: number;
  /** Mono downmix, resampled to options.targetSampleRate when given. */
  clip: PcmClip;
}

export interface DecodeOptions {
  /** Resample the mono downmix to this rate (4 kHz – 384 kHz). */
  targetSampleRate?: number;
  /** Stop with AUDIO_TOO_LONG once more than this much audio has been decoded. Default LIMITS.maxCheckAudioSec. */
  maxDurationSec?: number;
  /** Refuse inputs larger than this. Default LIMITS.maxCheckFileBytes. */
  maxBytes?: number;
  /** Checked between chunks; an aborted decode ends with CANCELLED. */
  signal?: AbortSignal;
}

/** Sample rates a decoded or encoded stream may have. */
export const MIN_SAMPLE_RATE = 4_000;
export const MAX_SAMPLE_RATE = 384_000;

export function isSupportedSampleRate(rate: number): boolean {
  return Number.isInteger(rate) && rate >= MIN_SAMPLE_RATE && rate <= MAX_SAMPLE_RATE;
}
