import { StudioError } from '../../../src-shared/errors';
import { crc16Update, crc8 } from './crc';
import { ScanBudget } from './scanBudget';

/**
 * Native FLAC framing: the metadata blocks, then frames checked by their header CRC-8 and footer
 * CRC-16. A damaged frame is dropped and scanning resumes at the next good header, so one bad spot
 * costs one frame, not the rest of the file. The scan also reports where the stream ends, so that a
 * truncated file can be told from one that is merely damaged inside.
 */

export interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The nominal block size of a fixed-blocksize stream (frame number × this = first sample). */
  maxBlockSize: number;
  /** 0 when the encoder did not know it. */
  totalSamples: number;
  /** Offset of the first audio frame. */
  framesOffset: number;
}

export interface FlacFrame {
  offset: number;
  length: number;
  blockSize: number;
  /** Number of the frame's first sample in the stream, from its header. */
  firstSample: number;
}

/** How a scan ended. */
export interface FlacScanEnd {
  /** One past the last sample of the furthest frame yielded (0 when there was none). */
  samplesEnd: number;
  /** Where the last frame yielded ends, the file holds the start of another frame and then ends. */
  cutShort: boolean;
}

const STREAMINFO = 0;

/** Reads a 34-byte STREAMINFO body. */
export function readStreamInfoBody(b: Uint8Array, body: number): Omit<FlacStreamInfo, 'framesOffset'> {
  if (body + 34 > b.length) throw new StudioError('AUDIO_CORRUPT');
  const sampleRate = (b[body + 10] << 12) | (b[body + 11] << 4) | (b[body + 12] >> 4);
  const channels = ((b[body + 12] >> 1) & 7) + 1;
  const bitsPerSample = (((b[body + 12] & 1) << 4) | (b[body + 13] >> 4)) + 1;
  const maxBlockSize = (b[body + 2] << 8) | b[body + 3];
  const totalSamples = (b[body + 13] & 0x0f) * 2 ** 32 + (((b[body + 14] << 24) | (b[body + 15] << 16) | (b[body + 16] << 8) | b[body + 17]) >>> 0);
  if (bitsPerSample < 4) throw new StudioError('AUDIO_CORRUPT');
  return { sampleRate, channels, bitsPerSample, maxBlockSize, totalSamples };
}

/** Reads the metadata block chain after `fLaC` at `start`. Anything malformed before the first frame is AUDIO_CORRUPT. */
export function parseFlacStreamInfo(bytes: Uint8Array, start: number): FlacStreamInfo {
  let offset = start + 4;
  let info: Omit<FlacStreamInfo, 'framesOffset'> | null = null;
  for (;;) {
    if (offset + 4 > bytes.length) throw new StudioError('AUDIO_CORRUPT');
    const isLast = (bytes[offset] & 0x80) !== 0;
    const type = bytes[offset] & 0x7f;
    const length = (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
    const body = offset + 4;
    if (body + length > bytes.length) throw new StudioError('AUDIO_CORRUPT');
    if (info === null) {
      if (type !== STREAMINFO || length < 34) throw new StudioError('AUDIO_CORRUPT');
      info = readStreamInfoBody(bytes, body);
    }
    offset = body + length;
    if (isLast) break;
  }
  return { ...info, framesOffset: offset };
}

const BLOCK_SIZES = [0, 192, 576, 1152, 2304, 4608, -8, -16, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];
const RATES = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];
const SAMPLE_SIZES = [0, 8, 12, 0, 16, 20, 24, 32];

interface FrameHeader {
  length: number;
  blockSize: number;
  firstSample: number;
}

