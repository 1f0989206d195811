import { allocateDeltas } from './allocation';
import { forEachDetectionFrame } from './analysis';
import * as params from './params';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { DETECT_FRAMES_PER_SLOT, END_BIN, FIRST_BIN, FREQ_SCALES, GROUP_BINS, GROUPS, SYNC_SUBSETS, TILE_CLIP } = params;

/** Frames over which the activity reference (loudest nearby frame) is taken: 1 s blocks, ±4 s. */
const ACTIVITY_BLOCK = 128;
const ACTIVITY_SPAN_BLOCKS = 4;
/** Frames quieter than the nearby peak by more than this (dB) carry no weight; 10 dB ramp above. */
const ACTIVITY_FLOOR_DB = 50;
const ACTIVITY_RAMP_DB = 10;
/**
 * Bins on each side of the local spectral mean removed from each bin's log power: about one
 * harmonic spacing, so that the mean spans a harmonic and its valleys for low and high voices
 * alike (between MIN and MAX; DEFAULT when no pitch shows). Detection only: not part of the format.
 */
const LOCAL_MEAN_MIN = 3;
const LOCAL_MEAN_MAX = 7;
const LOCAL_MEAN_DEFAULT = 4;
const LOCAL_MEAN_HALF = LOCAL_MEAN_MAX;
/** Harmonic spacings (bins) considered, and the log-spectrum autocorrelation that counts as voiced. */
const MIN_SPACING = 3;
const MAX_SPACING = 12;
const VOICED_CORRELATION = 0.2;

/** Half-width of the local mean for one frame, from the harmonic spacing seen in its log spectrum. */
function localMeanHalf(logs: Float64Array): number {
  let mean = 0;
  for (let k = FIRST_BIN; k < END_BIN; k++) mean += logs[k];
  mean /= END_BIN - FIRST_BIN;
  let energy = 0;
  for (let k = FIRST_BIN; k < END_BIN; k++) energy += (logs[k] - mean) ** 2;
  if (!(energy > 0)) return LOCAL_MEAN_DEFAULT;
  let bestLag = 0;
  let best = VOICED_CORRELATION;
  for (let lag = MIN_SPACING; lag <= MAX_SPACING; lag++) {
    let acc = 0;
    for (let k = FIRST_BIN; k + lag < END_BIN; k++) acc += (logs[k] - mean) * (logs[k + lag] - mean);
    const r = acc / energy;
    if (r > best) {
      best = r;
      bestLag = lag;
    }
  }
  if (bestLag === 0) return LOCAL_MEAN_DEFAULT;
  return Math.min(LOCAL_MEAN_MAX, Math.max(LOCAL_MEAN_MIN, Math.round(bestLag)));
}
/** Per-bin values are clipped here (nepers): deep spectral nulls swing far beyond the mark. */
const BIN_CLIP = 2;
/** Floor for log power, relative to the frame's mean in-band power (−60 dB). */
const RELATIVE_FLOOR = 1e-6;

/** Bins kept per frame: wide enough to read the marked bins at every searched frequency scale. */
export const CELL_LO = Math.floor(FIRST_BIN * FREQ_SCALES[0]) - 1;
export const CELL_HI = Math.ceil((END_BIN - 1) * FREQ_SCALES[FREQ_SCALES.length - 1]) + 2;
export const CELL_BINS = CELL_HI - CELL_LO;

export interface CellFeatures {
  /** Absolute index of the first frame held. */
  firstFrame: number;
  frames: number;
  /** frames × CELL_BINS: activity × δ(bin) × (log power − local spectral mean), per bin. */
  cells: Float32Array;
  /** frames × CELL_BINS: the mark each cell is expected to carry in `cells` units (activity × δ² × reliability). */
  expected: Float32Array;
}

/**
 * Per-bin detection values for frames [firstFrame, endFrame): each bin's log power minus its local
 * spectral mean (the envelope cancels; the mark and the fine structure stay), weighted by the
 * strength the embedder would have given that bin (recomputed from the received spectrum) and by
 * the frame's activity, so that pauses count for nothing.
 */
