import { StudioError } from '../../../src-shared/errors';
import { parseMpegHeader } from './mpegFrames';

/** The container a file's first bytes announce; `start` skips any ID3v2 tags in front. */
export type SniffedContainer =
  | { container: 'wav' }
  | { container: 'flac'; start: number }
  | { container: 'mp3'; start: number }
  | { container: 'ogg' };

function matches(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Size of the ID3v2 tag at `offset` (header, body and optional footer), or 0 if there is none. */
function id3v2Length(bytes: Uint8Array, offset: number): number {
  if (!matches(bytes, offset, 'ID3') || offset + 10 > bytes.length) return 0;
  const size = bytes.subarray(offset + 6, offset + 10);
  if (size.some((byte) => byte >= 0x80)) return 0;
  const bodyBytes = (size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3];
  const hasFooter = (bytes[offset + 5] & 0x10) !== 0;
  return 10 + bodyBytes + (hasFooter ? 10 : 0);
}

/** Identifies the format from magic bytes only (the file name is never consulted). */
export function sniffContainer(bytes: Uint8Array): SniffedContainer {
  if ((matches(bytes, 0, 'RIFF') || matches(bytes, 0, 'RF64')) && matches(bytes, 8, 'WAVE')) return { container: 'wav' };
  if (matches(bytes, 0, 'OggS')) return { container: 'ogg' };
  // An ID3v2 header cut short: a tagged file (MP3, or FLAC) that ends inside its tag.
  if (matches(bytes, 0, 'ID3') && bytes.length < 10) throw new StudioError('AUDIO_CORRUPT');
  let start = 0;
  let tagged = false;
  for (let tag = id3v2Length(bytes, start); tag > 0; tag = id3v2Length(bytes, start)) {
    start += tag;
    tagged = true;
  }
  if (tagged && start >= bytes.length) throw new StudioError('AUDIO_CORRUPT');
  if (matches(bytes, start, 'fLaC')) return { container: 'flac', start };
  // A tag in front says MP3 even if padding or junk precedes the first frame.
  if (tagged || parseMpegHeader(bytes, start)) return { container: 'mp3', start };
  throw new StudioError('AUDIO_UNSUPPORTED_FORMAT');
}
