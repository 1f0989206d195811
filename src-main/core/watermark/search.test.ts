import { describe, expect, it } from 'vitest';
import { detectionFrameCount } from './analysis';
import { cellFeatures } from './features';
import { defaultWatermarkKey } from './keys';
import { tileLayout } from './layout';
import { resample, resampleRange } from './resample';
import { countCandidates, searchWindows } from './search';
import { SegmentSignals } from './signals';

function noise(seconds: number, rate: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return new Float32Array(seconds * rate).map(() => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.3;
  });
}

describe('sync search bookkeeping', () => {
  it('never evaluates more candidates than the false-positive bound counts', () => {
    for (const seconds of [5, 12, 40]) {
      const samples = noise(seconds, 16000, seconds);
      const frames = detectionFrameCount(samples, 16000);
      const layout = tileLayout(defaultWatermarkKey());
      const { evaluated, windows } = searchWindows(new SegmentSignals(cellFeatures(samples, 16000, 0, frames), layout), layout);
      expect(windows.length).toBeGreaterThan(0);
      expect(evaluated).toBeGreaterThan(0);
      expect(evaluated).toBeLessThanOrEqual(countCandidates(frames));
      // unmarked noise: no window comes near a decodable score
      for (const w of windows) expect(w.z).toBeLessThan(6);
    }
  });
});

describe('block resampling', () => {
  it('gives the same samples in blocks as in one pass', () => {
    const input = noise(3, 44100, 3);
    const whole = resample(input, 44100, 8000);
    const a = resampleRange(input, 0, 44100, 8000, 0, 9000);
    const b = resampleRange(input.subarray(40000), 40000, 44100, 8000, 9000, whole.length);
    expect(Array.from(a)).toEqual(Array.from(whole.subarray(0, 9000)));
    // the second block saw only input from sample 40000 on, which covers everything it needs
    for (let j = 0; j < b.length; j++) expect(b[j]).toBeCloseTo(whole[9000 + j], 6);
  });
});
