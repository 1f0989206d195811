import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioBytes, encodeMp3, resample } from './index';
import { parseMpegHeader, scanMpegFrames } from './mpegFrames';
import { concatBytes } from './testing/bytes';
import { decodeCode } from './testing/decodeCode';
import { bestCorrelation, chirp, pseudoRandomBytes } from './testing/signals';
import { makeTempDir, requireTools, runTool } from './testing/tools';

function id3v2Tag(bodyBytes: number): Uint8Array {
  const tag = new Uint8Array(10 + bodyBytes);
  tag.set([0x49, 0x44, 0x33, 3, 0, 0], 0);
  tag.set([(bodyBytes >> 21) & 0x7f, (bodyBytes >> 14) & 0x7f, (bodyBytes >> 7) & 0x7f, bodyBytes & 0x7f], 6);
  tag.set(new TextEncoder().encode('TIT2 fake frame'), 10);
  return tag;
}

describe('encodeMp3', () => {
  it.each([22050, 44100, 16000, 24000, 8000, 48000])('round-trips %i Hz mono with exact length and alignment', async (sampleRate) => {
    const samples = chirp(sampleRate, 1, 100, Math.min(5000, sampleRate * 0.35));
    const mp3 = encodeMp3({ samples, sampleRate });
    const decoded = await decodeAudioBytes(mp3);
    expect(decoded).toMatchObject({ format: 'mp3', sourceSampleRate: sampleRate, channels: 1 });
    // The LAME tag makes the decoder drop encoder delay and padding: same length, no lag.
    expect(decoded.clip.samples.length).toBe(samples.length);
    const { lag, correlation } = bestCorrelation(samples, decoded.clip.samples, 300);
    expect(lag).toBe(0);
    expect(correlation).toBeGreaterThan(0.98);
  });

  it('starts with an Info frame carrying a LAME tag of the right frame count, delay and padding', () => {
    const samples = chirp(22050, 1, 200, 3000);
    const mp3 = encodeMp3({ samples, sampleRate: 22050 });
    const frames = [...scanMpegFrames(mp3, 0)];
    const tag = mp3.subarray(4 + 9); // MPEG-2 mono: 9 bytes of side info
    expect(String.fromCharCode(...tag.subarray(0, 4))).toBe('Info');
    const view = new DataView(tag.buffer, tag.byteOffset);
    expect(view.getUint32(8, false)).toBe(frames.length - 1);
    expect(view.getUint32(12, false)).toBe(mp3.length);
    expect(String.fromCharCode(...tag.subarray(120, 129))).toBe('LAME3.100');
    const delay = (tag[141] << 4) | (tag[142] >> 4);
    const padding = ((tag[142] & 0x0f) << 8) | tag[143];
    expect(delay).toBe(576);
    expect((frames.length - 1) * 576 - delay - padding).toBe(samples.length);
  });

  it('snaps the bitrate to what the MPEG version allows and defaults sensibly', () => {
    const clip = { samples: chirp(22050, 0.5, 200, 3000), sampleRate: 22050 };
    const audioBitrate = (bytes: Uint8Array) => [...scanMpegFrames(bytes, 0)][1].header.bitrateKbps;
    expect(audioBitrate(encodeMp3(clip))).toBe(64);
    expect(audioBitrate(encodeMp3(clip, { kbps: 100 }))).toBe(96);
    expect(audioBitrate(encodeMp3(clip, { kbps: 1000 }))).toBe(160);
    expect(audioBitrate(encodeMp3({ samples: chirp(44100, 0.5, 200, 3000), sampleRate: 44100 }))).toBe(128);
  });

  it('resamples a rate MPEG cannot carry to the nearest one that it can', async () => {
    const samples = chirp(20000, 1, 200, 4000);
    const decoded = await decodeAudioBytes(encodeMp3({ samples, sampleRate: 20000 }));
    expect(decoded.sourceSampleRate).toBe(22050);
    expect(decoded.durationSec).toBeCloseTo(1, 3);
    const { lag, correlation } = bestCorrelation(resample(samples, 20000, 22050), decoded.clip.samples, 200);
    expect(lag).toBe(0);
    expect(correlation).toBeGreaterThan(0.98);
  });

  it('refuses a sample rate outside 4 kHz – 384 kHz', () => {
    expect(() => encodeMp3({ samples: new Float32Array(10), sampleRate: 1000 })).toThrow(RangeError);
  });

  describe('read by an independent decoder (ffmpeg)', () => {
    const temp = makeTempDir();
    beforeAll(() => requireTools('ffmpeg'));
    afterAll(() => temp.remove());

    it('honours the LAME tag: ffmpeg decodes exactly the encoded samples', () => {
      const samples = chirp(24000, 1.2, 100, 4000);
      const path = temp.file('ours.mp3');
      writeFileSync(path, encodeMp3({ samples, sampleRate: 24000 }));
      const pcm = runTool('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-ac', '1', '-']);
      const decoded = new Float32Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 4);
      expect(decoded.length).toBe(samples.length);
      expect(bestCorrelation(samples, decoded, 600)).toMatchObject({ lag: 0 });
    });
  });
});

