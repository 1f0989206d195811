import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oggCrc32 } from './crc';
import { parseFlacStreamInfo } from './flacFrames';
import { decodeAudioBytes, decodeAudioFile, encodeWav, type AudioFormat } from './index';
import { scanOggPages } from './oggPages';
import { decodeCode } from './testing/decodeCode';
import { bestCorrelation, chirp, pseudoRandomBytes, tone } from './testing/signals';
import { makeTempDir, requireTools, runTool } from './testing/tools';

/**
 * Real files made by Debian's encoders (sox, lame, flac, opusenc, oggenc) from a known stereo
 * signal: left a chirp, right a tone. The decoded mono must be their mean.
 */
const RATE = 44100;
const SECONDS = 3;
const temp = makeTempDir();
const left = chirp(RATE, SECONDS, 150, 6000, 0.5);
const right = tone(RATE, SECONDS, 440, 0.3);
const expectedMono = left.map((v, i) => (v + right[i]) / 2);

interface Sample {
  file: string;
  format: AudioFormat;
  sourceSampleRate: number;
  minCorrelation: number;
}

const SAMPLES: Sample[] = [
  { file: 'stereo.mp3', format: 'mp3', sourceSampleRate: RATE, minCorrelation: 0.99 },
  { file: 'stereo.flac', format: 'flac', sourceSampleRate: RATE, minCorrelation: 0.99999 },
  { file: 'stereo.oga', format: 'flac', sourceSampleRate: RATE, minCorrelation: 0.99999 },
  { file: 'stereo.opus', format: 'opus', sourceSampleRate: 48000, minCorrelation: 0.98 },
  { file: 'stereo.ogg', format: 'vorbis', sourceSampleRate: RATE, minCorrelation: 0.99 },
];

const bytesOf = (file: string) => new Uint8Array(readFileSync(temp.file(file)));

beforeAll(() => {
  requireTools('sox', 'lame', 'flac', 'opusenc', 'oggenc');
  writeFileSync(temp.file('left.wav'), encodeWav({ samples: left, sampleRate: RATE }, { bitDepth: 24 }));
  writeFileSync(temp.file('right.wav'), encodeWav({ samples: right, sampleRate: RATE }, { bitDepth: 24 }));
  const stereo = temp.file('stereo.wav');
  runTool('sox', ['-M', temp.file('left.wav'), temp.file('right.wav'), '-b', '16', stereo]);
  runTool('lame', ['--quiet', '-b', '192', stereo, temp.file('stereo.mp3')]);
  runTool('flac', ['-s', '-f', stereo, '-o', temp.file('stereo.flac')]);
  runTool('flac', ['-s', '-f', '--ogg', stereo, '-o', temp.file('stereo.oga')]);
  runTool('opusenc', ['--quiet', '--bitrate', '160', stereo, temp.file('stereo.opus')]);
  runTool('oggenc', ['-Q', '-q', '6', stereo, '-o', temp.file('stereo.ogg')]);
}, 60_000);

afterAll(() => temp.remove());

describe('decoding files made by Debian encoders', () => {
  it.each(SAMPLES)('$file: format, rate, channels, duration and waveform', async (sample) => {
    const decoded = await decodeAudioFile(temp.file(sample.file), { targetSampleRate: RATE });
    expect(decoded.format).toBe(sample.format);
    expect(decoded.sourceSampleRate).toBe(sample.sourceSampleRate);
    expect(decoded.channels).toBe(2);
    expect(decoded.durationSec).toBeCloseTo(SECONDS, 6);
    expect(decoded.clip.sampleRate).toBe(RATE);
    expect(decoded.clip.samples.length).toBe(RATE * SECONDS);
    const { lag, correlation } = bestCorrelation(expectedMono, decoded.clip.samples, 64);
    expect(lag).toBe(0);
    expect(correlation).toBeGreaterThan(sample.minCorrelation);
  });

  it('decodes 6-channel FLAC and Opus to the mean of the channels', async () => {
    // 5.1 order: FL FR FC LFE BL BR. Encoders band-limit the LFE channel, so it carries a low tone.
    const channels = [250, 420, 590, 60, 930, 1100].map((frequency, c) => tone(48000, 1, frequency, 0.1 + 0.05 * c));
    const mean = channels[0].map((_, i) => channels.reduce((sum, channel) => sum + channel[i], 0) / 6);
    const inputs = channels.map((samples, c) => {
      const path = temp.file(`ch${c}.wav`);
      writeFileSync(path, encodeWav({ samples, sampleRate: 48000 }, { bitDepth: 24 }));
      return path;
    });
    runTool('sox', ['-M', ...inputs, '-b', '16', temp.file('six.wav')]);
    runTool('flac', ['-s', '-f', temp.file('six.wav'), '-o', temp.file('six.flac')]);
    runTool('opusenc', ['--quiet', '--bitrate', '256', temp.file('six.wav'), temp.file('six.opus')]);
    for (const [file, minCorrelation] of [['six.flac', 0.9999], ['six.opus', 0.95]] as const) {
      const decoded = await decodeAudioFile(temp.file(file));
      expect(decoded.channels).toBe(6);
      expect(decoded.durationSec).toBeCloseTo(1, 6);
      expect(bestCorrelation(mean, decoded.clip.samples, 32)).toMatchObject({ lag: 0 });
      expect(bestCorrelation(mean, decoded.clip.samples, 0).correlation).toBeGreaterThan(minCorrelation);
    }
  });
});

