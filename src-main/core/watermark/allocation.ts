import * as params from './params';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { ALLOC_GAMMA, DELTA_MAX, END_BIN, FIRST_BIN, FRAME_SNR_DB } = params;

const BUDGET = Math.pow(10, -FRAME_SNR_DB / 10);
const MAX_BINS = 129;
const shaped = new Float64Array(MAX_BINS);
const capped = new Uint8Array(MAX_BINS);

/**
 * Log-amplitude change δ for bins [lo, hi) of one frame (power spectrum `power`, indexed by bin),
 * written into delta[0 .. hi − lo). Water-filling: δ = c·P^−γ, capped at DELTA_MAX, with c the
 * largest value that keeps Σ P δ² within FRAME_SNR_DB of the frame's energy in those bins.
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
  // shaped[i] = P^−γ; uncapped cells cost c² Σ P^(1−2γ)
  let weight = 0;
  for (let i = 0; i < bins; i++) {
    const p = power[lo + i] + floor;
    const s = ALLOC_GAMMA === 0.5 ? 1 / Math.sqrt(p) : Math.exp(-ALLOC_GAMMA * Math.log(p));
    shaped[i] = s;
    weight += p * s * s;
    capped[i] = 0;
  }
  const budget = BUDGET * budgetScale * total;
  let cappedCost = 0;
  let c = 0;
  for (let iteration = 0; iteration < 8; iteration++) {
    const remaining = budget - cappedCost;
    c = remaining > 0 && weight > 0 ? Math.sqrt(remaining / weight) : 0;
    let changed = false;
    for (let i = 0; i < bins; i++) {
      if (capped[i] || c * shaped[i] <= DELTA_MAX) continue;
      capped[i] = 1;
      const p = power[lo + i] + floor;
      weight -= p * shaped[i] * shaped[i];
      cappedCost += p * DELTA_MAX * DELTA_MAX;
      changed = true;
    }
    if (!changed) break;
  }
  for (let i = 0; i < bins; i++) delta[i] = capped[i] ? DELTA_MAX : Math.min(DELTA_MAX, c * shaped[i]);
}