describe('decoding damaged MP3', () => {
  const samples = chirp(22050, 3, 100, 5000);
  const mp3 = encodeMp3({ samples, sampleRate: 22050 });

  it('refuses a truncated file as AUDIO_CORRUPT, even cut at a frame boundary (our Info tag counts the frames)', async () => {
    const frames = [...scanMpegFrames(mp3, 0)];
    expect(await decodeCode(mp3.subarray(0, Math.floor(mp3.length / 2)))).toBe('AUDIO_CORRUPT');
    expect(await decodeCode(mp3.subarray(0, frames[frames.length - 1].offset))).toBe('AUDIO_CORRUPT');
    // The Info frame plus a partial frame: no audio at all.
    expect(await decodeCode(mp3.subarray(0, frames[1].offset + 50))).toBe('AUDIO_CORRUPT');
    // Too short to say what it is.
    expect(await decodeCode(mp3.subarray(0, 3))).toBe('AUDIO_UNSUPPORTED_FORMAT');
  });

  it('skips a damaged region and keeps decoding after it', async () => {
    const damaged = mp3.slice();
    damaged.set(pseudoRandomBytes(3000, 7), Math.floor(mp3.length / 2));
    const decoded = await decodeAudioBytes(damaged);
    expect(decoded.durationSec).toBeGreaterThan(2.2);
    expect(decoded.durationSec).toBeLessThanOrEqual(3);
  });

  it('reports AUDIO_CORRUPT for random bytes behind a valid frame header', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const bytes = pseudoRandomBytes(256 * 1024, seed);
      bytes.set(mp3.subarray(0, 4));
      expect(await decodeCode(bytes)).toBe('AUDIO_CORRUPT');
    }
  });

  it('skips ID3v2 tags in front; a tag with no audio behind it is AUDIO_CORRUPT', async () => {
    const tagged = concatBytes(id3v2Tag(300), id3v2Tag(20), mp3);
    const decoded = await decodeAudioBytes(tagged);
    expect(decoded.format).toBe('mp3');
    expect(decoded.clip.samples.length).toBe(samples.length);
    expect(await decodeCode(id3v2Tag(300))).toBe('AUDIO_CORRUPT');
    expect(await decodeCode(concatBytes(id3v2Tag(30), pseudoRandomBytes(5000, 3)))).toBe('AUDIO_CORRUPT');
  });

  it('only accepts Layer III frame headers', () => {
    const layer2 = new Uint8Array([0xff, 0xfd, 0x90, 0x00]);
    expect(parseMpegHeader(layer2, 0)).toBeNull();
    expect(parseMpegHeader(mp3, 0)).toMatchObject({ version: 2, sampleRate: 22050, channels: 1 });
  });
});
