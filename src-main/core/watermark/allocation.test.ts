import { describe, expect, it } from 'vitest';
import { allocateDeltas } from './allocation';
import { bark } from './bark';
import { BAND_MARK_DB, DELTA_MAX, END_BIN, FIRST_BIN, FRAME, FRAME_SNR_DB, WORK_RATE } from './params';

const BINS = FRAME / 2 + 1;

function bandOf(bin: number): number {
  return Math.floor(bark((bin * WORK_RATE) / FRAME));
}

/** A voiced-speech-like power spectrum: harmonics of f0 under a falling envelope, with a floor between them. */
function harmonicSpectrum(f0Hz: number, tiltDbPerOctave: number, valleyDb: number): Float64Array {
  const power = new Float64Array(BINS);
  const spacing = (f0Hz * FRAME) / WORK_RATE;
  for (let k = 1; k < BINS; k++) {
    const octaves = Math.log2(Math.max(1, k / spacing));
    const envelope = Math.pow(10, (tiltDbPerOctave * octaves) / 10);
    const distance = Math.abs(k / spacing - Math.round(k / spacing)) * spacing;
    const peak = Math.exp(-(distance * distance) / 0.5);
    power[k] = envelope * (peak + Math.pow(10, valleyDb / 10));
  }
  return power;
}

function allocate(power: Float64Array, scale = 1): Float64Array {
  const delta = new Float64Array(END_BIN - FIRST_BIN);
  allocateDeltas(power, delta, FIRST_BIN, END_BIN, scale);
  return delta;
}

describe('strength allocation', () => {
  const spectra: [string, Float64Array][] = [
    ['low voice, gentle tilt', harmonicSpectrum(110, -6, -30)],
    ['high voice, steep tilt', harmonicSpectrum(230, -12, -35)],
    ['flat noise-like frame', new Float64Array(BINS).fill(1)],
  ];

  for (const [name, power] of spectra) {
    it(`spends the frame's budget and no more (${name})`, () => {
      const delta = allocate(power);
      const total = power.reduce((a, b) => a + b, 0);
      let cost = 0;
      for (let i = 0; i < delta.length; i++) cost += power[FIRST_BIN + i] * delta[i] * delta[i];
      const budget = Math.pow(10, -FRAME_SNR_DB / 10) * total;
      expect(cost).toBeLessThanOrEqual(budget * 1.0001);
      // the caps may leave budget unspent only when every band is pinned or every bin capped
      expect(cost).toBeGreaterThan(budget * 0.5);
    });

    it(`keeps every bin within DELTA_MAX and every band ${BAND_MARK_DB} dB under its own energy (${name})`, () => {
      const delta = allocate(power, 4);
      const bandMark = new Map<number, number>();
      const bandHost = new Map<number, number>();
      for (let i = 0; i < delta.length; i++) {
        expect(delta[i]).toBeGreaterThanOrEqual(0);
        expect(delta[i]).toBeLessThanOrEqual(DELTA_MAX + 1e-12);
        const b = bandOf(FIRST_BIN + i);
        bandMark.set(b, (bandMark.get(b) ?? 0) + power[FIRST_BIN + i] * delta[i] * delta[i]);
        bandHost.set(b, (bandHost.get(b) ?? 0) + power[FIRST_BIN + i]);
      }
      for (const [b, mark] of bandMark) expect(mark).toBeLessThanOrEqual(bandHost.get(b)! * Math.pow(10, -BAND_MARK_DB / 10) * 1.0001);
    });
  }

  it('gives valleys between harmonics larger relative changes than the harmonics', () => {
    const power = harmonicSpectrum(150, -6, -30);
    const delta = allocate(power);
    const spacing = (150 * FRAME) / WORK_RATE;
    const peak = Math.round(8 * spacing);
    const valley = Math.round(8.5 * spacing);
    expect(delta[valley - FIRST_BIN]).toBeGreaterThan(delta[peak - FIRST_BIN] * 2);
  });

  it('marks nothing in a silent frame', () => {
    expect(Math.max(...allocate(new Float64Array(BINS)))).toBe(0);
  });
});
