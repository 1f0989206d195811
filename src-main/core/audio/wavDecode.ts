import { StudioError } from '../../../src-shared/errors';
import type { MonoSink } from './monoSink';
import { sanitizeSample } from './pcm';

/** What the chunks of a RIFF/WAVE (or RF64) file say, once every size has been checked against the file. */
export interface WavLayout {
  sampleKind: 'int' | 'float';
  /** Container size of one sample. */
  bytesPerSample: 1 | 2 | 3 | 4 | 8;
  channels: number;
  sampleRate: number;
  dataOffset: number;
  frameCount: number;
}

const FORMAT_PCM = 0x0001;
const FORMAT_IEEE_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs; bytes 0..1 hold the format tag. */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const MAX_CHANNELS = 32;
const FRAMES_PER_CHUNK = 65_536;

/** Chunk ids read as big-endian 32-bit numbers, so the chunk walk allocates nothing. */
const RF64_ID = 0x52463634; // "RF64"
const DS64_ID = 0x64733634; // "ds64"
const FMT_ID = 0x666d7420; // "fmt "
const DATA_ID = 0x64617461; // "data"
/** In RF64 a 32-bit size of 0xFFFFFFFF means "see the ds64 chunk". */
const SIZE_IN_DS64 = 0xffffffff;

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

function readFmt(view: DataView, offset: number, size: number): FmtChunk {
  if (size < 16) throw new StudioError('AUDIO_CORRUPT');
  let formatTag = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (formatTag === FORMAT_EXTENSIBLE) {
    // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16) follow the 16 basic bytes.
    if (size < 40) throw new StudioError('AUDIO_CORRUPT');
    const guid = offset + 24;
    for (let i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
      if (view.getUint8(guid + 2 + i) !== SUBFORMAT_GUID_TAIL[i]) {
        throw new StudioError('AUDIO_UNSUPPORTED_FORMAT', { details: { reason: 'wav_encoding' } });
      }
    }
    formatTag = view.getUint16(guid, true);
  }
  return { formatTag, channels, sampleRate, bitsPerSample };
}

/** The 64-bit sizes of an RF64 file: RIFF size, data size, and a table for any other large chunk. */
interface Ds64Chunk {
  riffSize: number;
  dataSize: number;
  tableSizes: Map<number, number>;
}

function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset + 4, true) * 2 ** 32 + view.getUint32(offset, true);
}

function readDs64(view: DataView, offset: number, size: number): Ds64Chunk {
  // riffSize(8) dataSize(8) sampleCount(8) tableLength(4), then tableLength × (chunk id(4), size(8)).
  if (size < 28) throw new StudioError('AUDIO_CORRUPT');
  const tableSizes = new Map<number, number>();
  const entries = Math.min(view.getUint32(offset + 24, true), Math.floor((size - 28) / 12));
  for (let i = 0, entry = offset + 28; i < entries; i++, entry += 12) tableSizes.set(view.getUint32(entry, false), readUint64(view, entry + 4));
  return { riffSize: readUint64(view, offset), dataSize: readUint64(view, offset + 8), tableSizes };
}

function layoutFromFmt(fmt: FmtChunk): Pick<WavLayout, 'sampleKind' | 'bytesPerSample' | 'channels' | 'sampleRate'> {
  if (fmt.channels === 0 || fmt.channels > MAX_CHANNELS) throw new StudioError('AUDIO_CORRUPT');
  if (fmt.formatTag === FORMAT_PCM) {
    // Odd widths (12, 20 bits) live left-justified in the next byte size up.
    const bytesPerSample = Math.ceil(fmt.bitsPerSample / 8);
    if (fmt.bitsPerSample === 0 || bytesPerSample > 4) throw new StudioError('AUDIO_CORRUPT');
    return { sampleKind: 'int', bytesPerSample: bytesPerSample as 1 | 2 | 3 | 4, channels: fmt.channels, sampleRate: fmt.sampleRate };
  }
  if (fmt.formatTag === FORMAT_IEEE_FLOAT) {
    if (fmt.bitsPerSample !== 32 && fmt.bitsPerSample !== 64) throw new StudioError('AUDIO_CORRUPT');
    return { sampleKind: 'float', bytesPerSample: fmt.bitsPerSample / 8 as 4 | 8, channels: fmt.channels, sampleRate: fmt.sampleRate };
  }
  throw new StudioError('AUDIO_UNSUPPORTED_FORMAT', { details: { reason: 'wav_encoding' } });
}

