import type { WatermarkKey } from './keys';
import type { TileLayout } from './layout';
import * as params from './params';
import { codedPayloadBits } from './payload';
import { mod, slotStart, type GridCandidate } from './search';
import type { SegmentSignals, TileWeighting } from './signals';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { GROUPS, PERIOD_SLOTS, TILES_PER_PERIOD } = params;

/**
 * Verification against known payloads (the studio's own history): when no payload can be decoded
 * blind, each known payload is tested as a whole at the aligned candidates the sync search found.
 * With the payload known, every data tile is a pilot, so the evidence is about 4× the sync's alone
 * and no error-correcting decoder has to succeed: clips too short or too damaged to decode can
 * still be traced to the generation that made them.
 *
 * For a candidate and a payload the score is z = Σ sign·Y / √ΣY² over the data tiles, values meeting
 * the same tile of the period summed first. The sign of each data tile is its coded bit times its
 * own chip, and the chips are key-derived fair signs independent of the audio and of the sync
 * chips the candidate was selected with, so for audio not marked with this key and payload,
 * P(z ≥ t) ≤ exp(−t²/2) per (candidate, payload, weighting), whatever the audio.
 */
export interface VerificationEvidence {
  /** Per coded bit, Σ chip × (tile values summed per tile of the period). */
  soft: Float64Array;
  /** Σ over data tiles of (tile values summed per tile of the period)². */
  energy: number;
}

export function verificationEvidence(signals: SegmentSignals, layout: TileLayout, c: GridCandidate, weighting: TileWeighting): VerificationEvidence {
  const box = signals.groups(c.freqIndex, weighting);
  const tileSums = new Float64Array(TILES_PER_PERIOD);
  for (let k = c.firstSlot; k < c.firstSlot + c.slots; k++) {
    const base = mod(k, PERIOD_SLOTS) * GROUPS;
    const row = slotStart(c, k) * GROUPS;
    for (let g = 0; g < GROUPS; g++) if (layout.codedBitOfTile[base + g] >= 0) tileSums[base + g] += box[row + g];
  }
  const soft = new Float64Array(layout.codedBits);
  let energy = 0;
  for (let t = 0; t < TILES_PER_PERIOD; t++) {
    const bit = layout.codedBitOfTile[t];
    if (bit < 0) continue;
    soft[bit] += layout.chipOfTile[t] * tileSums[t];
    energy += tileSums[t] * tileSums[t];
  }
  return { soft, energy };
}

/** ±1 coded bits of each payload under `key`, in one flat array (payload i at i × codedBits). */
export function codedSigns(payloads: readonly string[], key: WatermarkKey, codedBits: number): Int8Array {
  const out = new Int8Array(payloads.length * codedBits);
  payloads.forEach((payloadHex, i) => {
    const coded = codedPayloadBits(payloadHex, key);
    for (let b = 0; b < codedBits; b++) out[i * codedBits + b] = coded[b] ? 1 : -1;
  });
  return out;
}

/** The best-scoring payload index for one piece of evidence, and its score. */
export function bestPayload(evidence: VerificationEvidence, signs: Int8Array, codedBits: number): { index: number; z: number } {
  const { soft, energy } = evidence;
  if (!(energy > 0)) return { index: -1, z: 0 };
  const count = signs.length / codedBits;
  let bestIndex = -1;
  let best = -Infinity;
  for (let i = 0; i < count; i++) {
    const base = i * codedBits;
    let s = 0;
    for (let b = 0; b < codedBits; b++) s += signs[base + b] * soft[b];
    if (s > best) {
      best = s;
      bestIndex = i;
    }
  }
  return { index: bestIndex, z: best / Math.sqrt(energy) };
}
