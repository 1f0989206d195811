import { LIMITS } from '../../../src-shared/limits';
import { StudioError, isStudioError } from '../../../src-shared/errors';
import { decodeFlac } from './flacDecode';
import { MonoSink } from './monoSink';
import { decodeMp3 } from './mp3Decode';
import { decodeOgg } from './oggDecode';
import { readInputFile } from './readInputFile';
import { sniffContainer } from './sniff';
import { isSupportedSampleRate, type AudioFormat, type DecodeOptions, type DecodedAudio } from './types';
import { decodeWav } from './wavDecode';

interface ResolvedOptions extends DecodeOptions {
  maxDurationSec: number;
  maxBytes: number;
}

function resolveOptions(options: DecodeOptions): ResolvedOptions {
  const maxDurationSec = options.maxDurationSec ?? LIMITS.maxCheckAudioSec;
  const maxBytes = options.maxBytes ?? LIMITS.maxCheckFileBytes;
  if (!(maxDurationSec > 0)) throw new RangeError('maxDurationSec must be positive');
  if (!(maxBytes > 0)) throw new RangeError('maxBytes must be positive');
  if (options.targetSampleRate !== undefined && !isSupportedSampleRate(options.targetSampleRate)) {
    throw new RangeError('targetSampleRate must be an integer within 4 kHz – 384 kHz');
  }
  return { ...options, maxDurationSec, maxBytes };
}

async function decodeContainer(bytes: Uint8Array, sink: MonoSink): Promise<{ format: AudioFormat; channels: number }> {
  const sniffed = sniffContainer(bytes);
  switch (sniffed.container) {
    case 'wav':
      return { format: 'wav', channels: await decodeWav(bytes, sink) };
    case 'flac':
      return { format: 'flac', channels: await decodeFlac(bytes, sniffed.start, sink) };
    case 'mp3':
      return { format: 'mp3', channels: await decodeMp3(bytes, sniffed.start, sink) };
    case 'ogg':
      return decodeOgg(bytes, sink);
  }
}

/**
 * Decodes a whole file held in memory: the format comes from magic bytes, the output is a mono
 * downmix (resampled when `targetSampleRate` is given). Every failure is a StudioError:
 * FILE_EMPTY, FILE_TOO_LARGE, AUDIO_UNSUPPORTED_FORMAT, AUDIO_CORRUPT, AUDIO_TOO_LONG, CANCELLED.
 * A truncated file, or one whose header claims more than it holds, is AUDIO_CORRUPT (never a
 * partial decode); damaged frames or pages inside a complete file are skipped.
 */
export async function decodeAudioBytes(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const resolved = resolveOptions(options);
  if (bytes.length === 0) throw new StudioError('FILE_EMPTY');
  if (bytes.length > resolved.maxBytes) throw new StudioError('FILE_TOO_LARGE', { details: { maxBytes: resolved.maxBytes } });
  if (resolved.signal?.aborted) throw new StudioError('CANCELLED');
  const sink = new MonoSink(resolved);
  try {
    const { format, channels } = await decodeContainer(bytes, sink);
    const { samples, sampleRate, sourceSampleRate, durationSec } = sink.finish();
    return { format, sourceSampleRate, channels, durationSec, clip: { samples, sampleRate } };
  } catch (error) {
    if (isStudioError(error)) throw error;
    // Out-of-range reads and similar on hostile bytes end up here: the file is damaged, not us.
    throw new StudioError('AUDIO_CORRUPT', { cause: error });
  }
}

/** Reads (with the file checks of core/files) and decodes a dropped file. */
export async function decodeAudioFile(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const resolved = resolveOptions(options);
  const bytes = await readInputFile(path, resolved.maxBytes);
  return decodeAudioBytes(bytes, resolved);
}
