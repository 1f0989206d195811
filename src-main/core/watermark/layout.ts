import { codedLength } from './convolutionalCode';
import { KeyStream, keyFingerprint, subkey, type WatermarkKey } from './keys';
import { GROUPS, INFO_BITS, PERIOD_SLOTS, SYNC_SLOTS, SYNC_SUBSETS, TILES_PER_PERIOD } from './params';

/**
 * The key's tile pattern for one period. Tile index = slot * GROUPS + group. Sync slots carry
 * timeChip[slot × SYNC_SUBSETS + group mod SYNC_SUBSETS] × freqChip[group]; every other tile carries one coded bit times its own chip.
 */
export interface TileLayout {
  isSyncSlot: Uint8Array;
  /** Sync slot indices in increasing order. */
  syncSlots: Int32Array;
  timeChip: Int8Array;
  freqChip: Int8Array;
  /** -1 for a sync tile, else the coded-bit index the tile carries. */
  codedBitOfTile: Int32Array;
  chipOfTile: Int8Array;
  codedBits: number;
}

const cache = new Map<string, TileLayout>();

function shuffle(values: Int32Array, stream: KeyStream): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

export function tileLayout(key: WatermarkKey): TileLayout {
  const fingerprint = keyFingerprint(key);
  const cached = cache.get(fingerprint);
  if (cached) return cached;
  const stream = new KeyStream(subkey(key, 'layout'));
  const slotOrder = Int32Array.from({ length: PERIOD_SLOTS }, (_, i) => i);
  shuffle(slotOrder, stream);
  const syncSlots = slotOrder.slice(0, SYNC_SLOTS).sort();
  const isSyncSlot = new Uint8Array(PERIOD_SLOTS);
  for (const s of syncSlots) isSyncSlot[s] = 1;
  const timeChip = new Int8Array(PERIOD_SLOTS * SYNC_SUBSETS);
  for (const s of syncSlots) for (let m = 0; m < SYNC_SUBSETS; m++) timeChip[s * SYNC_SUBSETS + m] = stream.nextSign();
  const freqChip = new Int8Array(GROUPS);
  for (let g = 0; g < GROUPS; g++) freqChip[g] = stream.nextSign();

  const codedBits = codedLength(INFO_BITS);
  const dataTiles: number[] = [];
  for (let t = 0; t < TILES_PER_PERIOD; t++) if (!isSyncSlot[Math.floor(t / GROUPS)]) dataTiles.push(t);
  const order = Int32Array.from(dataTiles);
  shuffle(order, stream);
  const codedBitOfTile = new Int32Array(TILES_PER_PERIOD).fill(-1);
  for (let i = 0; i < order.length; i++) codedBitOfTile[order[i]] = i % codedBits;
  const chipOfTile = new Int8Array(TILES_PER_PERIOD);
  for (let t = 0; t < TILES_PER_PERIOD; t++) {
    const slot = Math.floor(t / GROUPS);
    const group = t % GROUPS;
    chipOfTile[t] = isSyncSlot[slot] ? timeChip[slot * SYNC_SUBSETS + (group % SYNC_SUBSETS)] * freqChip[group] : stream.nextSign();
  }
  const layout: TileLayout = { isSyncSlot, syncSlots, timeChip, freqChip, codedBitOfTile, chipOfTile, codedBits };
  if (cache.size > 32) cache.clear();
  cache.set(fingerprint, layout);
  return layout;
}
