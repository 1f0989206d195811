/** Minimal WAV reader/writer for tests and benchmarks (the product's audio I/O lives in core/audio). */
import type { PcmClip } from '../embed';

export function readWav(bytes: Buffer): PcmClip {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    let size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = bytes.readUInt16LE(body);
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bits = bytes.readUInt16LE(body + 14);
      if (format === 0xfffe) format = bytes.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (size === 0xffffffff || body + size > bytes.length) size = bytes.length - body;
      const bytesPerSample = bits / 8;
      const frames = Math.floor(size / (bytesPerSample * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let acc = 0;
        for (let c = 0; c < channels; c++) {
          const p = body + (i * channels + c) * bytesPerSample;
          if (format === 3 && bits === 32) acc += bytes.readFloatLE(p);
          else if (bits === 16) acc += bytes.readInt16LE(p) / 32768;
          else if (bits === 24) acc += bytes.readIntLE(p, 3) / 8388608;
          else if (bits === 32) acc += bytes.readInt32LE(p) / 2147483648;
          else if (bits === 8) acc += (bytes[p] - 128) / 128;
          else throw new Error(`unsupported WAV sample format ${format}/${bits}`);
        }
        samples[i] = acc / channels;
      }
      return { samples, sampleRate };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('WAV file has no data chunk');
}

const HEADER_BYTES = 44;
const FORMAT_PCM = 1;
const FORMAT_IEEE_FLOAT = 3;

/** A zeroed mono WAV of `sampleCount` samples behind a canonical 44-byte header; the caller writes the samples. */
function allocateMonoWav(sampleRate: number, sampleCount: number, formatTag: number, bytesPerSample: number): Buffer {
  const dataBytes = sampleCount * bytesPerSample;
  const out = Buffer.alloc(HEADER_BYTES + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(formatTag, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * bytesPerSample, 28);
  out.writeUInt16LE(bytesPerSample, 32);
  out.writeUInt16LE(8 * bytesPerSample, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  return out;
}

/**
 * 32-bit float mono WAV, so tests measure the watermark and not 16-bit quantisation. Unlike the
 * product's encodeWav it keeps samples beyond ±1 as they are, so a tool sees the clip unclipped.
 */
export function writeWavFloat(clip: PcmClip): Buffer {
  const out = allocateMonoWav(clip.sampleRate, clip.samples.length, FORMAT_IEEE_FLOAT, 4);
  for (let i = 0; i < clip.samples.length; i++) out.writeFloatLE(clip.samples[i], HEADER_BYTES + 4 * i);
  return out;
}

/** 16-bit PCM WAV (what most encoders are fed). */
export function writeWav16(clip: PcmClip): Buffer {
  const out = allocateMonoWav(clip.sampleRate, clip.samples.length, FORMAT_PCM, 2);
  for (let i = 0; i < clip.samples.length; i++) {
    const v = Math.max(-1, Math.min(1, clip.samples[i]));
    out.writeInt16LE(Math.round(v * 32767), HEADER_BYTES + 2 * i);
  }
  return out;
}
