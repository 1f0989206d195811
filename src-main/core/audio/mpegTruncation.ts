import type { MpegFrame, MpegScanEnd } from './mpegFrames';
import { readMpegInfoTag } from './mpegInfoTag';

const ID3V1_BYTES = 128;
const ID3V1_MARK = [0x54, 0x41, 0x47]; // "TAG"

/** Bytes after the audio that are the start of an ID3v1 tag, fewer than its fixed 128. */
function isCutId3v1(bytes: Uint8Array, from: number): boolean {
  const tail = bytes.length - from;
  if (tail <= 0 || tail >= ID3V1_BYTES) return false;
  for (let i = 0; i < Math.min(tail, ID3V1_MARK.length); i++) if (bytes[from + i] !== ID3V1_MARK[i]) return false;
  return true;
}

/**
 * Whether an MP3 ends before its stream does. Three signs:
 * - the last frame (or its header) is cut short by the end of the file;
 * - an ID3v1 tag after the audio is shorter than its fixed 128 bytes;
 * - the Xing/Info/VBRI tag of the first frame counts more than the file holds. Frames lost to a
 *   damaged region also lower the frame count, while the file length stays; so when the tag gives
 *   both counts, both must fall short. A file that ends exactly at a frame boundary and has no such
 *   tag cannot be told from a complete one and is accepted.
 */
export function isMpegStreamTruncated(bytes: Uint8Array, first: MpegFrame, frameCount: number, end: MpegScanEnd): boolean {
  if (end.cutShort || isCutId3v1(bytes, end.streamEnd)) return true;
  const tag = readMpegInfoTag(bytes, first);
  if (!tag) return false;
  const framesShort = tag.frames !== undefined && frameCount - 1 < tag.frames;
  const bytesShort = tag.bytes !== undefined && bytes.length - first.offset < tag.bytes;
  return tag.frames !== undefined && tag.bytes !== undefined ? framesShort && bytesShort : framesShort || bytesShort;
}
