/**
 * Verification against known payloads (the studio's history): clips too short to decode blind are
 * traced to the generation that made them, and never to one that did not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultWatermarkKey, detectWatermark, embedWatermark, type PcmClip } from './index';
import { mp3RoundTrip, opusRoundTrip, requireTools, synthesizeSpeech } from './testing/tools';

const key = defaultWatermarkKey();

/** A reproducible "history" of random-looking generation ids. */
function historyIds(count: number, seed: number): string[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  return Array.from({ length: count }, () => next().toString(16).padStart(8, '0') + next().toString(16).padStart(8, '0'));
}

function cut(clip: PcmClip, startSec: number, seconds: number): PcmClip {
  const start = Math.round(startSec * clip.sampleRate);
  return { sampleRate: clip.sampleRate, samples: clip.samples.slice(start, start + Math.round(seconds * clip.sampleRate)) };
}

const history = historyIds(500, 77);
let speech: PcmClip;

beforeAll(() => {
  requireTools('espeak-ng', 'lame', 'opusenc', 'opusdec');
  speech = synthesizeSpeech({ sentences: 2, offset: 3 }); // ≈ 10 s
});

describe('detectWatermark with known payloads', () => {
  it('traces 3-second generations after MP3 64 kbps of which blind decoding reads about half', () => {
    let blind = 0;
    let traced = 0;
    for (let i = 0; i < 8; i++) {
      const payload = history[10 * i];
      const attacked = mp3RoundTrip(embedWatermark(cut(speech, 0.8 * i, 3), payload, key), 64);
      if (detectWatermark(attacked, [key]).payload === payload) blind++;
      const result = detectWatermark(attacked, [key], { knownPayloads: history });
      expect([null, payload]).toContain(result.payload);
      if (result.payload === payload) {
        traced++;
        expect(result.falsePositiveProbability).toBeLessThan(1e-12);
      }
    }
    expect(traced).toBeGreaterThanOrEqual(7);
    expect(traced).toBeGreaterThanOrEqual(blind + 3);
  });

  it('traces a 6-second generation after Opus 32 kbps', () => {
    const clip = cut(speech, 0.5, 6);
    const payload = history[7];
    const attacked = opusRoundTrip(embedWatermark(clip, payload, key), 32);
    expect(detectWatermark(attacked, [key], { knownPayloads: history }).payload).toBe(payload);
  });

  it('never names a known payload for a clip marked with an unknown one, nor for unmarked speech', () => {
    for (const start of [0, 2, 4]) {
      const clip = cut(speech, start, 3);
      const other = embedWatermark(clip, 'a0b1c2d3e4f50617', key);
      const result = detectWatermark(other, [key], { knownPayloads: history });
      expect([null, 'a0b1c2d3e4f50617']).toContain(result.payload);
      const unmarked = detectWatermark(clip, [key], { knownPayloads: history });
      expect(unmarked.watermarked).toBe(false);
      expect(unmarked.marks).toEqual([]);
    }
  });

  it('decodes blind first: a long clip reports the decoded method', () => {
    const payload = history[42];
    const result = detectWatermark(embedWatermark(speech, payload, key), [key], { knownPayloads: history });
    expect(result.payload).toBe(payload);
    expect(result.marks[0].method).toBe('decoded');
  });
});
