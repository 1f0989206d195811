import { describe, expect, it } from 'vitest';
import { RealFft } from './fft';

describe('RealFft at every stage layout', () => {
  // half-sizes 2 (one butterfly), 4 (first pass only), 8 (plus a single stage), 16 and 64 (paired stages only), 256 (paired then single)
  it('matches a direct DFT and inverts exactly', () => {
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
    for (const n of [4, 8, 16, 32, 128, 256, 512]) {
      const fft = new RealFft(n);
      const x = Float64Array.from({ length: n }, rand);
      const re = new Float64Array(n / 2 + 1);
      const im = new Float64Array(n / 2 + 1);
      fft.forward(x, re, im);
      for (let k = 0; k <= n / 2; k++) {
        let r = 0;
        let i = 0;
        for (let t = 0; t < n; t++) {
          r += x[t] * Math.cos((2 * Math.PI * k * t) / n);
          i -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
        }
        expect(re[k], `size ${n}, bin ${k} (re)`).toBeCloseTo(r, 9);
        expect(im[k], `size ${n}, bin ${k} (im)`).toBeCloseTo(i, 9);
      }
      const back = new Float64Array(n);
      fft.inverse(re, im, back);
      for (let t = 0; t < n; t++) expect(back[t], `size ${n}, sample ${t}`).toBeCloseTo(x[t], 12);
    }
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new RealFft(100)).toThrow(RangeError);
  });
});
