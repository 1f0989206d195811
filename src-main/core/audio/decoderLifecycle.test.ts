import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { decodeAudioBytes, type DecodeOptions } from './index';
import { makeTempDir, requireTools, runTool } from './testing/tools';

/** Every wasm decoder the module creates must be freed, however the decode ends. */
const counts = vi.hoisted(() => ({ created: 0, freed: 0 }));

vi.mock('mpg123-decoder', async (importOriginal) => {
  const original = await importOriginal<typeof import('mpg123-decoder')>();
  const { countingDecoder } = await import('./testing/countingDecoder');
  return { ...original, MPEGDecoder: countingDecoder(original.MPEGDecoder, counts) };
});
vi.mock('@wasm-audio-decoders/flac', async (importOriginal) => {
  const original = await importOriginal<typeof import('@wasm-audio-decoders/flac')>();
  const { countingDecoder } = await import('./testing/countingDecoder');
  return { ...original, FLACDecoder: countingDecoder(original.FLACDecoder, counts) };
});
vi.mock('ogg-opus-decoder', async (importOriginal) => {
  const original = await importOriginal<typeof import('ogg-opus-decoder')>();
  const { countingDecoder } = await import('./testing/countingDecoder');
  return { ...original, OggOpusDecoder: countingDecoder(original.OggOpusDecoder, counts) };
});
vi.mock('@wasm-audio-decoders/ogg-vorbis', async (importOriginal) => {
  const original = await importOriginal<typeof import('@wasm-audio-decoders/ogg-vorbis')>();
  const { countingDecoder } = await import('./testing/countingDecoder');
  return { ...original, OggVorbisDecoder: countingDecoder(original.OggVorbisDecoder, counts) };
});

const temp = makeTempDir();
const FILES = ['long.mp3', 'long.flac', 'long.opus', 'long.ogg'];

beforeAll(() => {
  requireTools('sox', 'lame', 'flac', 'opusenc', 'oggenc');
  const wav = temp.file('long.wav');
  runTool('sox', ['-n', '-r', '44100', '-c', '2', '-b', '16', wav, 'synth', '20', 'sine', '200-2000', 'sine', '300']);
  runTool('lame', ['--quiet', '-b', '128', wav, temp.file('long.mp3')]);
  runTool('flac', ['-s', '-f', wav, '-o', temp.file('long.flac')]);
  runTool('opusenc', ['--quiet', wav, temp.file('long.opus')]);
  runTool('oggenc', ['-Q', wav, '-o', temp.file('long.ogg')]);
}, 60_000);

afterAll(() => temp.remove());

beforeEach(() => {
  counts.created = 0;
  counts.freed = 0;
});

async function outcome(bytes: Uint8Array, options?: DecodeOptions): Promise<string> {
  try {
    await decodeAudioBytes(bytes, options);
    return 'OK';
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).code;
  }
}

/** A signal that reports "aborted" from its n-th check on, i.e. in the middle of a decode. */
function abortAfterChecks(n: number): AbortSignal {
  let checks = 0;
  return { get aborted() { return ++checks >= n; } } as AbortSignal;
}

describe.each(FILES)('%s', (file) => {
  const bytes = () => new Uint8Array(readFileSync(temp.file(file)));

  it('frees the decoder after a full decode', async () => {
    expect(await outcome(bytes())).toBe('OK');
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.freed).toBe(counts.created);
  });

  it('frees the decoder when the duration limit stops the decode midway', async () => {
    expect(await outcome(bytes(), { maxDurationSec: 5 })).toBe('AUDIO_TOO_LONG');
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.freed).toBe(counts.created);
  });

  it('frees the decoder when the decode is cancelled midway', async () => {
    expect(await outcome(bytes(), { signal: abortAfterChecks(4) })).toBe('CANCELLED');
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.freed).toBe(counts.created);
  });

  it('frees the decoder when the file is damaged inside', async () => {
    const damaged = bytes().slice();
    damaged.fill(0x55, 5000, 9000);
    expect(await outcome(damaged)).toBe('OK');
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.freed).toBe(counts.created);
  });

  it('frees the decoder when the file turns out to be truncated', async () => {
    // MP3 is refused before a decoder exists; FLAC and Ogg find the cut while decoding.
    const all = bytes();
    expect(await outcome(all.subarray(0, Math.floor(all.length * 0.6)))).toBe('AUDIO_CORRUPT');
    expect(counts.freed).toBe(counts.created);
  });
});
