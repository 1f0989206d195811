import { Mp3Encoder } from '@breezystack/lamejs';
import { quantizeSample } from './pcm';
import { resample } from './resample';
import { isSupportedSampleRate, type PcmClip } from './types';
import { scanMpegFrames, type MpegFrameHeader } from './mpegFrames';

export interface Mp3EncodeOptions {
  /** Constant bitrate; snapped to the nearest bitrate the chosen MPEG version allows. */
  kbps?: number;
}

interface MpegVersionInfo {
  rates: readonly number[];
  bitrates: readonly number[];
  defaultKbps: number;
  versionBits: number;
}

const MPEG_VERSIONS: readonly MpegVersionInfo[] = [
  { rates: [32000, 44100, 48000], bitrates: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], defaultKbps: 128, versionBits: 3 },
  { rates: [16000, 22050, 24000], bitrates: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], defaultKbps: 64, versionBits: 2 },
  { rates: [8000, 11025, 12000], bitrates: [8, 16, 24, 32, 40, 48, 56, 64], defaultKbps: 32, versionBits: 0 },
];

/** LAME's encoder delay in samples (lamejs ENCDELAY); decoders add their own and remove both given a LAME tag. */
const ENCODER_DELAY = 576;
const SAMPLES_PER_CHUNK = 1152 * 16;

function nearest(values: readonly number[], target: number): number {
  return values.reduce((best, value) => (Math.abs(value - target) < Math.abs(best - target) ? value : best));
}

function versionFor(rate: number): MpegVersionInfo {
  return MPEG_VERSIONS.find((version) => version.rates.includes(rate)) as MpegVersionInfo;
}

function lameEncode(samples: Float32Array, sampleRate: number, kbps: number): Uint8Array[] {
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const chunks: Uint8Array[] = [];
  const block = new Int16Array(SAMPLES_PER_CHUNK);
  for (let start = 0; start < samples.length; start += SAMPLES_PER_CHUNK) {
    const count = Math.min(SAMPLES_PER_CHUNK, samples.length - start);
    for (let i = 0; i < count; i++) block[i] = quantizeSample(samples[start + i], 16);
    chunks.push(toBytes(encoder.encodeBuffer(block.subarray(0, count))));
  }
  chunks.push(toBytes(encoder.flush()));
  return chunks;
}

/** lamejs hands back Int8Arrays despite its typings. */
function toBytes(chunk: ArrayBufferView): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** CRC-16/ARC (reflected 0x8005), which the LAME tag uses for its own checksum. */
function crc16Arc(bytes: Uint8Array, end: number): number {
  let crc = 0;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i];
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const INFO_TAG_BYTES = 156;

/**
 * A silent "Info" frame carrying the LAME tag (frame count, encoder delay and padding), which lets
 * gapless decoders (mpg123, ffmpeg, browsers) cut exactly the samples that were encoded.
 */
function infoFrame(stream: MpegFrameHeader, version: MpegVersionInfo, audioFrames: number, audioBytes: number, padding: number): Uint8Array {
  const sideInfoBytes = stream.version === 1 ? 17 : 9;
  const tagOffset = 4 + sideInfoBytes;
  // Header rate indices follow the order of the MPEG tables, not ascending order.
  const rateOrder = stream.version === 1 ? [44100, 48000, 32000] : stream.version === 2 ? [22050, 24000, 16000] : [11025, 12000, 8000];
  const samplesPerFrame = stream.samplesPerFrame;
  let bitrateIndex = 0;
  let frameBytes = 0;
  for (let index = 0; index < version.bitrates.length; index++) {
    frameBytes = Math.floor(((samplesPerFrame / 8) * version.bitrates[index] * 1000) / stream.sampleRate);
    bitrateIndex = index + 1;
    if (frameBytes >= tagOffset + INFO_TAG_BYTES && version.bitrates[index] >= stream.bitrateKbps) break;
  }
  const frame = new Uint8Array(frameBytes);
  const view = new DataView(frame.buffer);
  frame[0] = 0xff;
  frame[1] = 0xe0 | (version.versionBits << 3) | (1 << 1) | 1; // Layer III, no CRC
  frame[2] = (bitrateIndex << 4) | (rateOrder.indexOf(stream.sampleRate) << 2);
  frame[3] = (3 << 6) | 0x04; // mono, original
  let at = tagOffset;
  frame.set([0x49, 0x6e, 0x66, 0x6f], at); // "Info"
  view.setUint32(at + 4, 0x0f, false); // frames, bytes, TOC and quality present
  view.setUint32(at + 8, audioFrames, false);
  view.setUint32(at + 12, frameBytes + audioBytes, false);
  for (let i = 0; i < 100; i++) frame[at + 16 + i] = Math.floor((i * 256) / 100);
  view.setUint32(at + 116, 50, false);
  at += 120;
  frame.set([...'LAME3.100'].map((c) => c.charCodeAt(0)), at);
  frame[at + 9] = 0x01; // tag revision 0, CBR
  frame[at + 21] = ENCODER_DELAY >> 4;
  frame[at + 22] = ((ENCODER_DELAY & 0x0f) << 4) | (padding >> 8);
  frame[at + 23] = padding & 0xff;
  view.setUint32(at + 28, frameBytes + audioBytes, false);
  view.setUint16(at + 34, crc16Arc(frame, at + 34), false);
  return frame;
}

/**
 * Mono constant-bitrate MP3 via lamejs (pure JS). The clip's rate is kept when MPEG allows it,
 * otherwise the clip is resampled to the nearest rate that does. The file starts with a LAME tag so
 * decoders return exactly the encoded samples, without encoder delay or padding.
 */
export function encodeMp3(clip: PcmClip, options: Mp3EncodeOptions = {}): Uint8Array {
  if (!isSupportedSampleRate(clip.sampleRate)) throw new RangeError('sampleRate is outside 4 kHz – 384 kHz');
  const allRates = MPEG_VERSIONS.flatMap((version) => version.rates);
  const sampleRate = nearest(allRates, clip.sampleRate);
  const samples = sampleRate === clip.sampleRate ? clip.samples : resample(clip.samples, clip.sampleRate, sampleRate);
  const version = versionFor(sampleRate);
  const kbps = nearest(version.bitrates, options.kbps ?? version.defaultKbps);

  const audio = concat(lameEncode(samples, sampleRate, kbps));
  let audioFrames = 0;
  let stream: MpegFrameHeader | null = null;
  for (const frame of scanMpegFrames(audio, 0)) {
    stream ??= frame.header;
    audioFrames++;
  }
  const padding = stream ? audioFrames * stream.samplesPerFrame - ENCODER_DELAY - samples.length : -1;
  if (!stream || padding < 0 || padding > 0xfff) return audio;
  return concat([infoFrame(stream, version, audioFrames, audio.length, padding), audio]);
}
