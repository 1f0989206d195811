/**
 * MPEG-1/2/2.5 Layer III frame scanning. The decoder is only ever fed frames whose headers chain
 * (each header sits exactly where the previous frame ends), so junk, damaged regions and random
 * bytes behind a plausible first header never reach it.
 */

export interface MpegFrameHeader {
  /** 1 = MPEG-1, 2 = MPEG-2, 25 = MPEG-2.5. */
  version: 1 | 2 | 25;
  sampleRate: number;
  channels: 1 | 2;
  bitrateKbps: number;
  frameBytes: number;
  samplesPerFrame: 1152 | 576;
}

const SAMPLE_RATES: Record<number, readonly number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  25: [11025, 12000, 8000],
};
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/** Frames that must chain before the scanner trusts a first header (or after losing sync). */
const FRAMES_TO_LOCK = 3;

export function parseMpegHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1];
  const b2 = bytes[offset + 2];
  const b3 = bytes[offset + 3];
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  // Reserved version, anything but Layer III, free-format or bad bitrate, reserved rate or emphasis.
  if (versionBits === 1 || layerBits !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3 || (b3 & 3) === 2) {
    return null;
  }
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const bitrateKbps = (version === 1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
  const padding = (b2 >> 1) & 1;
  const samplesPerFrame = version === 1 ? 1152 : 576;
  const frameBytes = Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return { version, sampleRate, channels: b3 >> 6 === 3 ? 1 : 2, bitrateKbps, frameBytes, samplesPerFrame };
}

function sameStream(a: MpegFrameHeader, b: MpegFrameHeader): boolean {
  return a.version === b.version && a.sampleRate === b.sampleRate && a.channels === b.channels;
}

/** Length of the run of compatible headers starting at `offset` (a final frame cut short by EOF counts). */
function chainLength(bytes: Uint8Array, offset: number, reference: MpegFrameHeader, wanted: number): number {
  let count = 0;
  let position = offset;
  while (count < wanted) {
    const header = parseMpegHeader(bytes, position);
    if (!header || !sameStream(header, reference)) return count;
    count++;
    position += header.frameBytes;
    if (position >= bytes.length) return wanted;
  }
  return count;
}

export interface MpegFrame {
  offset: number;
  length: number;
  header: MpegFrameHeader;
}

/** How a scan ended. */
export interface MpegScanEnd {
  /** Offset just past the last complete frame yielded (`start` when there was none). */
  streamEnd: number;
  /**
   * The stream runs into the end of the file: right after a chained frame comes a frame of the same
   * stream (or the first bytes of its header) that the file cuts short.
   */
  cutShort: boolean;
}

/** 1–3 bytes at the end of the file that begin a header of `reference`'s stream. */
function isHeaderPrefix(bytes: Uint8Array, offset: number, reference: MpegFrameHeader, referenceByte1: number): boolean {
  const left = bytes.length - offset;
  if (left < 1 || left > 3 || bytes[offset] !== 0xff) return false;
  if (left >= 2 && (bytes[offset + 1] & 0xfe) !== (referenceByte1 & 0xfe)) return false;
  if (left === 3) {
    const b2 = bytes[offset + 2];
    const rateIndex = (b2 >> 2) & 3;
    if (b2 >> 4 === 0 || b2 >> 4 === 15 || SAMPLE_RATES[reference.version][rateIndex] !== reference.sampleRate) return false;
  }
  return true;
}

/**
 * Yields complete, chained Layer III frames from `start`. The first stream found fixes version,
 * rate and channel mode; frames of any other stream and junk between frames are skipped. The
 * return value says whether the stream was cut short by the end of the file (see MpegScanEnd);
 * a plausible header met while resyncing through junk never counts as that.
 */
export function* scanMpegFrames(bytes: Uint8Array, start: number): Generator<MpegFrame, MpegScanEnd> {
  let reference: MpegFrameHeader | null = null;
  let referenceByte1 = 0;
  let synced = false;
  let streamEnd = start;
  let position = start;
  while (position + 4 <= bytes.length) {
    const header = parseMpegHeader(bytes, position);
    if (header && (!reference || sameStream(header, reference))) {
      if (synced || chainLength(bytes, position, header, FRAMES_TO_LOCK) >= FRAMES_TO_LOCK) {
        if (position + header.frameBytes > bytes.length) return { streamEnd, cutShort: synced };
        if (!reference) {
          reference = header;
          referenceByte1 = bytes[position + 1];
        }
        synced = true;
        yield { offset: position, length: header.frameBytes, header };
        position += header.frameBytes;
        streamEnd = position;
        continue;
      }
    }
    synced = false;
    const next = bytes.indexOf(0xff, position + 1);
    if (next < 0) return { streamEnd, cutShort: false };
    position = next;
  }
  const cutShort = synced && reference !== null && isHeaderPrefix(bytes, position, reference, referenceByte1);
  return { streamEnd, cutShort };
}

/** The first frame a decode would use, or null when the bytes hold no locked Layer III stream. */
export function firstMpegFrame(bytes: Uint8Array, start: number): MpegFrame | null {
  for (const frame of scanMpegFrames(bytes, start)) return frame;
  return null;
}
