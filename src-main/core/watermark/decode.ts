import { listViterbiDecode, viterbiDecode } from './convolutionalCode';
import type { WatermarkKey } from './keys';
import type { TileLayout } from './layout';
import * as params from './params';
import { codedPayloadBits, verifyInformationBits } from './payload';
import { mod, slotStart, type GridCandidate } from './search';
import type { SegmentSignals, TileWeighting } from './signals';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { GROUPS, INFO_BITS, LIST_SIZE, PERIOD_SLOTS } = params;

/** Soft value of every coded bit: Σ chip × tile over the candidate's window. */
export function softBits(signals: SegmentSignals, layout: TileLayout, c: GridCandidate, weighting: TileWeighting): Float64Array {
  const box = signals.groups(c.freqIndex, weighting);
  const soft = new Float64Array(layout.codedBits);
  for (let k = c.firstSlot; k < c.firstSlot + c.slots; k++) {
    const base = mod(k, PERIOD_SLOTS) * GROUPS;
    const row = slotStart(c, k) * GROUPS;
    for (let g = 0; g < GROUPS; g++) {
      const bit = layout.codedBitOfTile[base + g];
      if (bit >= 0) soft[bit] += layout.chipOfTile[base + g] * box[row + g];
    }
  }
  return soft;
}

/**
 * The payload whose MAC verifies among the LIST_SIZE most likely words (the plain Viterbi word
 * first, the list only when it fails), or null.
 */
export function decodePayload(soft: Float64Array, key: WatermarkKey): Uint8Array | null {
  const best = verifyInformationBits(viterbiDecode(soft, INFO_BITS), key);
  if (best) return best;
  const words = listViterbiDecode(soft, INFO_BITS, LIST_SIZE);
  for (let i = 1; i < words.length; i++) {
    const payload = verifyInformationBits(words[i], key);
    if (payload) return payload;
  }
  return null;
}

/** Evidence windows for trimming a mark to where it is: 1 s, every 0.25 s; gaps of up to 1 s (pauses) are bridged. */
const EVIDENCE_WINDOW_SLOTS = 32;
const EVIDENCE_STEP_SLOTS = 8;
const EVIDENCE_Z = 2;
const EVIDENCE_MAX_GAP = 4;

/**
 * The frames [start, end) of the candidate's window where the decoded codeword is actually
 * present: with the payload known every tile is a pilot, so 1-second pieces can be tested on
 * their own. A file spliced from two generations then reports each over its own part.
 */
export function evidenceSpan(signals: SegmentSignals, layout: TileLayout, c: GridCandidate, signs: Int8Array): [number, number] {
  const box = signals.groups(c.freqIndex, 'flat');
  const num = new Float64Array(c.slots);
  const den = new Float64Array(c.slots);
  for (let i = 0; i < c.slots; i++) {
    const k = c.firstSlot + i;
    const base = mod(k, PERIOD_SLOTS) * GROUPS;
    const row = slotStart(c, k) * GROUPS;
    let n = 0;
    let d = 0;
    for (let g = 0; g < GROUPS; g++) {
      const u = box[row + g];
      n += signs[base + g] * u;
      d += u * u;
    }
    num[i] = n;
    den[i] = d;
  }
  const starts: number[] = [];
  const strong: boolean[] = [];
  let best = -1;
  let bestZ = -Infinity;
  for (let i = 0; i + EVIDENCE_WINDOW_SLOTS <= c.slots || i === 0; i += EVIDENCE_STEP_SLOTS) {
    let n = 0;
    let d = 0;
    for (let j = i; j < Math.min(c.slots, i + EVIDENCE_WINDOW_SLOTS); j++) {
      n += num[j];
      d += den[j];
    }
    const z = d > 0 ? n / Math.sqrt(d) : 0;
    starts.push(i);
    strong.push(z >= EVIDENCE_Z);
    if (z > bestZ) {
      bestZ = z;
      best = starts.length - 1;
    }
  }
  let first = best;
  let last = best;
  for (let i = best - 1, gap = 0; i >= 0 && gap <= EVIDENCE_MAX_GAP; i--) {
    if (strong[i]) {
      first = i;
      gap = 0;
    } else gap++;
  }
  for (let i = best + 1, gap = 0; i < starts.length && gap <= EVIDENCE_MAX_GAP; i++) {
    if (strong[i]) {
      last = i;
      gap = 0;
    } else gap++;
  }
  const firstSlot = c.firstSlot + starts[first];
  const endSlot = c.firstSlot + Math.min(c.slots, starts[last] + EVIDENCE_WINDOW_SLOTS);
  // windows that reach the candidate's edges extend to them
  return [slotStart(c, first === 0 ? c.firstSlot : firstSlot), slotStart(c, last === starts.length - 1 ? c.firstSlot + c.slots : endSlot)];
}

export function codedBitSnr(soft: Float64Array, payloadHex: string, key: WatermarkKey): number {
  const coded = codedPayloadBits(payloadHex, key);
  let mean = 0;
  for (let i = 0; i < soft.length; i++) mean += soft[i] * (coded[i] ? 1 : -1);
  mean /= soft.length;
  let variance = 0;
  for (let i = 0; i < soft.length; i++) variance += (soft[i] * (coded[i] ? 1 : -1) - mean) ** 2;
  return (mean * mean) / (variance / soft.length);
}
