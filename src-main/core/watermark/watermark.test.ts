/**
 * Watermark v1 properties on real speech (espeak-ng), attacked with real Debian tools (lame, sox).
 * Slow robustness matrices live in bench/watermark; these are the guarantees the pipeline relies on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isStudioError } from '../../../src-shared/errors';
import {
  defaultWatermarkKey,
  deriveWatermarkKey,
  detectWatermark,
  embedWatermark,
  measureSnrDb,
  WATERMARK_DETECTION_RATE,
  type PcmClip,
  type WatermarkDetection,
} from './index';
import { mp3RoundTrip, opusRoundTrip, requireTools, soxEffect, synthesizeSpeech } from './testing/tools';

const PAYLOAD = '3f2a9c01d4e5b677';
const key = defaultWatermarkKey();
let speech: PcmClip;
let marked: PcmClip;

function seconds(clip: PcmClip): number {
  return clip.samples.length / clip.sampleRate;
}

function expectMark(result: WatermarkDetection, payload = PAYLOAD): void {
  expect(result.watermarked).toBe(true);
  expect(result.payload).toBe(payload);
  expect(result.keyId).toBe(key.id);
  expect(result.falsePositiveProbability).toBeLessThan(1e-12);
  expect(result.marks.length).toBeGreaterThanOrEqual(1);
  expect(result.marks[0].payload).toBe(payload);
}

function expectNoMark(result: WatermarkDetection): void {
  expect(result.watermarked).toBe(false);
  expect(result.payload).toBeNull();
  expect(result.marks).toEqual([]);
  expect(result.falsePositiveProbability).toBeGreaterThan(1e-12);
}

beforeAll(() => {
  requireTools('espeak-ng', 'flite', 'lame', 'sox', 'opusenc', 'opusdec');
  speech = synthesizeSpeech({ sentences: 5 }); // ≈ 33 s at 22.05 kHz
  marked = embedWatermark(speech, PAYLOAD, key);
});

describe('embedWatermark', () => {
  it('returns a clip of the same rate and length, marked at ≥ 30 dB SNR', () => {
    expect(seconds(speech)).toBeGreaterThan(30);
    expect(marked.sampleRate).toBe(speech.sampleRate);
    expect(marked.samples.length).toBe(speech.samples.length);
    expect(marked.samples).not.toBe(speech.samples);
    const snr = measureSnrDb(speech.samples, marked.samples);
    expect(snr).toBeGreaterThanOrEqual(30);
    expect(snr).toBeLessThan(60); // a mark is actually there
  });

  it('keeps digital silence silent', () => {
    const sr = 16000;
    const samples = new Float32Array(sr * 4);
    samples.set(speech.samples.subarray(0, sr), sr); // 1 s of (22.05 kHz-rate) speech inside silence
    const out = embedWatermark({ samples, sampleRate: sr }, PAYLOAD, key).samples;
    const maxAbs = (a: Float32Array, from: number, to: number) => a.subarray(from, to).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs(out, 0, Math.floor(0.9 * sr))).toBeLessThan(1e-4);
    expect(maxAbs(out, Math.floor(2.1 * sr), 4 * sr)).toBeLessThan(1e-4);
  });

  it('rejects a malformed payload with a typed error', () => {
    for (const bad of ['', '123', 'zz2a9c01d4e5b677', '3f2a9c01d4e5b6770']) {
      try {
        embedWatermark(speech, bad, key);
        expect.unreachable(`payload ${JSON.stringify(bad)} was accepted`);
      } catch (error) {
        expect(isStudioError(error) && error.code).toBe('INVALID_REQUEST');
      }
    }
  });
});

describe('detectWatermark on the marked clip', () => {
  it('reads the payload back with its key, time range and a tiny false-positive probability', () => {
    const result = detectWatermark(marked, [key]);
    expectMark(result);
    expect(result.score).toBeGreaterThan(6);
    expect(result.marks).toHaveLength(1);
    expect(result.marks[0].startSec).toBeLessThan(1.5);
    expect(result.marks[0].endSec).toBeGreaterThan(seconds(marked) - 1.5);
  });

  it('survives MP3 at 128 kbps (lame)', () => {
    expectMark(detectWatermark(mp3RoundTrip(marked, 128), [key]));
  });

  it('survives resampling to 16 kHz and to 44.1 kHz (sox)', () => {
    const at16 = soxEffect(marked, ['rate', '-v', '16000']);
    const at44 = soxEffect(marked, ['rate', '-v', '44100']);
    expect(at16.sampleRate).toBe(16000);
    expect(at44.sampleRate).toBe(44100);
    expectMark(detectWatermark(at16, [key]));
    expectMark(detectWatermark(at44, [key]));
  });

  it('survives +6 dB and −6 dB gain', () => {
    const louder = soxEffect(marked, ['gain', '6']);
    const quieter = soxEffect(marked, ['gain', '-6']);
    expectMark(detectWatermark(louder, [key]));
    expectMark(detectWatermark(quieter, [key]));
  });

  it('decodes a 10-second excerpt from the middle', () => {
    const sr = marked.sampleRate;
    const mid = Math.floor(marked.samples.length / 2);
    const excerpt = { samples: marked.samples.slice(mid - 5 * sr - 1234, mid + 5 * sr - 1234), sampleRate: sr };
    const result = detectWatermark(excerpt, [key]);
    expectMark(result);
    expect(result.marks[0].endSec).toBeLessThanOrEqual(10.01);
  });

  it('is invisible to another key, and names the right key among several', () => {
    const other = deriveWatermarkKey('someone-else', new TextEncoder().encode('a private secret'));
    expectNoMark(detectWatermark(marked, [other]));
    const both = detectWatermark(marked, [other, key]);
    expectMark(both);
    expect(both.keyId).toBe(key.id);
  });

  it('works on a clip embedded at 48 kHz and decoded at the detection rate', () => {
    const at48 = soxEffect(speech, ['rate', '-v', '48000']);
    const marked48 = embedWatermark(at48, 'ffffffff00000000', key);
    expect(measureSnrDb(at48.samples, marked48.samples)).toBeGreaterThanOrEqual(30);
    const down = soxEffect(marked48, ['rate', '-v', String(WATERMARK_DETECTION_RATE)]);
    expectMark(detectWatermark(down, [key]), 'ffffffff00000000');
  });
});

describe('stage 2 robustness', () => {
  it('survives ±3 % tempo (sox tempo) and ±3 % replay speed (sox speed)', () => {
    for (const effect of [
      ['tempo', '1.03'],
      ['tempo', '0.97'],
      ['speed', '1.03'],
      ['speed', '0.97'],
    ]) {
      const result = detectWatermark(soxEffect(marked, effect), [key]);
      expect(result.payload, effect.join(' ')).toBe(PAYLOAD);
    }
  });

  it('reads a whole 10-second generation after MP3 64 kbps and Opus 32 kbps', () => {
    const sr = speech.sampleRate;
    // a regression case; the pass rate over voices and excerpts is measured in bench/watermark
    const short = { samples: speech.samples.slice(0, 10 * sr), sampleRate: sr };
    const markedShort = embedWatermark(short, '0a1b2c3d4e5f6071', key);
    // short generations are marked up to 2 dB stronger (the brief allows ≥ 28 dB for them)
    expect(measureSnrDb(short.samples, markedShort.samples)).toBeGreaterThanOrEqual(28);
    expectMark(detectWatermark(mp3RoundTrip(markedShort, 64), [key]), '0a1b2c3d4e5f6071');
    expectMark(detectWatermark(opusRoundTrip(markedShort, 32), [key]), '0a1b2c3d4e5f6071');
  });

  it('reports both generations of a spliced file, each with its own time range', () => {
    const sr = speech.sampleRate;
    const first = embedWatermark({ samples: speech.samples.slice(0, 15 * sr), sampleRate: sr }, '1111111111111111', key);
    const other = synthesizeSpeech({ sentences: 3, offset: 5 });
    const second = embedWatermark({ samples: other.samples.slice(0, 15 * other.sampleRate), sampleRate: other.sampleRate }, '2222222222222222', key);
    expect(second.sampleRate).toBe(sr);
    const spliced = new Float32Array(30 * sr);
    spliced.set(first.samples, 0);
    spliced.set(second.samples, 15 * sr);
    const result = detectWatermark({ samples: spliced, sampleRate: sr }, [key]);
    expect(result.marks.map((m) => m.payload)).toEqual(['1111111111111111', '2222222222222222']);
    const [a, b] = result.marks;
    expect(a.startSec).toBeLessThan(1);
    expect(a.endSec).toBeGreaterThan(13);
    expect(a.endSec).toBeLessThan(17);
    expect(b.startSec).toBeGreaterThan(13);
    expect(b.startSec).toBeLessThan(17);
    expect(b.endSec).toBeGreaterThan(29);
  });
});

describe('detectWatermark on never-marked audio', () => {
  it('finds nothing in unmarked speech from espeak-ng and flite', () => {
    expectNoMark(detectWatermark(speech, [key]));
    expectNoMark(detectWatermark(synthesizeSpeech({ engine: 'flite', sentences: 2, offset: 5 }), [key]));
  });

  it('finds nothing in white noise, silence or a clipped square wave', () => {
    const sr = 16000;
    let seed = 12345;
    const noise = new Float32Array(sr * 12).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed / 2 ** 32 - 0.5) * 0.5;
    });
    expectNoMark(detectWatermark({ samples: noise, sampleRate: sr }, [key]));
    expectNoMark(detectWatermark({ samples: new Float32Array(sr * 12), sampleRate: sr }, [key]));
    const square = new Float32Array(sr * 12).map((_, i) => (Math.sin((2 * Math.PI * 220 * i) / sr) > 0 ? 1 : -1));
    expectNoMark(detectWatermark({ samples: square, sampleRate: sr }, [key]));
  });

  it('handles clips too short to carry a mark', () => {
    expectNoMark(detectWatermark({ samples: new Float32Array(100), sampleRate: 22050 }, [key]));
    const tiny = embedWatermark({ samples: new Float32Array(100), sampleRate: 22050 }, PAYLOAD, key);
    expect(tiny.samples.length).toBe(100);
  });
});
