import { quantizeSample, sanitizeSample } from './pcm';
import { isSupportedSampleRate, type PcmClip } from './types';

export type WavBitDepth = 16 | 24 | 32;

export interface WavEncodeOptions {
  /** 16 or 24-bit integer PCM, or 32 = IEEE float. Default 16. */
  bitDepth?: WavBitDepth;
  /**
   * 16-bit only: add triangular (TPDF) dither of ±1 LSB before rounding, from a fixed-seed generator
   * so the same clip always gives the same bytes. Default true.
   */
  dither?: boolean;
}

const RIFF_HEADER_BYTES = 12;
const FMT_CHUNK_BYTES = 8 + 16;
const DATA_HEADER_BYTES = 8;
const HEADER_BYTES = RIFF_HEADER_BYTES + FMT_CHUNK_BYTES + DATA_HEADER_BYTES;
const FORMAT_PCM = 1;
const FORMAT_IEEE_FLOAT = 3;

/** Deterministic xorshift32 in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

/** A mono RIFF/WAVE file (canonical 44-byte header). */
export function encodeWav(clip: PcmClip, options: WavEncodeOptions = {}): Uint8Array {
  const bitDepth = options.bitDepth ?? 16;
  if (bitDepth !== 16 && bitDepth !== 24 && bitDepth !== 32) throw new RangeError('bitDepth must be 16, 24 or 32');
  if (!isSupportedSampleRate(clip.sampleRate)) throw new RangeError('sampleRate is outside 4 kHz – 384 kHz');
  const bytesPerSample = bitDepth / 8;
  const dataBytes = clip.samples.length * bytesPerSample;
  // The RIFF size field is 32-bit and data chunks are padded to an even size.
  const paddedDataBytes = dataBytes + (dataBytes % 2);
  if (HEADER_BYTES - 8 + paddedDataBytes > 0xffffffff) throw new RangeError('clip is too long for a WAV file');

  const bytes = new Uint8Array(HEADER_BYTES + paddedDataBytes);
  const view = new DataView(bytes.buffer);
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, HEADER_BYTES - 8 + paddedDataBytes, true);
  writeAscii(view, 8, 'WAVE');
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, bitDepth === 32 ? FORMAT_IEEE_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, clip.sampleRate, true);
  view.setUint32(28, clip.sampleRate * bytesPerSample, true);
  view.setUint16(32, bytesPerSample, true);
  view.setUint16(34, bitDepth, true);
  writeAscii(view, 36, 'data');
  view.setUint32(40, dataBytes, true);

  const samples = clip.samples;
  let offset = HEADER_BYTES;
  if (bitDepth === 32) {
    for (let i = 0; i < samples.length; i++, offset += 4) view.setFloat32(offset, sanitizeSample(samples[i]), true);
  } else if (bitDepth === 24) {
    for (let i = 0; i < samples.length; i++, offset += 3) {
      const value = quantizeSample(samples[i], 24);
      bytes[offset] = value & 0xff;
      bytes[offset + 1] = (value >> 8) & 0xff;
      bytes[offset + 2] = (value >> 16) & 0xff;
    }
  } else {
    const random = options.dither === false ? null : seededRandom(0x9e3779b9);
    for (let i = 0; i < samples.length; i++, offset += 2) {
      const dither = random ? random() - random() : 0;
      view.setInt16(offset, quantizeSample(samples[i], 16, dither), true);
    }
  }
  return bytes;
}
