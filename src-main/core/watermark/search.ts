/**
 * Blind synchronisation: finds where (offset), how stretched (time scale) and how pitch-shifted
 * (frequency scale) the tile grid lies in the received audio, using only the sync slots, whose
 * rank-one pattern reduces every frame to one number per frequency scale.
 */
import type { TileLayout } from './layout';
import * as params from './params';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const {
  DETECT_FRAMES_PER_SLOT,
  FREQ_SCALES,
  LONG_WINDOW_PERIODS,
  PERIOD_SLOTS,
  REFINE_OFFSET,
  REFINE_SCALE_SPAN,
  REFINE_SCALE_STEP,
  SYNC_SUBSETS,
  TIME_SCALES,
  WINDOW_STEP_SLOTS,
} = params;

/** A hypothesis: slot k of the grid starts at frame round(centre + (k − centreSlot) × 4 × timeScale). */
export interface GridCandidate {
  z: number;
  timeScale: number;
  freqIndex: number;
  centre: number;
  centreSlot: number;
  firstSlot: number;
  slots: number;
}

/** Windows shorter than this (slots, 2 s) are not searched: too few sync slots for a meaningful score. */
const MIN_WINDOW_SLOTS = 64;

export function slotStart(c: GridCandidate, k: number): number {
  return Math.round(c.centre + (k - c.centreSlot) * DETECT_FRAMES_PER_SLOT * c.timeScale);
}

export const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** (time scale, frequency-scale index) pairs: tempo changes keep pitch, speed changes scale both. */
export function searchCombos(): { timeScale: number; freqIndex: number }[] {
  const unit = FREQ_SCALES.reduce((best, f, i) => (Math.abs(f - 1) < Math.abs(FREQ_SCALES[best] - 1) ? i : best), 0);
  const combos: { timeScale: number; freqIndex: number }[] = [];
  for (const s of TIME_SCALES) {
    combos.push({ timeScale: s, freqIndex: unit });
    const nearest = FREQ_SCALES.reduce((best, f, i) => (Math.abs(f - 1 / s) < Math.abs(FREQ_SCALES[best] - 1 / s) ? i : best), 0);
    if (nearest !== unit) combos.push({ timeScale: s, freqIndex: nearest });
  }
  return combos;
}

interface WindowPlan {
  slots: number;
  starts: number[];
}

/** Window length and start frames for one time scale; shared by the search and the candidate count. */
function windowPlan(frames: number, timeScale: number): WindowPlan | null {
  const slotLen = DETECT_FRAMES_PER_SLOT * timeScale;
  const available = Math.floor((frames - DETECT_FRAMES_PER_SLOT) / slotLen);
  const slots = Math.min(PERIOD_SLOTS, available);
  if (slots < MIN_WINDOW_SLOTS) return null;
  const span = slots * slotLen;
  const step = WINDOW_STEP_SLOTS * DETECT_FRAMES_PER_SLOT;
  const starts: number[] = [];
  const last = Math.floor(frames - DETECT_FRAMES_PER_SLOT - span);
  for (let s = 0; s <= last; s += step) starts.push(s);
  if (starts[starts.length - 1] < last) starts.push(last);
  return { slots, starts };
}

/** Window slots of the reference scale: one window per start, whatever the scale of its best candidate. */
function referencePlan(frames: number): WindowPlan | null {
  return windowPlan(frames, 1);
}

const refineScales = (): number[] => {
  const out: number[] = [];
  const n = Math.round(REFINE_SCALE_SPAN / REFINE_SCALE_STEP);
  for (let i = -n; i <= n; i++) out.push(i * REFINE_SCALE_STEP);
  return out;
};
const REFINE_SCALES = refineScales();
/** Frequency hypotheses per refined time scale: unchanged pitch (tempo) and pitch following the scale (speed). */
const REFINE_FREQ_OPTIONS = 2;

/** Long-window lengths (slots) tried at a time scale: multiples of the period, and the longest that fits. */
function longWindowLengths(frames: number, timeScale: number): number[] {
  const fit = Math.floor((frames - DETECT_FRAMES_PER_SLOT) / (DETECT_FRAMES_PER_SLOT * timeScale)) - 2;
  const lengths = LONG_WINDOW_PERIODS.map((p) => p * PERIOD_SLOTS).filter((slots) => slots <= fit);
  if (fit >= Math.round(1.25 * PERIOD_SLOTS) && !lengths.includes(fit) && fit < LONG_WINDOW_PERIODS[LONG_WINDOW_PERIODS.length - 1] * PERIOD_SLOTS) lengths.push(fit);
  return lengths;
}

function longScaleSteps(slots: number): number[] {
  // the drift at the window's ends must stay within a quarter slot
  const step = 0.5 / slots;
  const n = Math.ceil(0.002 / step);
  return Array.from({ length: 2 * n + 1 }, (_, i) => (i - n) * step);
}