/**
 * Walks the chunk list. A size that claims more bytes than the file holds — in the RIFF header or in
 * any chunk of the form — is AUDIO_CORRUPT: a truncated file is refused, never decoded in part.
 *
 * Placeholder sizes left by streaming writers are refused too. ffmpeg writing WAV to a pipe leaves
 * the RIFF and data sizes at 0xFFFFFFFF (sox leaves 0x7FFFF000): such a file cannot be told from a
 * 4 GB recording cut short, which is the very damage this check exists to catch, so the studio asks
 * for a properly closed file rather than guessing. A data size of 0 holds no audio (also
 * AUDIO_CORRUPT; reading "to the end of the file" instead would decode trailing chunks as samples).
 * RF64, where 0xFFFFFFFF is the format's own marker, gets its real sizes from the ds64 chunk.
 *
 * Tolerated, since no audio is missing: the pad byte after an odd-sized final chunk missing at the
 * end of the file, bytes after the end of the RIFF form (appended tags), and sizes that claim less.
 */
export function parseWavLayout(bytes: Uint8Array): WavLayout {
  if (bytes.length < 12) throw new StudioError('AUDIO_CORRUPT');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isRf64 = view.getUint32(0, false) === RF64_ID;
  let ds64: Ds64Chunk | null = null;
  let formEnd = 8 + view.getUint32(4, true);
  let fmt: FmtChunk | null = null;
  let dataOffset = -1;
  let dataBytes = 0;
  let missingPad = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    if (fmt && dataOffset >= 0 && offset >= formEnd) break;
    const id = view.getUint32(offset, false);
    const claimed = view.getUint32(offset + 4, true);
    const size = ds64 && claimed === SIZE_IN_DS64 ? (id === DATA_ID ? ds64.dataSize : ds64.tableSizes.get(id) ?? claimed) : claimed;
    const body = offset + 8;
    if (size > bytes.length - body) throw new StudioError('AUDIO_CORRUPT');
    if (id === DS64_ID && isRf64 && offset === 12) {
      ds64 = readDs64(view, body, size);
      if (formEnd - 8 === SIZE_IN_DS64) formEnd = 8 + ds64.riffSize;
    } else if (id === FMT_ID && !fmt) fmt = readFmt(view, body, size);
    else if (id === DATA_ID && dataOffset < 0) {
      dataOffset = body;
      dataBytes = size;
    }
    // Chunks are padded to an even size.
    const next = body + size + (size % 2);
    if (next > bytes.length) {
      missingPad = next - bytes.length;
      break;
    }
    offset = next;
  }
  if (formEnd > bytes.length + missingPad) throw new StudioError('AUDIO_CORRUPT');
  if (!fmt || dataOffset < 0) throw new StudioError('AUDIO_CORRUPT');
  const layout = layoutFromFmt(fmt);
  const frameBytes = layout.bytesPerSample * layout.channels;
  const frameCount = Math.floor(dataBytes / frameBytes);
  if (frameCount === 0) throw new StudioError('AUDIO_CORRUPT');
  return { ...layout, dataOffset, frameCount };
}

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader(layout: WavLayout): SampleReader {
  if (layout.sampleKind === 'float') {
    return layout.bytesPerSample === 8
      ? (view, offset) => sanitizeSample(view.getFloat64(offset, true))
      : (view, offset) => sanitizeSample(view.getFloat32(offset, true));
  }
  switch (layout.bytesPerSample) {
    case 1:
      return (view, offset) => (view.getUint8(offset) - 128) / 128;
    case 2:
      return (view, offset) => view.getInt16(offset, true) / 32768;
    case 3:
      return (view, offset) =>
        (((view.getUint8(offset + 2) << 24) | (view.getUint8(offset + 1) << 16) | (view.getUint8(offset) << 8)) >> 8) / 8388608;
    default:
      return (view, offset) => view.getInt32(offset, true) / 2147483648;
  }
}

/** Streams the data chunk into the sink, a block of frames at a time, averaging the channels. */
export async function decodeWav(bytes: Uint8Array, sink: MonoSink): Promise<number> {
  const layout = parseWavLayout(bytes);
  sink.start({ sampleRate: layout.sampleRate, channels: layout.channels, expectedFrames: layout.frameCount, framesExact: true });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(layout);
  const { channels, bytesPerSample } = layout;
  const frameBytes = channels * bytesPerSample;
  const scale = 1 / channels;
  for (let first = 0; first < layout.frameCount; first += FRAMES_PER_CHUNK) {
    const frames = Math.min(FRAMES_PER_CHUNK, layout.frameCount - first);
    const mono = sink.takeScratch(frames);
    let offset = layout.dataOffset + first * frameBytes;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++, offset += bytesPerSample) sum += read(view, offset);
      mono[i] = sum * scale;
    }
    sink.writeMono(mono);
    await sink.checkpoint();
  }
  return layout.channels;
}
