/**
 * Rate-1/3, constraint-length-7 convolutional code (generators 133, 171, 165 octal, as in LTE)
 * with a zero tail, and a soft-decision Viterbi decoder. Soft inputs: positive means bit 1, and
 * the magnitude is the confidence.
 */
const CONSTRAINT = 7;
const MEMORY = CONSTRAINT - 1;
const STATES = 1 << MEMORY;
const GENERATORS = [0o133, 0o171, 0o165];
export const CODE_RATE_INVERSE = GENERATORS.length;

function parity(x: number): number {
  x ^= x >> 4;
  x ^= x >> 2;
  x ^= x >> 1;
  return x & 1;
}

// outputs[state * 2 + bit] = packed output bits for that transition
const transitionOutputs = new Uint8Array(STATES * 2);
for (let state = 0; state < STATES; state++) {
  for (let bit = 0; bit < 2; bit++) {
    const register = (bit << MEMORY) | state;
    let packed = 0;
    for (let g = 0; g < GENERATORS.length; g++) packed |= parity(register & GENERATORS[g]) << g;
    transitionOutputs[state * 2 + bit] = packed;
  }
}

/** branch[p]: correlation of the soft values of `step` with the packed output bits p (±1 each). */
function branchMetrics(soft: Float64Array | Float32Array, step: number, branch: Float64Array): void {
  const n = GENERATORS.length;
  for (let p = 0; p < 1 << n; p++) {
    let m = 0;
    for (let g = 0; g < n; g++) m += ((p >> g) & 1 ? 1 : -1) * soft[step * n + g];
    branch[p] = m;
  }
}

export function codedLength(infoBits: number): number {
  return (infoBits + MEMORY) * GENERATORS.length;
}

export function convolutionalEncode(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array(codedLength(bits.length));
  let state = 0;
  let o = 0;
  for (let i = 0; i < bits.length + MEMORY; i++) {
    const bit = i < bits.length ? bits[i] : 0;
    const packed = transitionOutputs[state * 2 + bit];
    for (let g = 0; g < GENERATORS.length; g++) out[o++] = (packed >> g) & 1;
    state = ((bit << MEMORY) | state) >> 1;
  }
  return out;
}

/** Maximum-likelihood information bits for the soft coded values (length codedLength(infoBits)). */
export function viterbiDecode(soft: Float64Array | Float32Array, infoBits: number): Uint8Array {
  const steps = infoBits + MEMORY;
  let metric = new Float64Array(STATES).fill(-Infinity);
  let next = new Float64Array(STATES);
  metric[0] = 0;
  const decisions = new Uint8Array(steps * STATES); // predecessor's dropped bit
  const branch = new Float64Array(1 << GENERATORS.length);
  for (let step = 0; step < steps; step++) {
    branchMetrics(soft, step, branch);
    next.fill(-Infinity);
    const forcedZero = step >= infoBits;
    for (let state = 0; state < STATES; state++) {
      const base = metric[state];
      if (base === -Infinity) continue;
      for (let bit = 0; bit < (forcedZero ? 1 : 2); bit++) {
        const to = ((bit << MEMORY) | state) >> 1;
        const m = base + branch[transitionOutputs[state * 2 + bit]];
        if (m > next[to]) {
          next[to] = m;
          decisions[step * STATES + to] = state & 1;
        }
      }
    }
    const swap = metric;
    metric = next;
    next = swap;
  }
  const bits = new Uint8Array(steps);
  let state = 0;
  for (let step = steps - 1; step >= 0; step--) {
    bits[step] = (state >> (MEMORY - 1)) & 1;
    const dropped = decisions[step * STATES + state];
    state = ((state << 1) | dropped) & (STATES - 1);
  }
  return bits.slice(0, infoBits);
}

/**
 * List Viterbi (parallel): the `listSize` most likely information words, best first. The MAC
 * then picks the right one when the best path is wrong but a close one is not; each extra
 * candidate costs one more chance for a random MAC match, which the caller accounts for.
 */
export function listViterbiDecode(soft: Float64Array | Float32Array, infoBits: number, listSize: number): Uint8Array[] {
  const L = listSize;
  const steps = infoBits + MEMORY;
  let metric = new Float64Array(STATES * L).fill(-Infinity);
  let next = new Float64Array(STATES * L);
  metric[0] = 0;
  // per step, state and rank: predecessor state's dropped bit and predecessor rank
  const fromBit = new Uint8Array(steps * STATES * L);
  const fromRank = new Uint16Array(steps * STATES * L);
  const branch = new Float64Array(1 << GENERATORS.length);
  const candMetric = new Float64Array(2 * L);
  const candBit = new Uint8Array(2 * L);
  const candRank = new Uint16Array(2 * L);
  for (let step = 0; step < steps; step++) {
    branchMetrics(soft, step, branch);
    next.fill(-Infinity);
    const forcedZero = step >= infoBits;
    for (let to = 0; to < STATES; to++) {
      const bit = to >> (MEMORY - 1);
      if (forcedZero && bit === 1) continue;
      // predecessors: states whose shifted register gives `to`: (to << 1 | dropped) & mask, with input bit = top bit of `to`
      let count = 0;
      for (let dropped = 0; dropped < 2; dropped++) {
        const from = ((to << 1) | dropped) & (STATES - 1);
        const b = branch[transitionOutputs[from * 2 + bit]];
        for (let r = 0; r < L; r++) {
          const base = metric[from * L + r];
          if (base === -Infinity) break;
          candMetric[count] = base + b;
          candBit[count] = dropped;
          candRank[count] = r;
          count++;
        }
      }
      // keep the L best (count ≤ 2L, small: selection by repeated max)
      const out = to * L;
      const rec = (step * STATES + to) * L;
      for (let r = 0; r < L && count > 0; r++) {
        let best = 0;
        for (let i = 1; i < count; i++) if (candMetric[i] > candMetric[best]) best = i;
        next[out + r] = candMetric[best];
        fromBit[rec + r] = candBit[best];
        fromRank[rec + r] = candRank[best];
        count--;
        candMetric[best] = candMetric[count];
        candBit[best] = candBit[count];
        candRank[best] = candRank[count];
      }
    }
    const swap = metric;
    metric = next;
    next = swap;
  }
  const words: Uint8Array[] = [];
  for (let r = 0; r < L; r++) {
    if (metric[r] === -Infinity) break;
    const bits = new Uint8Array(steps);
    let state = 0;
    let rank = r;
    for (let step = steps - 1; step >= 0; step--) {
      bits[step] = (state >> (MEMORY - 1)) & 1;
      const rec = (step * STATES + state) * L + rank;
      const dropped = fromBit[rec];
      rank = fromRank[rec];
      state = ((state << 1) | dropped) & (STATES - 1);
    }
    words.push(bits.slice(0, infoBits));
  }
  return words;
}