export function cellFeatures(samples: Float32Array, sampleRate: number, firstFrame: number, endFrame: number): CellFeatures {
  const frames = Math.max(0, endFrame - firstFrame);
  const cells = new Float32Array(frames * CELL_BINS);
  const strength = new Float32Array(frames * CELL_BINS);
  const expected = new Float32Array(frames * CELL_BINS);
  const envelope = new Float32Array(frames * CELL_BINS);
  const level = new Float32Array(frames).fill(-400);
  const lo = CELL_LO - LOCAL_MEAN_HALF;
  const hi = CELL_HI + LOCAL_MEAN_HALF;
  const logs = new Float64Array(hi);
  const delta = new Float64Array(CELL_BINS);
  forEachDetectionFrame(samples, sampleRate, firstFrame, endFrame, (n, power) => {
    const local = n - firstFrame;
    let total = 0;
    for (let k = FIRST_BIN; k < END_BIN; k++) total += power[k];
    if (!(total > 0)) return;
    level[local] = 10 * Math.log10(total);
    const floor = (RELATIVE_FLOOR * total) / (END_BIN - FIRST_BIN);
    for (let k = lo; k < hi; k++) logs[k] = Math.log(power[k] + floor);
    allocateDeltas(power, delta, CELL_LO, CELL_HI);
    const half = localMeanHalf(logs);
    const width = 2 * half + 1;
    let sum = 0;
    let powerSum = 0;
    for (let k = CELL_LO - half; k <= CELL_LO + half; k++) {
      sum += logs[k];
      powerSum += power[k];
    }
    const row = local * CELL_BINS;
    for (let k = CELL_LO; k < CELL_HI; k++) {
      if (k > CELL_LO) {
        sum += logs[k + half] - logs[k - half - 1];
        powerSum += power[k + half] - power[k - half - 1];
      }
      let d = logs[k] - sum / width;
      if (d > BIN_CLIP) d = BIN_CLIP;
      else if (d < -BIN_CLIP) d = -BIN_CLIP;
      cells[row + k - CELL_LO] = d;
      strength[row + k - CELL_LO] = delta[k - CELL_LO];
      envelope[row + k - CELL_LO] = Math.max(0, powerSum / width);
    }
  });
  const activity = activityWeights(level, frames);
  const noise = noiseFloor(envelope, frames);
  for (let n = 0; n < frames; n++) {
    const a = activity[n];
    const row = n * CELL_BINS;
    for (let j = 0; j < CELL_BINS; j++) {
      const env = envelope[row + j];
      const reliability = env > 0 ? Math.max(0, 1 - (NOISE_BIAS * noise[Math.floor(n / NOISE_BLOCK) * CELL_BINS + j]) / env) : 0;
      const w = strength[row + j];
      const weight = a * w * reliability;
      cells[row + j] *= weight;
      expected[row + j] = weight * w;
    }
  }
  return { firstFrame, frames, cells, expected };
}

/** Frames per block of the minimum-statistics noise estimate (0.26 s), and blocks searched each side. */
const NOISE_BLOCK = 32;
const NOISE_SPAN = 3;
/** Minimum statistics underestimate the mean noise power; this restores it roughly. */
const NOISE_BIAS = 1.5;

/** Per block and bin, the noise floor: the minimum local power over ±NOISE_SPAN blocks. */
function noiseFloor(envelope: Float32Array, frames: number): Float32Array {
  const blocks = Math.ceil(frames / NOISE_BLOCK);
  const blockMin = new Float32Array(blocks * CELL_BINS).fill(Infinity);
  for (let n = 0; n < frames; n++) {
    const b = Math.floor(n / NOISE_BLOCK) * CELL_BINS;
    const row = n * CELL_BINS;
    for (let j = 0; j < CELL_BINS; j++) if (envelope[row + j] < blockMin[b + j]) blockMin[b + j] = envelope[row + j];
  }
  const out = new Float32Array(blocks * CELL_BINS);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < CELL_BINS; j++) {
      let m = Infinity;
      for (let c = Math.max(0, b - NOISE_SPAN); c <= Math.min(blocks - 1, b + NOISE_SPAN); c++) m = Math.min(m, blockMin[c * CELL_BINS + j]);
      out[b * CELL_BINS + j] = Number.isFinite(m) ? m : 0;
    }
  }
  return out;
}

function activityWeights(level: Float32Array, frames: number): Float32Array {
  const blocks = Math.ceil(frames / ACTIVITY_BLOCK);
  const blockMax = new Float32Array(blocks).fill(-400);
  for (let n = 0; n < frames; n++) {
    const k = Math.floor(n / ACTIVITY_BLOCK);
    if (level[n] > blockMax[k]) blockMax[k] = level[n];
  }
  const weight = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    const k = Math.floor(n / ACTIVITY_BLOCK);
    let ref = -400;
    for (let j = Math.max(0, k - ACTIVITY_SPAN_BLOCKS); j <= Math.min(blocks - 1, k + ACTIVITY_SPAN_BLOCKS); j++) {
      if (blockMax[j] > ref) ref = blockMax[j];
    }
    if (ref <= -300) continue;
    const w = (level[n] - (ref - ACTIVITY_FLOOR_DB)) / ACTIVITY_RAMP_DB;
    weight[n] = w <= 0 ? 0 : w >= 1 ? 1 : w;
  }
  return weight;
}

/**
 * Linear map from the cells of a frame to each group's value at frequency scale `freqScale`:
 * the marked bin k is read at received bin k × freqScale (linear interpolation).
 */