/** Every candidate the search may evaluate in a segment of `frames` frames (for the false-positive bound). */
export function countCandidates(frames: number): number {
  const plan = referencePlan(frames);
  if (!plan) return 0;
  let total = 0;
  for (const { timeScale } of searchCombos()) {
    const p = windowPlan(frames, timeScale);
    if (!p) continue;
    total += Math.ceil(PERIOD_SLOTS * DETECT_FRAMES_PER_SLOT * timeScale) * plan.starts.length;
  }
  const offsets = 2 * REFINE_OFFSET + 1;
  total += plan.starts.length * REFINE_SCALES.length * REFINE_FREQ_OPTIONS * offsets;
  for (const slots of longWindowLengths(frames, TIME_SCALES[0])) {
    total += plan.starts.length * longScaleSteps(slots).length * offsets;
  }
  return total;
}

export interface SyncSignal {
  /** Clipped slot box sums of the sync series (frames × SYNC_SUBSETS), per frequency-scale index (computed on demand). */
  box: (freqIndex: number) => Float32Array;
  frames: number;
}

const chipSums = new Float64Array(PERIOD_SLOTS * SYNC_SUBSETS);

/**
 * Normalised sync correlation of a candidate over its window; −Infinity if it does not fit.
 * Values meeting the same chip (one per period in a long window) are summed before squaring, so
 * the score stays Σ chip·Y / √ΣY² over independent chips: Hoeffding's bound then holds even for
 * audio that repeats itself (a steady tone would otherwise inflate long windows by √periods).
 */
export function syncScore(signal: SyncSignal, layout: TileLayout, c: GridCandidate): number {
  const box = signal.box(c.freqIndex);
  const first = slotStart(c, c.firstSlot);
  const last = slotStart(c, c.firstSlot + c.slots - 1);
  if (first < 0 || last + DETECT_FRAMES_PER_SLOT > signal.frames) return -Infinity;
  const repeats = c.slots > PERIOD_SLOTS;
  if (repeats) chipSums.fill(0);
  let num = 0;
  let den = 0;
  for (let k = c.firstSlot; k < c.firstSlot + c.slots; k++) {
    const slot = mod(k, PERIOD_SLOTS);
    if (!layout.isSyncSlot[slot]) continue;
    const row = slotStart(c, k) * SYNC_SUBSETS;
    for (let m = 0; m < SYNC_SUBSETS; m++) {
      const y = box[row + m];
      if (repeats) chipSums[slot * SYNC_SUBSETS + m] += y;
      else {
        num += layout.timeChip[slot * SYNC_SUBSETS + m] * y;
        den += y * y;
      }
    }
  }
  if (repeats) {
    for (const slot of layout.syncSlots) {
      for (let m = 0; m < SYNC_SUBSETS; m++) {
        const y = chipSums[slot * SYNC_SUBSETS + m];
        num += layout.timeChip[slot * SYNC_SUBSETS + m] * y;
        den += y * y;
      }
    }
  }
  return den > 0 ? num / Math.sqrt(den) : 0;
}

export interface SearchOutcome {
  /** Best refined candidate per window start (reference plan order). */
  windows: GridCandidate[];
  /** Candidates evaluated, for the false-positive bound. */
  evaluated: number;
}

