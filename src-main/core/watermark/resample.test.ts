import { describe, expect, it } from 'vitest';
import { FROM_WORK_RATE, TO_WORK_RATE } from './analysis';
import { resample, resampleMargin, resampleRange, type ResampleOptions } from './resample';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function tone(hz: number, rate: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
}

/** Amplitude of the `hz` component over the middle half of `x` (away from the zero-padded ends). */
function amplitude(x: Float32Array, hz: number, rate: number): number {
  const a = Math.floor(x.length / 4);
  const b = Math.floor((3 * x.length) / 4);
  let c = 0;
  let s = 0;
  for (let i = a; i < b; i++) {
    c += x[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    s += x[i] * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(c, s)) / (b - a);
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe('resampleRange', () => {
  // every kind of stage: integer decimation, ×2, 4-tap and longer polyphase, and a rate that is not an integer
  const pairs: [number, number, ResampleOptions][] = [
    [16000, 8000, TO_WORK_RATE],
    [8000, 16000, FROM_WORK_RATE],
    [44100, 8000, TO_WORK_RATE],
    [8000, 44100, FROM_WORK_RATE],
    [48000, 8000, TO_WORK_RATE],
    [8000, 48000, FROM_WORK_RATE],
    [22050, 8000, TO_WORK_RATE],
    [11025, 8000, {}],
    [8000, 11025, {}],
    [44100.5, 8000, TO_WORK_RATE],
  ];

  it('gives exactly the same samples block by block as in one pass', () => {
    for (const [from, to, options] of pairs) {
      const input = Float32Array.from({ length: Math.round(from * 0.5) }, lcg(7));
      const whole = resample(input, from, to, options);
      const margin = resampleMargin(from, to, options);
      for (const [outStart, outEnd] of [
        [0, 1000],
        [1000, 2345],
        [2345, whole.length],
      ]) {
        const inputStart = Math.max(0, Math.floor((outStart * from) / to) - margin);
        const inputEnd = Math.ceil((outEnd * from) / to) + margin;
        const block = resampleRange(input.subarray(inputStart, inputEnd), inputStart, from, to, outStart, outEnd, options);
        expect(Array.from(block), `${from} → ${to}, outputs ${outStart}–${outEnd}`).toEqual(Array.from(whole.subarray(outStart, outEnd)));
      }
    }
  });

  it('treats samples outside the input as zero', () => {
    const input = Float32Array.from({ length: 4410 }, lcg(3));
    const whole = resample(input, 44100, 8000, TO_WORK_RATE);
    // a range reaching past both ends of the signal: zeros there, the signal's own samples in between
    const wider = resampleRange(input, 0, 44100, 8000, -50, whole.length + 50, TO_WORK_RATE);
    expect(Array.from(wider.subarray(50, 50 + whole.length))).toEqual(Array.from(whole));
    expect(Math.max(...wider.subarray(0, 30).map(Math.abs), ...wider.subarray(wider.length - 30).map(Math.abs))).toBe(0);
  });
});

describe('resampling to and from the working rate', () => {
  const hostRates = [16000, 22050, 44100, 48000];

  it('passes the mark band within ±0.25 dB in both directions', () => {
    for (const rate of hostRates) {
      for (const hz of [150, 312, 700, 1500, 2500, 3000, 3437]) {
        const down = amplitude(resample(tone(hz, rate, 1), rate, 8000, TO_WORK_RATE), hz, 8000);
        const up = amplitude(resample(tone(hz, 8000, 1), 8000, rate, FROM_WORK_RATE), hz, rate);
        expect(Math.abs(db(down)), `${rate} → 8000 at ${hz} Hz`).toBeLessThan(0.25);
        expect(Math.abs(db(up)), `8000 → ${rate} at ${hz} Hz`).toBeLessThan(0.25);
      }
    }
  });

  it('keeps what would alias into the mark band 40 dB down', () => {
    for (const rate of hostRates) {
      for (const hz of [4600, 5500, 7000, 9000, 12000, 15000, 20000].filter((f) => f < rate / 2)) {
        const alias = Math.abs(hz - 8000 * Math.round(hz / 8000));
        if (alias > 3450) continue; // lands above the mark band: allowed
        const down = amplitude(resample(tone(hz, rate, 1), rate, 8000, TO_WORK_RATE), alias, 8000);
        expect(db(down), `${hz} Hz at ${rate} → 8000`).toBeLessThan(-40);
      }
    }
  });

  it('keeps the images of the mark band 38 dB down', () => {
    for (const rate of [22050, 44100, 48000]) {
      for (const hz of [500, 2000, 3437]) {
        const up = resample(tone(hz, 8000, 1), 8000, rate, FROM_WORK_RATE);
        for (let k = 1; k * 8000 - hz < rate / 2; k++) {
          for (const image of [k * 8000 - hz, k * 8000 + hz].filter((f) => f < rate / 2)) {
            expect(db(amplitude(up, image, rate)), `image at ${image} Hz of ${hz} Hz, 8000 → ${rate}`).toBeLessThan(-38);
          }
        }
      }
    }
  });
});
