import { bark } from './bark';
import * as params from './params';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { ALLOC_GAMMA, BAND_MARK_DB, DELTA_MAX, END_BIN, FIRST_BIN, FRAME, FRAME_SNR_DB, WORK_RATE } = params;

const BUDGET = Math.pow(10, -FRAME_SNR_DB / 10);
const BAND_LIMIT = Math.pow(10, -BAND_MARK_DB / 10);
const MAX_BINS = FRAME / 2 + 1;
const BANDS = 24;

/** Critical band (Bark, rounded down) of every bin at the working rate. */
const BAND_OF_BIN = Int32Array.from({ length: MAX_BINS }, (_, k) => Math.floor(bark((k * WORK_RATE) / FRAME)));

// scratch space, reused frame after frame
const shaped = new Float64Array(MAX_BINS);
const capped = new Uint8Array(MAX_BINS);
const pinnedDelta = new Float64Array(MAX_BINS);
const bandPower = new Float64Array(BANDS);
const bandCost = new Float64Array(BANDS);
const bandPinned = new Uint8Array(BANDS);

/**
 * Log-amplitude change δ for bins [lo, hi) of one frame (power spectrum `power`, indexed by bin),
 * written into delta[0 .. hi − lo). Water-filling: δ = c·P^−γ, with c the largest value that keeps
 * Σ P δ² within FRAME_SNR_DB of the frame's energy, under two caps: no bin beyond DELTA_MAX, and no
 * critical band's mark within BAND_MARK_DB of that band's own energy (a band that would exceed it
 * is pinned there and the rest of the frame's budget goes to the other bands).
 */
export function allocateDeltas(power: Float64Array, delta: Float64Array, lo = FIRST_BIN, hi = END_BIN, budgetScale = 1): void {
  const bins = hi - lo;
  // the budget counts the whole frame's energy (what an SNR measurement counts), not just the band
  let total = 0;
  for (let k = 0; k < power.length; k++) total += power[k];
  if (!(total > 0)) {
    delta.fill(0, 0, bins);
    return;
  }
  const floor = total * 1e-10;
  bandPower.fill(0);
  bandPinned.fill(0);
  for (let i = 0; i < bins; i++) {
    const p = power[lo + i] + floor;
    shaped[i] = ALLOC_GAMMA === 0.5 ? 1 / Math.sqrt(p) : Math.exp(-ALLOC_GAMMA * Math.log(p));
    capped[i] = 0;
    bandPower[BAND_OF_BIN[lo + i]] += p;
  }
  const budget = BUDGET * budgetScale * total;
  let c = 0;
  for (let iteration = 0; iteration < 16; iteration++) {
    // free bins cost c² Σ P·shaped²; capped bins and pinned bands a fixed amount
    let weight = 0;
    let fixedCost = 0;
    for (let b = 0; b < BANDS; b++) if (bandPinned[b]) fixedCost += BAND_LIMIT * bandPower[b];
    for (let i = 0; i < bins; i++) {
      if (bandPinned[BAND_OF_BIN[lo + i]]) continue;
      const p = power[lo + i] + floor;
      if (capped[i]) fixedCost += p * DELTA_MAX * DELTA_MAX;
      else weight += p * shaped[i] * shaped[i];
    }
    const remaining = budget - fixedCost;
    c = remaining > 0 && weight > 0 ? Math.sqrt(remaining / weight) : 0;
    let changed = false;
    bandCost.fill(0);
    for (let i = 0; i < bins; i++) {
      const b = BAND_OF_BIN[lo + i];
      if (bandPinned[b]) continue;
      if (!capped[i] && c * shaped[i] > DELTA_MAX) {
        capped[i] = 1;
        changed = true;
      }
      const d = capped[i] ? DELTA_MAX : c * shaped[i];
      bandCost[b] += (power[lo + i] + floor) * d * d;
    }
    for (let b = 0; b < BANDS; b++) {
      if (bandPinned[b] || !(bandCost[b] > BAND_LIMIT * bandPower[b])) continue;
      bandPinned[b] = 1;
      const scale = Math.sqrt((BAND_LIMIT * bandPower[b]) / bandCost[b]);
      for (let i = 0; i < bins; i++) if (BAND_OF_BIN[lo + i] === b) pinnedDelta[i] = (capped[i] ? DELTA_MAX : c * shaped[i]) * scale;
      changed = true;
    }
    if (!changed) break;
  }
  for (let i = 0; i < bins; i++) {
    delta[i] = bandPinned[BAND_OF_BIN[lo + i]] ? pinnedDelta[i] : capped[i] ? DELTA_MAX : c * shaped[i];
  }
}
