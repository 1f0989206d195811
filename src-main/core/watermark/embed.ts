import { StudioError } from '../../../src-shared/errors';
import { allocateDeltas } from './allocation';
import { FROM_WORK_RATE, hannWindow, workRateLength, workRateRange } from './analysis';
import { RealFft } from './fft';
import type { WatermarkKey } from './keys';
import { tileLayout } from './layout';
import * as params from './params';
import { codedPayloadBits } from './payload';
import { resampleMargin, resampleRange } from './resample';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const {
  EMBED_FRAMES_PER_SLOT,
  EMBED_HOP,
  SHORT_CLIP_EXTRA_DB,
  SHORT_CLIP_FULL_SEC,
  SHORT_CLIP_NONE_SEC,
  END_BIN,
  FIRST_BIN,
  FRAME,
  GROUP_BINS,
  GROUPS,
  PERIOD_SLOTS,
  TILES_PER_PERIOD,
  WORK_RATE,
} = params;

export interface PcmClip {
  samples: Float32Array;
  sampleRate: number;
}

/** Working-rate samples per embedding block (8.2 s); only one block of intermediate signals exists at a time. */
const BLOCK = 65536;

export function validateClip(clip: PcmClip): void {
  if (!clip || !(clip.samples instanceof Float32Array)) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'clip samples must be a Float32Array' } });
  }
  if (!Number.isFinite(clip.sampleRate) || clip.sampleRate < WORK_RATE || clip.sampleRate > 384000) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'sample rate must be between 8000 and 384000 Hz' } });
  }
}

/** The sign (+1 raises, −1 lowers the tile's amplitude) of every tile of one period. */
export function tileSigns(payloadHex: string, key: WatermarkKey): Int8Array {
  const coded = codedPayloadBits(payloadHex, key);
  const layout = tileLayout(key);
  const signs = new Int8Array(TILES_PER_PERIOD);
  for (let t = 0; t < TILES_PER_PERIOD; t++) {
    const bit = layout.codedBitOfTile[t];
    signs[t] = bit < 0 ? layout.chipOfTile[t] : (coded[bit] ? 1 : -1) * layout.chipOfTile[t];
  }
  return signs;
}

/** Budget multiplier by clip length: short clips are marked up to SHORT_CLIP_EXTRA_DB stronger. */
export function shortClipBudgetScale(durationSec: number): number {
  const t = (SHORT_CLIP_NONE_SEC - durationSec) / (SHORT_CLIP_NONE_SEC - SHORT_CLIP_FULL_SEC);
  const extraDb = SHORT_CLIP_EXTRA_DB * Math.min(1, Math.max(0, t));
  return Math.pow(10, extraDb / 10);
}

export interface EmbedOptions {
  /**
   * Strength relative to the normal budget, in dB (≤ 0). Two marks layered on one clip (the public
   * key and a private one) each take −3 dB, so the clip's SNR stays where one mark would put it.
   */
  strengthDb?: number;
}

/**
 * Adds the mark: each tile (64 ms × one band) of the host's working-rate spectrum is scaled by
 * exp(±δ) with δ from the per-frame allocation (allocation.ts), so the mark follows the host's own spectrum and envelope (silence stays
 * silent). The difference signal is synthesised at the working rate and resampled to the host rate.
 */
export function embedWatermark(clip: PcmClip, payloadHex: string, key: WatermarkKey, options: EmbedOptions = {}): PcmClip {
  validateClip(clip);
  const strengthDb = options.strengthDb ?? 0;
  if (!Number.isFinite(strengthDb) || strengthDb > 0 || strengthDb < -20) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'watermark strength must be between -20 and 0 dB' } });
  }
  const signs = tileSigns(payloadHex, key);
  const { samples, sampleRate } = clip;
  const out = Float32Array.from(samples);
  const workLength = workRateLength(samples, sampleRate);
  if (workLength < FRAME) return { samples: out, sampleRate };

  const budgetScale = shortClipBudgetScale(samples.length / sampleRate) * Math.pow(10, strengthDb / 10);
  const fft = new RealFft(FRAME);
  const window = hannWindow(FRAME, 0.5);
  const frameBuf = new Float64Array(FRAME);
  const re = new Float64Array(FRAME / 2 + 1);
  const im = new Float64Array(FRAME / 2 + 1);
  const yRe = new Float64Array(FRAME / 2 + 1);
  const yIm = new Float64Array(FRAME / 2 + 1);
  const power = new Float64Array(FRAME / 2 + 1);
  const delta = new Float64Array(END_BIN - FIRST_BIN);
  const half = FRAME / 2;
  const upMargin = resampleMargin(WORK_RATE, sampleRate, FROM_WORK_RATE) + 2;

  for (let a = 0; a < workLength; a += BLOCK) {
    const b = Math.min(workLength, a + BLOCK);
    // mark at the working rate over [markStart, markEnd), enough to upsample [a, b) exactly
    const markStart = Math.max(0, a - upMargin);
    const markEnd = Math.min(workLength, b + upMargin);
    const mark = new Float32Array(markEnd - markStart);
    const firstFrame = Math.max(0, Math.ceil((markStart - half) / EMBED_HOP));
    const lastFrame = Math.floor((markEnd - 1 + half) / EMBED_HOP);
    const hostStart = firstFrame * EMBED_HOP - half;
    const host = workRateRange(samples, sampleRate, Math.max(0, hostStart), Math.min(workLength, lastFrame * EMBED_HOP + half));
    const hostOffset = Math.max(0, hostStart);
    for (let m = firstFrame; m <= lastFrame; m++) {
      const frameStart = m * EMBED_HOP - half;
      for (let i = 0; i < FRAME; i++) {
        const idx = frameStart + i - hostOffset;
        frameBuf[i] = idx >= 0 && idx < host.length ? host[idx] * window[i] : 0;
      }
      fft.forward(frameBuf, re, im);
      yRe.fill(0);
      yIm.fill(0);
      const slot = Math.floor(m / EMBED_FRAMES_PER_SLOT);
      const tileBase = (slot % PERIOD_SLOTS) * GROUPS;
      for (let k = 0; k <= FRAME / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
      allocateDeltas(power, delta, FIRST_BIN, END_BIN, budgetScale);
      for (let k = FIRST_BIN; k < END_BIN; k++) {
        const i = k - FIRST_BIN;
        // e^x − 1 within 0.1 % for |x| ≤ DELTA_MAX (1 neper), without a Math.exp per bin
        const x = signs[tileBase + Math.floor(i / GROUP_BINS)] * delta[i];
        const gain = x * (1 + x * (0.5 + x * (1 / 6 + x * (1 / 24 + x / 120))));
        yRe[k] = re[k] * gain;
        yIm[k] = im[k] * gain;
      }
      fft.inverse(yRe, yIm, frameBuf);
      for (let i = 0; i < FRAME; i++) {
        const idx = frameStart + i - markStart;
        if (idx >= 0 && idx < mark.length) mark[idx] += frameBuf[i] * window[i];
      }
    }
    const outStart = Math.ceil((a * sampleRate) / WORK_RATE);
    const outEnd = b === workLength ? samples.length : Math.ceil((b * sampleRate) / WORK_RATE);
    const up = resampleRange(mark, markStart, WORK_RATE, sampleRate, outStart, outEnd, FROM_WORK_RATE);
    for (let j = outStart; j < outEnd; j++) {
      const v = samples[j] + up[j - outStart];
      out[j] = v > 1 ? 1 : v < -1 ? -1 : v;
    }
  }
  return { samples: out, sampleRate };
}
