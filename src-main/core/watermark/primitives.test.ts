import { describe, expect, it } from 'vitest';
import { codedLength, convolutionalEncode, listViterbiDecode, viterbiDecode } from './convolutionalCode';
import { defaultWatermarkKey, deriveWatermarkKey } from './keys';
import { informationBits, verifyInformationBits, parsePayloadHex } from './payload';
import { resample } from './resample';
import { measureSnrDb, segmentalSnrDb } from './quality';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('convolutional code', () => {
  it('decodes through noise that flips many hard decisions', () => {
    const rand = lcg(7);
    const bits = Uint8Array.from({ length: 104 }, () => (rand() < 0.5 ? 1 : 0));
    const coded = convolutionalEncode(bits);
    expect(coded.length).toBe(codedLength(104));
    let flipped = 0;
    const soft = Float64Array.from(coded, (b) => {
      const gauss = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
      const v = (b ? 1 : -1) + 0.8 * gauss;
      if (v > 0 !== (b === 1)) flipped++;
      return v;
    });
    expect(flipped).toBeGreaterThan(20);
    expect(Array.from(viterbiDecode(soft, 104))).toEqual(Array.from(bits));
  });
});

describe('list Viterbi', () => {
  it('puts the Viterbi word first and offers distinct alternatives, the truth among them when close', () => {
    const rand = lcg(11);
    const bits = Uint8Array.from({ length: 104 }, () => (rand() < 0.5 ? 1 : 0));
    let rescued = 0;
    for (let trial = 0; trial < 40; trial++) {
      const soft = Float64Array.from(convolutionalEncode(bits), (b) => (b ? 1 : -1) + 1.25 * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()));
      const best = viterbiDecode(soft, 104);
      const list = listViterbiDecode(soft, 104, 16);
      expect(Array.from(list[0])).toEqual(Array.from(best));
      expect(new Set(list.map((w) => w.join(''))).size).toBe(list.length);
      const truthAt = list.findIndex((w) => w.every((v, i) => v === bits[i]));
      if (truthAt > 0) rescued++;
    }
    expect(rescued).toBeGreaterThan(0); // some frames wrong for plain Viterbi are right further down the list
  });
});

describe('quality measures', () => {
  it('measure a known error level', () => {
    const rate = 16000;
    const x = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / rate));
    const y = x.map((v) => v * 1.01); // error 40 dB below the signal everywhere
    expect(measureSnrDb(x, y)).toBeCloseTo(40, 1);
    expect(segmentalSnrDb(x, y, rate)).toBeCloseTo(35, 1); // clamped at 35 dB per frame
    expect(measureSnrDb(x, x)).toBe(Infinity);
  });
});

describe('payload MAC', () => {
  it('verifies under its own key only', () => {
    const payload = parsePayloadHex('0011223344556677');
    const word = informationBits(payload, defaultWatermarkKey());
    expect(verifyInformationBits(word, defaultWatermarkKey())).toEqual(payload);
    expect(verifyInformationBits(word, deriveWatermarkKey('x', new Uint8Array([9])))).toBeNull();
    const tampered = Uint8Array.from(word);
    tampered[3] ^= 1;
    expect(verifyInformationBits(tampered, defaultWatermarkKey())).toBeNull();
  });

  it('derives distinct keys for distinct ids or secrets', () => {
    const a = deriveWatermarkKey('a', new Uint8Array([1]));
    const b = deriveWatermarkKey('b', new Uint8Array([1]));
    const c = deriveWatermarkKey('a', new Uint8Array([2]));
    expect(Buffer.from(a.secret).equals(Buffer.from(b.secret))).toBe(false);
    expect(Buffer.from(a.secret).equals(Buffer.from(c.secret))).toBe(false);
    expect(Buffer.from(defaultWatermarkKey().secret).equals(Buffer.from(defaultWatermarkKey().secret))).toBe(true);
  });
});

describe('resample', () => {
  it('keeps a 1 kHz tone and rejects what would alias', () => {
    for (const [from, to] of [
      [44100, 8000],
      [8000, 48000],
      [22050, 16000],
    ]) {
      const n = from;
      const tone = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / from));
      const out = resample(tone, from, to);
      expect(out.length).toBe(to);
      let err = 0;
      for (let j = to / 4; j < (3 * to) / 4; j++) err = Math.max(err, Math.abs(out[j] - Math.sin((2 * Math.PI * 1000 * j) / to)));
      expect(err).toBeLessThan(0.01);
    }
    const high = Float32Array.from({ length: 44100 }, (_, i) => Math.sin((2 * Math.PI * 6000 * i) / 44100));
    const down = resample(high, 44100, 8000);
    const rms = Math.sqrt(down.subarray(2000, 6000).reduce((s, v) => s + v * v, 0) / 4000);
    expect(rms).toBeLessThan(0.01);
  });
});