/** Parses a frame header at `offset` and checks it belongs to this stream; null if it is not a valid one. */
function parseFrameHeader(bytes: Uint8Array, offset: number, info: FlacStreamInfo): FrameHeader | null {
  const end = bytes.length;
  if (offset + 6 > end || bytes[offset] !== 0xff || (bytes[offset + 1] & 0xfe) !== 0xf8) return null;
  const blockCode = bytes[offset + 2] >> 4;
  const rateCode = bytes[offset + 2] & 0x0f;
  const channelCode = bytes[offset + 3] >> 4;
  const sizeCode = (bytes[offset + 3] >> 1) & 7;
  if (blockCode === 0 || rateCode === 15 || channelCode > 10 || sizeCode === 3 || (bytes[offset + 3] & 1) !== 0) return null;
  const channels = channelCode < 8 ? channelCode + 1 : 2;
  if (channels !== info.channels) return null;
  if (sizeCode !== 0 && SAMPLE_SIZES[sizeCode] !== info.bitsPerSample) return null;

  // UTF-8-style coded frame number (fixed blocksize) or sample number (variable): 1 to 7 bytes.
  const variableBlockSize = (bytes[offset + 1] & 1) === 1;
  let position = offset + 4;
  const lead = bytes[position];
  let extra = 0;
  let coded = lead;
  if (lead >= 0x80) {
    if ((lead & 0xe0) === 0xc0) [extra, coded] = [1, lead & 0x1f];
    else if ((lead & 0xf0) === 0xe0) [extra, coded] = [2, lead & 0x0f];
    else if ((lead & 0xf8) === 0xf0) [extra, coded] = [3, lead & 0x07];
    else if ((lead & 0xfc) === 0xf8) [extra, coded] = [4, lead & 0x03];
    else if ((lead & 0xfe) === 0xfc) [extra, coded] = [5, lead & 0x01];
    else if (lead === 0xfe) [extra, coded] = [6, 0];
    else return null;
  }
  position++;
  if (position + extra > end) return null;
  for (let i = 0; i < extra; i++, position++) {
    if ((bytes[position] & 0xc0) !== 0x80) return null;
    coded = coded * 64 + (bytes[position] & 0x3f);
  }

  let blockSize = BLOCK_SIZES[blockCode];
  if (blockSize === -8) {
    if (position + 1 > end) return null;
    blockSize = bytes[position++] + 1;
  } else if (blockSize === -16) {
    if (position + 2 > end) return null;
    blockSize = ((bytes[position] << 8) | bytes[position + 1]) + 1;
    position += 2;
  }
  let sampleRate = rateCode === 0 ? info.sampleRate : RATES[rateCode] ?? 0;
  if (rateCode === 12) {
    if (position + 1 > end) return null;
    sampleRate = bytes[position++] * 1000;
  } else if (rateCode === 13 || rateCode === 14) {
    if (position + 2 > end) return null;
    sampleRate = ((bytes[position] << 8) | bytes[position + 1]) * (rateCode === 14 ? 10 : 1);
    position += 2;
  }
  if (sampleRate !== info.sampleRate) return null;
  if (position + 1 > end || crc8(bytes, offset, position) !== bytes[position]) return null;
  const firstSample = variableBlockSize ? coded : coded * (info.maxBlockSize || blockSize);
  return { length: position + 1 - offset, blockSize, firstSample };
}

function isSyncAt(bytes: Uint8Array, i: number): boolean {
  return bytes[i] === 0xff && (bytes[i + 1] & 0xfe) === 0xf8;
}

/**
 * Finds where the frame starting at `offset` ends: the next valid header (or the end of the file)
 * such that the bytes before it end in the CRC-16 of everything from `offset`. Returns -1 if no
 * end is found within `maxBytes`.
 */
function findFrameEnd(bytes: Uint8Array, offset: number, headerLength: number, info: FlacStreamInfo, maxBytes: number): number {
  const limit = Math.min(bytes.length, offset + maxBytes);
  let crc = 0;
  let crcTwoBack = 0;
  let crcOneBack = 0;
  for (let i = offset; i < limit; i++) {
    if (i >= offset + headerLength + 2 && isSyncAt(bytes, i)) {
      // crc of [offset, i-2) must equal the big-endian 16 bits at i-2.
      if (crcTwoBack === ((bytes[i - 2] << 8) | bytes[i - 1]) && parseFrameHeader(bytes, i, info)) return i;
    }
    crcTwoBack = crcOneBack;
    crcOneBack = crc;
    crc = crc16Update(crc, bytes[i]);
  }
  if (limit === bytes.length && crcTwoBack === ((bytes[limit - 2] << 8) | bytes[limit - 1])) return limit;
  return -1;
}

/** The first bytes of a frame header (sync code), as far as the file still holds them. */
function startsLikeFrame(bytes: Uint8Array, offset: number): boolean {
  return offset < bytes.length && bytes[offset] === 0xff && (offset + 1 === bytes.length || (bytes[offset + 1] & 0xfe) === 0xf8);
}

/**
 * Yields the frames whose CRCs check out; stops at the end of the data (or when resyncing costs
 * too much). Returns where the stream ended (see FlacScanEnd).
 */
export function* scanFlacFrames(bytes: Uint8Array, info: FlacStreamInfo): Generator<FlacFrame, FlacScanEnd> {
  const budget = new ScanBudget(bytes.length);
  let samplesEnd = 0;
  let lastEnd = info.framesOffset;
  const ended = (): FlacScanEnd => ({ samplesEnd, cutShort: startsLikeFrame(bytes, lastEnd) });
  let position = info.framesOffset;
  while (position + 6 <= bytes.length) {
    const header = parseFrameHeader(bytes, position, info);
    if (header) {
      // Largest possible frame: verbatim subframes at up to 33 bits (side channel), plus headers.
      const bound = header.blockSize * info.channels * 5 + 1024;
      const end = findFrameEnd(bytes, position, header.length, info, bound);
      if (!budget.spend(end > 0 ? end - position : Math.min(bound, bytes.length - position))) return ended();
      if (end > 0) {
        yield { offset: position, length: end - position, blockSize: header.blockSize, firstSample: header.firstSample };
        samplesEnd = Math.max(samplesEnd, header.firstSample + header.blockSize);
        position = lastEnd = end;
        continue;
      }
    }
    // Not a frame (or a damaged one): resume at the next sync code.
    let next = bytes.indexOf(0xff, position + 1);
    while (next >= 0 && next + 1 < bytes.length && !isSyncAt(bytes, next)) next = bytes.indexOf(0xff, next + 1);
    if (next < 0 || next + 1 >= bytes.length) return ended();
    position = next;
  }
  return ended();
}
