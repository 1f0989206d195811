import { RealFft } from './fft';
import { DETECT_HOP, FRAME, WORK_RATE } from './params';
import { resampleRange, resampledLength, type ResampleOptions } from './resample';

/** Only the mark band matters at the working rate, so aliases may land above it. */
export const TO_WORK_RATE: ResampleOptions = { passbandHz: 3450, stopbandHz: WORK_RATE - 3450 };
/** The mark has no content above the band, so its images start at WORK_RATE − 3450 Hz. */
export const FROM_WORK_RATE: ResampleOptions = { passbandHz: 3450, stopbandHz: WORK_RATE - 3450 };

export function hannWindow(size: number, power: 1 | 0.5): Float64Array {
  const w = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const h = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
    w[i] = power === 1 ? h : Math.sqrt(h);
  }
  return w;
}

/** Reads working-rate samples [start, end) of a clip at any rate, resampling on the fly. */
export function workRateRange(samples: Float32Array, sampleRate: number, start: number, end: number): Float32Array {
  return resampleRange(samples, 0, sampleRate, WORK_RATE, start, end, TO_WORK_RATE);
}

export function workRateLength(samples: Float32Array, sampleRate: number): number {
  return resampledLength(samples.length, sampleRate, WORK_RATE);
}

const BLOCK_FRAMES = 4096;

export function detectionFrameCount(samples: Float32Array, sampleRate: number): number {
  const length = workRateLength(samples, sampleRate);
  return length > 0 ? Math.floor((length - 1) / DETECT_HOP) + 1 : 0;
}

/**
 * Calls `onFrame(n, power)` for every frame of the detection STFT (Hann, FRAME, DETECT_HOP) at the
 * working rate; frame n is centred on working-rate sample n × DETECT_HOP. Audio is resampled in
 * blocks so that only one block exists at a time.
 */
export function forEachDetectionFrame(
  samples: Float32Array,
  sampleRate: number,
  firstFrame: number,
  endFrame: number,
  onFrame: (n: number, power: Float64Array) => void,
): void {
  const length = workRateLength(samples, sampleRate);
  const frames = Math.min(endFrame, detectionFrameCount(samples, sampleRate));
  const fft = new RealFft(FRAME);
  const window = hannWindow(FRAME, 1);
  const frameBuf = new Float64Array(FRAME);
  const re = new Float64Array(FRAME / 2 + 1);
  const im = new Float64Array(FRAME / 2 + 1);
  const power = new Float64Array(FRAME / 2 + 1);
  const half = FRAME / 2;
  for (let f0 = Math.max(0, firstFrame); f0 < frames; f0 += BLOCK_FRAMES) {
    const f1 = Math.min(frames, f0 + BLOCK_FRAMES);
    const blockStart = Math.max(0, f0 * DETECT_HOP - half);
    const block = workRateRange(samples, sampleRate, blockStart, Math.min(length, (f1 - 1) * DETECT_HOP + half));
    for (let n = f0; n < f1; n++) {
      const start = n * DETECT_HOP - half - blockStart;
      for (let i = 0; i < FRAME; i++) {
        const idx = start + i;
        frameBuf[i] = idx >= 0 && idx < block.length ? block[idx] * window[i] : 0;
      }
      fft.forward(frameBuf, re, im);
      for (let k = 0; k <= half; k++) power[k] = re[k] * re[k] + im[k] * im[k];
      onFrame(n, power);
    }
  }
}