export interface GroupReader {
  /** For every marked bin: the cell index below its scaled position and the interpolation weight. */
  cellIndex: Int32Array;
  fraction: Float64Array;
}

export function groupReader(freqScale: number): GroupReader {
  const cellIndex = new Int32Array(END_BIN - FIRST_BIN);
  const fraction = new Float64Array(END_BIN - FIRST_BIN);
  for (let k = FIRST_BIN; k < END_BIN; k++) {
    const pos = k * freqScale - CELL_LO;
    const i = Math.floor(pos);
    cellIndex[k - FIRST_BIN] = i;
    fraction[k - FIRST_BIN] = pos - i;
  }
  return { cellIndex, fraction };
}

/** frames × GROUPS group values at one frequency scale (of `cells`, or of `expected` when asked). */
export function groupValues(features: CellFeatures, reader: GroupReader, field: 'cells' | 'expected' = 'cells'): Float32Array {
  const { frames } = features;
  const cells = features[field];
  const out = new Float32Array(frames * GROUPS);
  const { cellIndex, fraction } = reader;
  for (let n = 0; n < frames; n++) {
    const row = n * CELL_BINS;
    const outRow = n * GROUPS;
    for (let i = 0; i < END_BIN - FIRST_BIN; i++) {
      const c = row + cellIndex[i];
      const f = fraction[i];
      out[outRow + Math.floor(i / GROUP_BINS)] += cells[c] + f * (cells[c + 1] - cells[c]);
    }
  }
  return out;
}

/** The sync series x_m(n) = Σ_{g ≡ m mod SYNC_SUBSETS} freqChip[g] · v(n, g), frames × SYNC_SUBSETS. */
export function syncSeries(features: CellFeatures, reader: GroupReader, freqChip: Int8Array): Float32Array {
  const weights = new Float64Array(CELL_BINS * SYNC_SUBSETS);
  for (let i = 0; i < END_BIN - FIRST_BIN; i++) {
    const group = Math.floor(i / GROUP_BINS);
    const chip = freqChip[group];
    const m = group % SYNC_SUBSETS;
    weights[reader.cellIndex[i] * SYNC_SUBSETS + m] += chip * (1 - reader.fraction[i]);
    weights[(reader.cellIndex[i] + 1) * SYNC_SUBSETS + m] += chip * reader.fraction[i];
  }
  const { frames, cells } = features;
  const out = new Float32Array(frames * SYNC_SUBSETS);
  const acc = new Float64Array(SYNC_SUBSETS);
  for (let n = 0; n < frames; n++) {
    const row = n * CELL_BINS;
    acc.fill(0);
    for (let j = 0; j < CELL_BINS; j++) {
      const v = cells[row + j];
      if (v === 0) continue;
      for (let m = 0; m < SYNC_SUBSETS; m++) acc[m] += weights[j * SYNC_SUBSETS + m] * v;
    }
    for (let m = 0; m < SYNC_SUBSETS; m++) out[n * SYNC_SUBSETS + m] = acc[m];
  }
  return out;
}

/** Sums over one slot's frames: box[n] = Σ_{i<DETECT_FRAMES_PER_SLOT} x[n + i] (per column when `columns` > 1). */
export function slotBoxSums(x: Float32Array, frames: number, columns: number): Float32Array {
  const out = new Float32Array(frames * columns);
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < columns; c++) {
      let acc = 0;
      for (let i = 0; i < DETECT_FRAMES_PER_SLOT && n + i < frames; i++) acc += x[(n + i) * columns + c];
      out[n * columns + c] = acc;
    }
  }
  return out;
}

/** Clip level per column: TILE_CLIP robust standard deviations of the box sums. */
export function clipLevels(box: Float32Array, frames: number, columns: number): Float64Array {
  const levels = new Float64Array(columns);
  const step = DETECT_FRAMES_PER_SLOT;
  const values = new Float64Array(Math.ceil(frames / step));
  for (let c = 0; c < columns; c++) {
    let count = 0;
    for (let n = 0; n < frames; n += step) {
      const v = Math.abs(box[n * columns + c]);
      if (v > 0) values[count++] = v;
    }
    const active = values.subarray(0, count).sort();
    const median = count > 0 ? active[Math.floor(count / 2)] : 0;
    levels[c] = Math.max(1e-12, TILE_CLIP * 1.4826 * median);
  }
  return levels;
}

/** Clips in place, column by column. */
export function clipColumns(box: Float32Array, frames: number, columns: number, levels: Float64Array): void {
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < columns; c++) {
      const i = n * columns + c;
      const l = levels[c];
      if (box[i] > l) box[i] = l;
      else if (box[i] < -l) box[i] = -l;
    }
  }
}
