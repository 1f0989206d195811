import type { MpegFrame } from './mpegFrames';

/**
 * What a Xing/Info (LAME, ffmpeg) or VBRI (Fraunhofer) tag in the first frame says about the
 * stream. Encoders write both counts; either may be absent in a Xing tag.
 */
export interface MpegInfoTag {
  /** Audio frames after the tag frame. */
  frames?: number;
  /** Bytes from the start of the tag frame to the end of the last audio frame (no ID3 tags). */
  bytes?: number;
}

const XING_FRAMES_FLAG = 0x1;
const XING_BYTES_FLAG = 0x2;
/** VBRI sits at a fixed place: after the 4-byte header and 32 bytes of (MPEG-1 stereo sized) side info. */
const VBRI_OFFSET = 36;

function hasText(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** The tag in `frame` (normally the first frame of the file), or null when it carries none. */
export function readMpegInfoTag(bytes: Uint8Array, frame: MpegFrame): MpegInfoTag | null {
  const { header, offset } = frame;
  const frameEnd = offset + frame.length;
  const hasCrc = (bytes[offset + 1] & 1) === 0;
  const sideInfoBytes = header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const xing = offset + 4 + (hasCrc ? 2 : 0) + sideInfoBytes;
  if (xing + 8 <= frameEnd && (hasText(bytes, xing, 'Xing') || hasText(bytes, xing, 'Info'))) {
    const flags = readUint32(bytes, xing + 4);
    const tag: MpegInfoTag = {};
    let field = xing + 8;
    if (flags & XING_FRAMES_FLAG) {
      if (field + 4 > frameEnd) return null;
      tag.frames = readUint32(bytes, field);
      field += 4;
    }
    if (flags & XING_BYTES_FLAG) {
      if (field + 4 > frameEnd) return null;
      tag.bytes = readUint32(bytes, field);
    }
    return tag;
  }
  const vbri = offset + VBRI_OFFSET;
  // "VBRI", version(2), delay(2), quality(2), bytes(4), frames(4)
  if (vbri + 18 <= frameEnd && hasText(bytes, vbri, 'VBRI')) {
    return { bytes: readUint32(bytes, vbri + 10), frames: readUint32(bytes, vbri + 14) };
  }
  return null;
}
