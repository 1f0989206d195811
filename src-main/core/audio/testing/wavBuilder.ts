/** Builds WAV files byte by byte, including malformed ones, for decoder tests. */

export interface RawChunk {
  id: string;
  body: Uint8Array;
  /** Size written in the chunk header; defaults to the body length. */
  claimedSize?: number;
}

export interface FmtFields {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign?: number;
  /** WAVE_FORMAT_EXTENSIBLE: sub-format tag (1 = PCM, 3 = float) and valid bits. */
  extensible?: { subFormat: number; validBits: number; channelMask: number };
}

export function fmtChunk(fields: FmtFields): RawChunk {
  const extensible = fields.extensible;
  const body = new Uint8Array(extensible ? 40 : 16);
  const view = new DataView(body.buffer);
  const blockAlign = fields.blockAlign ?? (fields.channels * fields.bitsPerSample) / 8;
  view.setUint16(0, extensible ? 0xfffe : fields.formatTag, true);
  view.setUint16(2, fields.channels, true);
  view.setUint32(4, fields.sampleRate, true);
  view.setUint32(8, fields.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, fields.bitsPerSample, true);
  if (extensible) {
    view.setUint16(16, 22, true);
    view.setUint16(18, extensible.validBits, true);
    view.setUint32(20, extensible.channelMask, true);
    view.setUint16(24, extensible.subFormat, true);
    body.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return { id: 'fmt ', body };
}

export function riffWave(chunks: RawChunk[], options: { riffId?: string; claimedRiffSize?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    for (let i = 0; i < 4; i++) header[i] = chunk.id.charCodeAt(i);
    view.setUint32(4, chunk.claimedSize ?? chunk.body.length, true);
    parts.push(header, chunk.body);
    if (chunk.body.length % 2 === 1 && chunk.claimedSize === undefined) parts.push(new Uint8Array(1));
  }
  const bodyLength = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(12 + bodyLength);
  const view = new DataView(out.buffer);
  const riffId = options.riffId ?? 'RIFF';
  for (let i = 0; i < 4; i++) out[i] = riffId.charCodeAt(i);
  view.setUint32(4, options.claimedRiffSize ?? 4 + bodyLength, true);
  out.set([0x57, 0x41, 0x56, 0x45], 8); // WAVE
  let offset = 12;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Interleaves per-channel float samples into little-endian PCM of the given kind. */
export function interleave(channels: Float32Array[], kind: 'u8' | 'i16' | 'i24' | 'i32' | 'f32' | 'f64', containerBytes?: number): Uint8Array {
  const width = { u8: 1, i16: 2, i24: 3, i32: 4, f32: 4, f64: 8 }[kind];
  const stride = containerBytes ?? width;
  const frames = channels[0].length;
  const out = new Uint8Array(frames * channels.length * stride);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const v = channel[i];
      const clamp = (bits: number) => Math.max(-(2 ** (bits - 1)), Math.min(2 ** (bits - 1) - 1, Math.round(v * 2 ** (bits - 1))));
      switch (kind) {
        case 'u8': view.setUint8(offset, clamp(8) + 128); break;
        case 'i16': view.setInt16(offset, clamp(16), true); break;
        case 'i24': {
          const x = clamp(24);
          view.setUint8(offset, x & 0xff); view.setUint8(offset + 1, (x >> 8) & 0xff); view.setUint8(offset + 2, (x >> 16) & 0xff);
          break;
        }
        case 'i32': view.setInt32(offset + stride - 4, clamp(32), true); break;
        case 'f32': view.setFloat32(offset, v, true); break;
        case 'f64': view.setFloat64(offset, v, true); break;
      }
      offset += stride;
    }
  }
  return out;
}