describe('decoding damaged compressed files', () => {
  // truncation.test.ts cuts files of every encoder at many more points.
  it.each(SAMPLES)('$file truncated at 70 %: AUDIO_CORRUPT, not a partial decode', async (sample) => {
    const bytes = bytesOf(sample.file);
    expect(await decodeCode(bytes.subarray(0, Math.floor(bytes.length * 0.7)))).toBe('AUDIO_CORRUPT');
  });

  it.each(SAMPLES)('$file with a damaged region in the middle: no crash, keeps most of the audio', async (sample) => {
    const bytes = bytesOf(sample.file).slice();
    bytes.set(pseudoRandomBytes(700, 11), Math.floor(bytes.length * 0.45));
    const decoded = await decodeAudioBytes(bytes);
    expect(decoded.format).toBe(sample.format);
    expect(decoded.durationSec).toBeGreaterThan(SECONDS * 0.3);
    expect(decoded.durationSec).toBeLessThanOrEqual(SECONDS + 0.01);
    expect(decoded.clip.samples.every((v) => Number.isFinite(v) && Math.abs(v) <= 1.1)).toBe(true);
  });

  it('reports AUDIO_CORRUPT when only headers survive truncation', async () => {
    const flac = bytesOf('stereo.flac');
    expect(await decodeCode(flac.subarray(0, parseFlacStreamInfo(flac, 0).framesOffset + 100))).toBe('AUDIO_CORRUPT');
    expect(await decodeCode(flac.subarray(0, 30))).toBe('AUDIO_CORRUPT');
    for (const file of ['stereo.opus', 'stereo.ogg', 'stereo.oga']) {
      const ogg = bytesOf(file);
      const pages = [...scanOggPages(ogg)];
      // Opus and FLAC-in-Ogg have 2 header pages; Vorbis puts its 3 headers on 2 pages too.
      const headersEnd = pages[1].offset + pages[1].length;
      expect(await decodeCode(ogg.subarray(0, headersEnd + 200))).toBe('AUDIO_CORRUPT');
      expect(await decodeCode(ogg.subarray(0, 20))).toBe('AUDIO_CORRUPT');
    }
  });

  it.each([
    ['fLaC', 'stereo.flac', 4],
    ['FLAC STREAMINFO', 'stereo.flac', 42],
    ['OggS', 'stereo.opus', 4],
    ['an Opus BOS page', 'stereo.opus', 200],
    ['a Vorbis BOS page', 'stereo.ogg', 200],
  ])('reports AUDIO_CORRUPT for random bytes behind %s', async (_name, file, headBytes) => {
    const head = bytesOf(file).subarray(0, headBytes);
    for (let seed = 1; seed <= 4; seed++) {
      const bytes = pseudoRandomBytes(512 * 1024, seed * 31);
      bytes.set(head);
      expect(await decodeCode(bytes)).toBe('AUDIO_CORRUPT');
    }
  });

  it('reports AUDIO_UNSUPPORTED_FORMAT for an Ogg stream of another codec', async () => {
    const opus = bytesOf('stereo.opus').slice();
    const first = [...scanOggPages(opus)][0];
    opus.set(new TextEncoder().encode('Speex   '), first.bodyOffset);
    new DataView(opus.buffer).setUint32(22, oggCrc32(opus, 0, first.length, 22), true);
    const error = await decodeCode(opus);
    expect(error).toBe('AUDIO_UNSUPPORTED_FORMAT');
  });
});
