import { oggCrc32 } from './crc';
import { ScanBudget } from './scanBudget';

/**
 * Ogg page scanning with CRC-32 checks. Only complete, intact pages of the first logical stream
 * reach a decoder; a damaged page is skipped and the scan resumes at the next capture pattern.
 */

export interface OggPage {
  offset: number;
  length: number;
  serial: number;
  /** Absolute granule position (-1 when the page completes no packet). */
  granule: number;
  isFirst: boolean;
  isLast: boolean;
  /** Offset and length of the first packet's bytes that lie in this page. */
  bodyOffset: number;
  firstSegmentBytes: number;
}

const HEADER_BYTES = 27;
const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;

function isCaptureAt(bytes: Uint8Array, i: number): boolean {
  return bytes[i] === 0x4f && bytes[i + 1] === 0x67 && bytes[i + 2] === 0x67 && bytes[i + 3] === 0x53;
}

/** The page at `offset` as its header describes it; null if the header is malformed or the page runs past the end. */
function readPageLayout(bytes: Uint8Array, offset: number): { length: number; tableEnd: number } | null {
  if (offset + HEADER_BYTES > bytes.length || !isCaptureAt(bytes, offset) || bytes[offset + 4] !== 0) return null;
  const segments = bytes[offset + 26];
  const tableEnd = offset + HEADER_BYTES + segments;
  if (tableEnd > bytes.length) return null;
  let bodyBytes = 0;
  for (let i = offset + HEADER_BYTES; i < tableEnd; i++) bodyBytes += bytes[i];
  const length = HEADER_BYTES + segments + bodyBytes;
  return offset + length > bytes.length ? null : { length, tableEnd };
}

/** Parses and checks the page at `offset`; null if it is incomplete, malformed or fails its CRC. */
export function readOggPage(bytes: Uint8Array, offset: number, budget?: ScanBudget): OggPage | null {
  const layout = readPageLayout(bytes, offset);
  if (!layout) return null;
  const { length, tableEnd } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (budget && !budget.spend(length)) return null;
  if (oggCrc32(bytes, offset, offset + length, offset + 22) !== view.getUint32(offset + 22, true)) return null;

  let firstSegmentBytes = 0;
  for (let i = offset + HEADER_BYTES; i < tableEnd; i++) {
    firstSegmentBytes += bytes[i];
    if (bytes[i] < 255) break;
  }
  const granuleLow = view.getUint32(offset + 6, true);
  const granuleHigh = view.getInt32(offset + 10, true);
  const flags = bytes[offset + 5];
  return {
    offset,
    length,
    serial: view.getUint32(offset + 14, true),
    granule: granuleHigh === -1 && granuleLow === 0xffffffff ? -1 : granuleHigh * 2 ** 32 + granuleLow,
    isFirst: (flags & FLAG_BOS) !== 0,
    isLast: (flags & FLAG_EOS) !== 0,
    bodyOffset: tableEnd,
    firstSegmentBytes,
  };
}

/**
 * How a scan ended: `complete` when the stream's own end-of-stream page was found, whole. That page
 * may fail its CRC (damage inside it) and still count: its header and full length are present, so
 * the file was not cut.
 */
export interface OggScanEnd {
  complete: boolean;
}

/** A page of `serial` flagged end-of-stream whose header and full length are present, whatever its CRC says. */
function isWholeEndPage(bytes: Uint8Array, offset: number, serial: number | null): boolean {
  if (serial === null || !readPageLayout(bytes, offset)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (bytes[offset + 5] & FLAG_EOS) !== 0 && view.getUint32(offset + 14, true) === serial;
}

/**
 * Yields the intact pages of the first logical stream that starts in the data (its BOS page first),
 * ending after that stream's EOS page. Other multiplexed or chained streams are ignored. Every
 * encoder flags the last page of a stream (EOS), so a stream without one was cut short.
 */
export function* scanOggPages(bytes: Uint8Array): Generator<OggPage, OggScanEnd> {
  const budget = new ScanBudget(bytes.length);
  let serial: number | null = null;
  let position = 0;
  while (position + HEADER_BYTES <= bytes.length) {
    const page = readOggPage(bytes, position, budget);
    if (page) {
      if (serial === null && page.isFirst) serial = page.serial;
      if (page.serial === serial) {
        yield page;
        if (page.isLast) return { complete: true };
      }
      position += page.length;
      continue;
    }
    if (isWholeEndPage(bytes, position, serial)) return { complete: true };
    const next = bytes.indexOf(0x4f, position + 1);
    if (next < 0) return { complete: false };
    position = next;
  }
  return { complete: false };
}

export type OggCodec = 'opus' | 'vorbis' | 'flac' | 'unknown';

/** Identifies the codec from the first packet of a BOS page. */
export function oggCodecOf(bytes: Uint8Array, page: OggPage): OggCodec {
  const packet = bytes.subarray(page.bodyOffset, page.bodyOffset + page.firstSegmentBytes);
  const startsWith = (signature: number[]) => signature.every((value, i) => packet[i] === value);
  if (startsWith([0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64])) return 'opus'; // "OpusHead"
  if (startsWith([0x01, 0x76, 0x6f, 0x72, 0x62, 0x69, 0x73])) return 'vorbis'; // "\x01vorbis"
  if (startsWith([0x7f, 0x46, 0x4c, 0x41, 0x43])) return 'flac'; // "\x7FFLAC"
  return 'unknown';
}

/** Granule position of the last intact page of `serial`, searching back from the end; -1 if none. */
export function lastGranule(bytes: Uint8Array, serial: number): number {
  const budget = new ScanBudget(0, 0);
  let position = bytes.length - HEADER_BYTES;
  // Pages are at most ~64 KiB; look back over a few of them only.
  const floor = Math.max(0, bytes.length - 4 * 65_307);
  while (position >= floor) {
    position = bytes.lastIndexOf(0x4f, position);
    if (position < floor) return -1;
    if (isCaptureAt(bytes, position)) {
      const page = readOggPage(bytes, position, budget);
      if (page && page.serial === serial && page.granule >= 0) return page.granule;
    }
    position--;
  }
  return -1;
}
