import { clipColumns, clipLevels, groupReader, groupValues, slotBoxSums, syncSeries, type CellFeatures } from './features';
import type { TileLayout } from './layout';
import * as params from './params';
import type { SyncSignal } from './search';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const { FREQ_SCALES, GROUPS, SYNC_SUBSETS } = params;

/** The signals one key's search and decoding read, built lazily per frequency scale. */
export class SegmentSignals implements SyncSignal {
  readonly frames: number;
  private readonly syncBoxes = new Map<number, Float32Array>();
  private readonly groupBoxes = new Map<number, Float32Array>();

  constructor(
    private readonly features: CellFeatures,
    private readonly layout: TileLayout,
  ) {
    this.frames = features.frames;
  }

  box = (freqIndex: number): Float32Array => {
    let box = this.syncBoxes.get(freqIndex);
    if (!box) {
      const series = syncSeries(this.features, groupReader(FREQ_SCALES[freqIndex]), this.layout.freqChip);
      box = slotBoxSums(series, this.frames, SYNC_SUBSETS);
      clipColumns(box, this.frames, SYNC_SUBSETS, clipLevels(box, this.frames, SYNC_SUBSETS));
      this.syncBoxes.set(freqIndex, box);
    }
    return box;
  };

  /** Tile values at a frequency scale, weighted for decoding (see TileWeighting). */
  groups(freqIndex: number, weighting: TileWeighting): Float32Array {
    const cacheKey = freqIndex * 2 + (weighting === 'reliability' ? 1 : 0);
    let box = this.groupBoxes.get(cacheKey);
    if (!box) {
      const reader = groupReader(FREQ_SCALES[freqIndex]);
      box = slotBoxSums(groupValues(this.features, reader), this.frames, GROUPS);
      clipColumns(box, this.frames, GROUPS, clipLevels(box, this.frames, GROUPS));
      if (weighting === 'reliability') {
        const expected = slotBoxSums(groupValues(this.features, reader, 'expected'), this.frames, GROUPS);
        combineByReliability(box, expected, this.frames, GROUPS);
      } else normalizeSlots(box, this.frames, GROUPS);
      this.groupBoxes.set(cacheKey, box);
    }
    return box;
  }
}

/**
 * Two ways to weigh tiles before decoding, each best for some attacks: by expected mark over
 * interference ("reliability": additive noise, which floods the weak cells) or by interference
 * alone ("flat": codecs, which keep less of the weak cells than the model expects). Both are tried.
 */
export type TileWeighting = 'reliability' | 'flat';
export const WEIGHTINGS: TileWeighting[] = ['flat', 'reliability'];

/** Divides each slot's tiles by their RMS: slots where the host swings hard count less. */
function normalizeSlots(box: Float32Array, frames: number, columns: number): void {
  for (let n = 0; n < frames; n++) {
    const row = n * columns;
    let sum = 0;
    for (let c = 0; c < columns; c++) sum += box[row + c] * box[row + c];
    if (!(sum > 0)) continue;
    const scale = 1 / Math.sqrt(sum / columns);
    for (let c = 0; c < columns; c++) box[row + c] *= scale;
  }
}

/**
 * Maximum-ratio weighting of tiles: each tile's value is scaled by (expected mark) / (interference
 * variance), the interference being estimated per slot from the spread of its tiles. Slots where
 * the host swings hard (onsets, fricatives) or where noise or a codec left little of the mark
 * count less; strong, calm slots count more.
 */
function combineByReliability(box: Float32Array, expected: Float32Array, frames: number, columns: number): void {
  for (let n = 0; n < frames; n++) {
    const row = n * columns;
    let sum = 0;
    for (let c = 0; c < columns; c++) sum += box[row + c] * box[row + c];
    if (!(sum > 0)) continue;
    const inverseVariance = columns / sum;
    for (let c = 0; c < columns; c++) box[row + c] *= expected[row + c] * inverseVariance;
  }
}
