import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { clipDurationSec, decodeAudioBytes, decodeAudioFile, encodeWav, type DecodeOptions } from './index';
import { pseudoRandomBytes, tone } from './testing/signals';
import { makeTempDir } from './testing/tools';
import { fmtChunk, interleave, riffWave, type RawChunk } from './testing/wavBuilder';

async function decodeError(bytes: Uint8Array, options?: DecodeOptions): Promise<StudioError> {
  try {
    await decodeAudioBytes(bytes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('expected the decode to fail');
}

function dataChunk(body: Uint8Array, claimedSize?: number): RawChunk {
  return { id: 'data', body, claimedSize };
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

const ramp = Float32Array.from({ length: 2000 }, (_, i) => Math.sin(i * 0.05) * 0.9);

describe('encodeWav', () => {
  it.each([
    [16, 1, 2],
    [24, 1, 3],
    [32, 3, 4],
  ] as const)('writes a canonical RIFF header for %i-bit', (bitDepth, formatTag, bytesPerSample) => {
    const bytes = encodeWav({ samples: ramp, sampleRate: 22050 }, { bitDepth });
    const view = new DataView(bytes.buffer);
    const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
    expect(text(0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(text(8)).toBe('WAVE');
    expect(text(12)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(formatTag);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(22050);
    expect(view.getUint32(28, true)).toBe(22050 * bytesPerSample);
    expect(view.getUint16(32, true)).toBe(bytesPerSample);
    expect(view.getUint16(34, true)).toBe(bitDepth);
    expect(text(36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(ramp.length * bytesPerSample);
  });

  it('pads an odd-sized data chunk to an even length', () => {
    const bytes = encodeWav({ samples: new Float32Array(3), sampleRate: 8000 }, { bitDepth: 24 });
    expect(bytes.length).toBe(44 + 9 + 1);
    expect(new DataView(bytes.buffer).getUint32(40, true)).toBe(9);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
  });

  it('round-trips 16-bit within the quantisation step (dithered and plain)', async () => {
    const lsb = 1 / 32768;
    const plain = await decodeAudioBytes(encodeWav({ samples: ramp, sampleRate: 16000 }, { dither: false }));
    expect(maxAbsDifference(plain.clip.samples, ramp)).toBeLessThanOrEqual(0.5 * lsb + 1e-9);
    const dithered = await decodeAudioBytes(encodeWav({ samples: ramp, sampleRate: 16000 }));
    const error = maxAbsDifference(dithered.clip.samples, ramp);
    expect(error).toBeLessThan(1.5 * lsb);
    expect(error).toBeGreaterThan(0.5 * lsb); // the dither is really there
    expect(dithered.format).toBe('wav');
    expect(dithered.clip.sampleRate).toBe(16000);
  });

  it('round-trips 24-bit within half a step and float32 exactly', async () => {
    const decoded24 = await decodeAudioBytes(encodeWav({ samples: ramp, sampleRate: 48000 }, { bitDepth: 24 }));
    expect(maxAbsDifference(decoded24.clip.samples, ramp)).toBeLessThanOrEqual(0.5 / 8388608 + 1e-9);
    const decoded32 = await decodeAudioBytes(encodeWav({ samples: ramp, sampleRate: 48000 }, { bitDepth: 32 }));
    expect(decoded32.clip.samples).toEqual(ramp);
  });

  it('is deterministic, clamps overs and silences NaN/Infinity', async () => {
    const clip = { samples: new Float32Array([1.5, -2, NaN, Infinity, -Infinity, 1, -1, 0.25]), sampleRate: 8000 };
    expect(encodeWav(clip)).toEqual(encodeWav(clip));
    const plain = new DataView(encodeWav(clip, { dither: false }).buffer);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => plain.getInt16(44 + 2 * i, true))).toEqual([32767, -32768, 0, 0, 0, 32767, -32768, 8192]);
    const float = await decodeAudioBytes(encodeWav(clip, { bitDepth: 32 }));
    expect(Array.from(float.clip.samples)).toEqual([1, -1, 0, 0, 0, 1, -1, 0.25]);
  });

  it('agrees with clipDurationSec on what it wrote', async () => {
    const clip = { samples: new Float32Array(33075), sampleRate: 22050 };
    expect(clipDurationSec(clip)).toBe(1.5);
    expect((await decodeAudioBytes(encodeWav(clip))).durationSec).toBe(clipDurationSec(clip));
    expect(clipDurationSec({ samples: new Float32Array(0), sampleRate: 16000 })).toBe(0);
  });

  it('refuses an unsupported bit depth or sample rate', () => {
    expect(() => encodeWav({ samples: ramp, sampleRate: 22050 }, { bitDepth: 8 as 16 })).toThrow(RangeError);
    expect(() => encodeWav({ samples: ramp, sampleRate: 100 })).toThrow(RangeError);
  });
});

describe('decoding WAV', () => {
  const left = tone(8000, 0.25, 440, 0.6);
  const right = tone(8000, 0.25, 660, 0.3);
  const average = left.map((v, i) => (v + right[i]) / 2);

  it.each([
    ['u8', 1, 8, 1 / 128],
    ['i16', 1, 16, 1 / 32768],
    ['i24', 1, 24, 1 / 8388608],
    ['i32', 1, 32, 1e-7],
    ['f32', 3, 32, 1e-7],
    ['f64', 3, 64, 1e-7],
  ] as const)('decodes %s stereo and downmixes to the mean', async (kind, formatTag, bits, tolerance) => {
    const bytes = riffWave([fmtChunk({ formatTag, channels: 2, sampleRate: 8000, bitsPerSample: bits }), dataChunk(interleave([left, right], kind))]);
    const decoded = await decodeAudioBytes(bytes);
    expect(decoded).toMatchObject({ format: 'wav', channels: 2, sourceSampleRate: 8000, durationSec: 0.25 });
    expect(maxAbsDifference(decoded.clip.samples, average)).toBeLessThanOrEqual(tolerance);
  });

  it('decodes WAVE_FORMAT_EXTENSIBLE (24 bits in 32-bit containers, and float) with many channels', async () => {
    const channels = [0, 1, 2, 3, 4, 5].map((c) => tone(48000, 0.1, 300 + 100 * c, 0.1 + 0.1 * c));
    const mean = channels[0].map((_, i) => channels.reduce((sum, channel) => sum + channel[i], 0) / 6);
    const pcm = riffWave([
      fmtChunk({ formatTag: 0xfffe, channels: 6, sampleRate: 48000, bitsPerSample: 32, extensible: { subFormat: 1, validBits: 24, channelMask: 0x3f } }),
      dataChunk(interleave(channels, 'i32')),
    ]);
    const decodedPcm = await decodeAudioBytes(pcm);
    expect(decodedPcm.channels).toBe(6);
    expect(maxAbsDifference(decodedPcm.clip.samples, mean)).toBeLessThan(1e-6);
    const float = riffWave([
      fmtChunk({ formatTag: 0xfffe, channels: 6, sampleRate: 48000, bitsPerSample: 32, extensible: { subFormat: 3, validBits: 32, channelMask: 0x3f } }),
      dataChunk(interleave(channels, 'f32')),
    ]);
    expect(maxAbsDifference((await decodeAudioBytes(float)).clip.samples, mean)).toBeLessThan(1e-6);
  });

  it('skips odd-sized chunks (with their pad byte) and accepts fmt after data', async () => {
    const samples = interleave([left], 'i16');
    const withList = riffWave([
      { id: 'LIST', body: new Uint8Array([1, 2, 3]) },
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }),
      { id: 'junk', body: new Uint8Array(7) },
      dataChunk(samples),
    ]);
    expect((await decodeAudioBytes(withList)).clip.samples.length).toBe(left.length);
    const fmtLast = riffWave([dataChunk(samples), fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 })]);
    expect((await decodeAudioBytes(fmtLast)).clip.samples.length).toBe(left.length);
  });

  it('refuses a data chunk or RIFF header claiming more than the file holds (4 GB, or a few bytes)', async () => {
    const body = interleave([left, right], 'i16');
    const fmt = fmtChunk({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16 });
    const claims4Gb = riffWave([fmt, dataChunk(body, 0xffffffff)], { claimedRiffSize: 0xffffffff });
    expect((await decodeError(claims4Gb)).code).toBe('AUDIO_CORRUPT');
    const dataShort = riffWave([fmt, dataChunk(body, body.length + 4)]);
    expect((await decodeError(dataShort)).code).toBe('AUDIO_CORRUPT');
    const riffShort = riffWave([fmt, dataChunk(body)]);
    new DataView(riffShort.buffer).setUint32(4, riffShort.length - 8 + 2, true);
    expect((await decodeError(riffShort)).code).toBe('AUDIO_CORRUPT');
  });

  it('reads RF64 sizes (0xFFFFFFFF by design) from the ds64 chunk, and refuses RF64 that claims more than it holds', async () => {
    const body = interleave([left, right], 'i16');
    const rf64 = (dataSize: number, riffSize: number) => {
      const ds64 = new Uint8Array(28);
      const view = new DataView(ds64.buffer);
      view.setUint32(0, riffSize, true);
      view.setUint32(8, dataSize, true);
      view.setUint32(16, dataSize / 4, true); // sample count
      return riffWave([{ id: 'ds64', body: ds64 }, fmtChunk({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16 }), dataChunk(body, 0xffffffff)], {
        riffId: 'RF64',
        claimedRiffSize: 0xffffffff,
      });
    };
    const riffSize = 4 + 36 + 24 + 8 + body.length;
    const decoded = await decodeAudioBytes(rf64(body.length, riffSize));
    expect(decoded.clip.samples.length).toBe(left.length);
    expect(maxAbsDifference(decoded.clip.samples, average)).toBeLessThan(1e-4);
    expect((await decodeError(rf64(body.length + 4000, riffSize + 4000))).code).toBe('AUDIO_CORRUPT');
    expect((await decodeError(rf64(body.length, riffSize + 4000))).code).toBe('AUDIO_CORRUPT');
    const withoutDs64 = riffWave([fmtChunk({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16 }), dataChunk(body, 0xffffffff)], { riffId: 'RF64' });
    expect((await decodeError(withoutDs64)).code).toBe('AUDIO_CORRUPT');
  });

  it.each([
    ['a data chunk that claims 4 GB but holds nothing', riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }), dataChunk(new Uint8Array(0), 0xffffffff)])],
    ['less than one frame of data', riffWave([fmtChunk({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 24 }), dataChunk(new Uint8Array(5))])],
    ['zero channels', riffWave([fmtChunk({ formatTag: 1, channels: 0, sampleRate: 8000, bitsPerSample: 16, blockAlign: 2 }), dataChunk(new Uint8Array(64))])],
    ['65535 channels', riffWave([fmtChunk({ formatTag: 1, channels: 65535, sampleRate: 8000, bitsPerSample: 16, blockAlign: 2 }), dataChunk(new Uint8Array(64))])],
    ['zero bits per sample', riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 0, blockAlign: 2 }), dataChunk(new Uint8Array(64))])],
    ['48-bit integer samples', riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 48 }), dataChunk(new Uint8Array(60))])],
    ['16-bit float', riffWave([fmtChunk({ formatTag: 3, channels: 1, sampleRate: 8000, bitsPerSample: 16 }), dataChunk(new Uint8Array(64))])],
    ['no data chunk', riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 })])],
    ['no fmt chunk', riffWave([dataChunk(new Uint8Array(64))])],
    ['a truncated fmt chunk', riffWave([{ id: 'fmt ', body: new Uint8Array(8) }, dataChunk(new Uint8Array(64))])],
    ['only the RIFF header', riffWave([])],
  ])('reports AUDIO_CORRUPT for %s', async (_name, bytes) => {
    expect((await decodeError(bytes)).code).toBe('AUDIO_CORRUPT');
  });

  it.each([
    ['ADPCM', riffWave([fmtChunk({ formatTag: 2, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign: 256 }), dataChunk(new Uint8Array(256))])],
    ['MP3 in WAV', riffWave([fmtChunk({ formatTag: 0x55, channels: 1, sampleRate: 8000, bitsPerSample: 0, blockAlign: 1 }), dataChunk(new Uint8Array(256))])],
    ['an unknown extensible sub-format', (() => {
      const chunk = fmtChunk({ formatTag: 0xfffe, channels: 1, sampleRate: 8000, bitsPerSample: 16, extensible: { subFormat: 1, validBits: 16, channelMask: 4 } });
      chunk.body[30] = 0x42; // corrupt the GUID tail
      return riffWave([chunk, dataChunk(new Uint8Array(64))]);
    })()],
  ])('reports AUDIO_UNSUPPORTED_FORMAT for %s', async (_name, bytes) => {
    expect((await decodeError(bytes)).code).toBe('AUDIO_UNSUPPORTED_FORMAT');
  });

  it('accepts 4 kHz and 384 kHz and refuses rates outside that range', async () => {
    const make = (sampleRate: number) => riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate, bitsPerSample: 16 }), dataChunk(new Uint8Array(800))]);
    expect((await decodeAudioBytes(make(4000))).sourceSampleRate).toBe(4000);
    expect((await decodeAudioBytes(make(384000))).sourceSampleRate).toBe(384000);
    for (const rate of [0, 1, 3999, 384001, 0xffffffff]) {
      const error = await decodeError(make(rate));
      expect(error.code).toBe('AUDIO_UNSUPPORTED_FORMAT');
      expect(error.details).toEqual({ reason: 'sample_rate' });
    }
  });

  it('turns NaN and Infinity into silence and clamps huge floats', async () => {
    const values = new Float32Array([NaN, Infinity, -Infinity, 1e30, -1e30, 0.5, 3.4e38, -0.25]);
    const bytes = riffWave([fmtChunk({ formatTag: 3, channels: 1, sampleRate: 8000, bitsPerSample: 32 }), dataChunk(interleave([values], 'f32'))]);
    const decoded = await decodeAudioBytes(bytes);
    expect(Array.from(decoded.clip.samples)).toEqual([0, 0, 0, 1, -1, 0.5, 1, -0.25]);
    const doubles = riffWave([fmtChunk({ formatTag: 3, channels: 2, sampleRate: 8000, bitsPerSample: 64 }), dataChunk(interleave([new Float32Array([NaN, 0.5]), new Float32Array([0.5, Infinity])], 'f64'))]);
    expect(Array.from((await decodeAudioBytes(doubles)).clip.samples)).toEqual([0.25, 0.25]);
  });

  it('gives a typed error (never a crash) for random bytes behind a valid RIFF/WAVE header', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = pseudoRandomBytes(4096, seed);
      bytes.set([0x52, 0x49, 0x46, 0x46], 0);
      bytes.set([0x57, 0x41, 0x56, 0x45], 8);
      // Plant a fmt chunk header half of the time so that the chunk walk gets further.
      if (seed % 2 === 0) bytes.set([0x66, 0x6d, 0x74, 0x20, 16, 0, 0, 0], 12);
      try {
        const decoded = await decodeAudioBytes(bytes);
        expect(decoded.clip.samples.every((v) => Math.abs(v) <= 1)).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(StudioError);
        expect(['AUDIO_CORRUPT', 'AUDIO_UNSUPPORTED_FORMAT']).toContain((error as StudioError).code);
      }
    }
  });

  it('stops with AUDIO_TOO_LONG past maxDurationSec, before decoding', async () => {
    const bytes = encodeWav({ samples: new Float32Array(16000 * 2), sampleRate: 16000 });
    expect((await decodeError(bytes, { maxDurationSec: 1.5 })).code).toBe('AUDIO_TOO_LONG');
    expect((await decodeAudioBytes(bytes, { maxDurationSec: 2 })).durationSec).toBe(2);
  });

  it('reads a Node Buffer that is a view into a larger pool', async () => {
    const wav = encodeWav({ samples: ramp, sampleRate: 16000 }, { bitDepth: 32 });
    const pooled = Buffer.concat([Buffer.alloc(3), Buffer.from(wav)]).subarray(3);
    expect(pooled.byteOffset).toBeGreaterThan(0);
    expect((await decodeAudioBytes(pooled)).clip.samples).toEqual(ramp);
  });

  it('resamples to targetSampleRate', async () => {
    const decoded = await decodeAudioBytes(encodeWav({ samples: tone(8000, 1, 1000), sampleRate: 8000 }), { targetSampleRate: 22050 });
    expect(decoded.sourceSampleRate).toBe(8000);
    expect(decoded.clip.sampleRate).toBe(22050);
    expect(decoded.clip.samples.length).toBe(22050);
    expect(decoded.durationSec).toBe(1);
  });

  it('honours an AbortSignal and rejects nonsensical options', async () => {
    const bytes = encodeWav({ samples: new Float32Array(8000), sampleRate: 8000 });
    const aborted = new AbortController();
    aborted.abort();
    expect((await decodeError(bytes, { signal: aborted.signal })).code).toBe('CANCELLED');
    await expect(decodeAudioBytes(bytes, { targetSampleRate: 1000 })).rejects.toThrow(RangeError);
    await expect(decodeAudioBytes(bytes, { maxDurationSec: 0 })).rejects.toThrow(RangeError);
  });
});