/** Coarse search over every offset, time scale and frequency scale, then local refinement per window. */
export function searchWindows(signal: SyncSignal, layout: TileLayout): SearchOutcome {
  const { frames } = signal;
  const plan = referencePlan(frames);
  if (!plan) return { windows: [], evaluated: 0 };
  let evaluated = 0;
  const best: GridCandidate[] = plan.starts.map(() => ({ z: -Infinity, timeScale: 1, freqIndex: 0, centre: 0, centreSlot: 0, firstSlot: 0, slots: 0 }));
  const syncList = layout.syncSlots;
  const maxOccurrences = Math.ceil(frames / (DETECT_FRAMES_PER_SLOT * TIME_SCALES[0]) / PERIOD_SLOTS + 2) * syncList.length;
  const cumNum = new Float64Array(maxOccurrences + 1);
  const cumDen = new Float64Array(maxOccurrences + 1);
  const occSlot = new Int32Array(maxOccurrences + 1);

  for (const { timeScale, freqIndex } of searchCombos()) {
    const own = windowPlan(frames, timeScale);
    if (!own) continue;
    const box = signal.box(freqIndex);
    const slotLen = DETECT_FRAMES_PER_SLOT * timeScale;
    const windowSlots = own.slots;
    const offsets = Math.ceil(PERIOD_SLOTS * slotLen);
    evaluated += offsets * plan.starts.length;
    for (let g = 0; g < offsets; g++) {
      const kFirst = Math.ceil(-g / slotLen);
      const kLast = Math.floor((frames - DETECT_FRAMES_PER_SLOT - g) / slotLen);
      let m = 0;
      for (let q = Math.floor(kFirst / PERIOD_SLOTS); q <= Math.floor(kLast / PERIOD_SLOTS); q++) {
        for (let i = 0; i < syncList.length; i++) {
          const slot = syncList[i];
          const k = q * PERIOD_SLOTS + slot;
          if (k < kFirst || k > kLast) continue;
          const row = Math.round(g + k * slotLen) * SYNC_SUBSETS;
          const chips = slot * SYNC_SUBSETS;
          let y = 0;
          let y2 = 0;
          for (let sub = 0; sub < SYNC_SUBSETS; sub++) {
            const v = box[row + sub];
            y += layout.timeChip[chips + sub] * v;
            y2 += v * v;
          }
          cumNum[m + 1] = cumNum[m] + y;
          cumDen[m + 1] = cumDen[m] + y2;
          occSlot[m] = k;
          m++;
        }
      }
      occSlot[m] = 2 ** 30;
      let a = 0;
      let b = 0;
      for (let j = 0; j < plan.starts.length; j++) {
        const k0 = Math.max(kFirst, Math.ceil((plan.starts[j] - g) / slotLen));
        const k1 = k0 + windowSlots;
        if (k1 - 1 > kLast) break;
        while (occSlot[a] < k0) a++;
        if (b < a) b = a;
        while (occSlot[b] < k1) b++;
        const den = cumDen[b] - cumDen[a];
        if (den <= 0) continue;
        const z = (cumNum[b] - cumNum[a]) / Math.sqrt(den);
        if (z > best[j].z) {
          const centreSlot = k0 + (windowSlots >> 1);
          best[j] = { z, timeScale, freqIndex, centre: g + centreSlot * slotLen, centreSlot, firstSlot: k0, slots: windowSlots };
        }
      }
    }
  }

  const windows = best.map((coarse) => {
    if (!Number.isFinite(coarse.z)) return coarse;
    const refined = refine(signal, layout, coarse, REFINE_SCALES, true);
    return refined.z >= coarse.z ? refined : coarse;
  });
  evaluated += plan.starts.length * REFINE_SCALES.length * REFINE_FREQ_OPTIONS * (2 * REFINE_OFFSET + 1);
  return { windows, evaluated };
}

const UNIT_FREQ_INDEX = nearestFreqIndex(1);

function nearestFreqIndex(scale: number): number {
  return FREQ_SCALES.reduce((best, f, i) => (Math.abs(f - scale) < Math.abs(FREQ_SCALES[best] - scale) ? i : best), 0);
}

/**
 * Best candidate among small changes of time scale and centre; with `bothFamilies`, each time
 * scale is tried with unchanged pitch (tempo) and with pitch following it (speed), otherwise
 * the start's own frequency scale is kept.
 */
export function refine(signal: SyncSignal, layout: TileLayout, start: GridCandidate, scaleSteps: readonly number[], bothFamilies: boolean): GridCandidate {
  let best: GridCandidate = { ...start, z: -Infinity };
  for (const ds of scaleSteps) {
    const timeScale = start.timeScale * (1 + ds);
    const options = bothFamilies ? [UNIT_FREQ_INDEX, nearestFreqIndex(1 / timeScale)] : [start.freqIndex];
    for (let o = 0; o < options.length; o++) {
      const freqIndex = options[o];
      if (o > 0 && freqIndex === options[0]) continue;
      for (let dc = -REFINE_OFFSET; dc <= REFINE_OFFSET; dc++) {
        const c: GridCandidate = { ...start, freqIndex, timeScale, centre: start.centre + dc };
        c.z = syncScore(signal, layout, c);
        if (c.z > best.z) best = c;
      }
    }
  }
  return best;
}

/** Candidates over longer windows around an anchor: more audio, more evidence, finer scale. */
export function longWindows(signal: SyncSignal, layout: TileLayout, anchor: GridCandidate): GridCandidate[] {
  const out: GridCandidate[] = [];
  for (const slots of longWindowLengths(signal.frames, anchor.timeScale)) {
    const slotLen = DETECT_FRAMES_PER_SLOT * anchor.timeScale;
    // centred on the anchor (which stays the pivot of the scale refinement), moved inside the segment
    let firstSlot = anchor.centreSlot - (slots >> 1);
    const startFrame = anchor.centre + (firstSlot - anchor.centreSlot) * slotLen;
    if (startFrame < 0) firstSlot += Math.ceil(-startFrame / slotLen);
    const endFrame = anchor.centre + (firstSlot + slots - anchor.centreSlot) * slotLen + DETECT_FRAMES_PER_SLOT;
    if (endFrame > signal.frames) firstSlot -= Math.ceil((endFrame - signal.frames) / slotLen) + 1;
    const c: GridCandidate = { ...anchor, firstSlot, slots };
    const refined = refine(signal, layout, c, longScaleSteps(slots), false);
    if (Number.isFinite(refined.z)) out.push(refined);
  }
  return out;
}