describe('reading dropped files', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  async function fileError(path: string, options?: DecodeOptions): Promise<string> {
    try {
      await decodeAudioFile(path, options);
    } catch (error) {
      expect(error).toBeInstanceOf(StudioError);
      return (error as StudioError).code;
    }
    throw new Error('expected the decode to fail');
  }

  it('decodes a WAV from disk', async () => {
    const path = temp.file('ok.wav');
    writeFileSync(path, encodeWav({ samples: tone(16000, 0.5, 440), sampleRate: 16000 }));
    const decoded = await decodeAudioFile(path);
    expect(decoded).toMatchObject({ format: 'wav', sourceSampleRate: 16000, channels: 1, durationSec: 0.5 });
  });

  it('sniffs the content, not the extension', async () => {
    const text = temp.file('notes.wav');
    writeFileSync(text, 'These are my notes, not audio.\n'.repeat(20));
    expect(await fileError(text)).toBe('AUDIO_UNSUPPORTED_FORMAT');
    const wavNamedMp3 = temp.file('actually-wav.mp3');
    writeFileSync(wavNamedMp3, encodeWav({ samples: tone(16000, 0.1, 440), sampleRate: 16000 }));
    expect((await decodeAudioFile(wavNamedMp3)).format).toBe('wav');
  });

  it('maps file problems to FILE_* codes', async () => {
    expect(await fileError(temp.file('missing.wav'))).toBe('FILE_NOT_FOUND');
    const folder = temp.file('folder.wav');
    mkdirSync(folder);
    expect(await fileError(folder)).toBe('FILE_NOT_REGULAR');
    const empty = temp.file('empty.wav');
    writeFileSync(empty, new Uint8Array(0));
    expect(await fileError(empty)).toBe('FILE_EMPTY');
    const big = temp.file('big.wav');
    writeFileSync(big, encodeWav({ samples: new Float32Array(4000), sampleRate: 8000 }));
    expect(await fileError(big, { maxBytes: 1000 })).toBe('FILE_TOO_LARGE');
  });

  it('applies the same size rules to bytes', async () => {
    expect((await decodeError(new Uint8Array(0))).code).toBe('FILE_EMPTY');
    expect((await decodeError(new Uint8Array(2000), { maxBytes: 1000 })).code).toBe('FILE_TOO_LARGE');
  });
});
