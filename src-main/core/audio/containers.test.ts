import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { crc16, crc8, oggCrc32 } from './crc';
import { sniffContainer } from './sniff';
import { decodeCode } from './testing/decodeCode';
import { pseudoRandomBytes } from './testing/signals';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('checksums', () => {
  it('match the published check values for "123456789"', () => {
    const check = ascii('123456789');
    expect(crc8(check, 0, 9)).toBe(0xf4); // CRC-8 (poly 0x07), FLAC frame header
    expect(crc16(check, 0, 9)).toBe(0xfee8); // CRC-16/UMTS (poly 0x8005), FLAC frame footer
    expect(oggCrc32(check, 0, 9, 100)).toBe(0x89a1897f); // CRC-32 poly 0x04C11DB7, init 0, no xor
  });

  it('treats the Ogg checksum field as zero', () => {
    const withField = new Uint8Array([1, 2, 3, 0xde, 0xad, 0xbe, 0xef, 4]);
    const zeroed = new Uint8Array([1, 2, 3, 0, 0, 0, 0, 4]);
    expect(oggCrc32(withField, 0, 8, 3)).toBe(oggCrc32(zeroed, 0, 8, 100));
  });
});

describe('sniffing', () => {
  it('recognises formats by magic bytes only', () => {
    const riff = (kind: string) => new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii(kind)]);
    expect(sniffContainer(riff('WAVE'))).toEqual({ container: 'wav' });
    expect(() => sniffContainer(riff('AVI '))).toThrow(StudioError);
    expect(sniffContainer(ascii('OggS....'))).toEqual({ container: 'ogg' });
    expect(sniffContainer(ascii('fLaC....'))).toEqual({ container: 'flac', start: 0 });
    expect(sniffContainer(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toEqual({ container: 'mp3', start: 0 });
    const id3 = new Uint8Array([...ascii('ID3'), 4, 0, 0, 0, 0, 0, 2, 0xaa, 0xbb, ...ascii('fLaC')]);
    expect(sniffContainer(id3)).toEqual({ container: 'flac', start: 12 });
  });

  it.each([
    ['plain text', ascii('hello, this is not audio')],
    ['a PNG header', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['big-endian RIFX', new Uint8Array([...ascii('RIFX'), 0, 0, 0, 0, ...ascii('WAVE')])],
    ['an MPEG Layer II header', new Uint8Array([0xff, 0xfd, 0x90, 0x00, 0, 0, 0, 0])],
    ['one byte', new Uint8Array([0xff])],
  ])('refuses %s as AUDIO_UNSUPPORTED_FORMAT', async (_name, bytes) => {
    expect(await decodeCode(bytes)).toBe('AUDIO_UNSUPPORTED_FORMAT');
  });
});

describe('resync cost on crafted input', () => {
  it('FLAC: a valid-looking frame header every 20 bytes ends quickly as AUDIO_CORRUPT', async () => {
    const streamInfo = new Uint8Array(34);
    streamInfo.set([0x10, 0x00, 0x10, 0x00]); // block sizes 4096
    // 44100 Hz (20 bits), 1 channel, 16 bits, unknown length
    streamInfo.set([0x0a, 0xc4, 0x40, 0xf0], 10);
    const header = new Uint8Array([0xff, 0xf8, 0xc9, 0x08, 0x00, 0]);
    header[5] = crc8(header, 0, 5);
    const bytes = new Uint8Array(4 + 4 + 34 + 2 * 1024 * 1024);
    bytes.set(ascii('fLaC'));
    bytes.set([0x80, 0, 0, 34], 4);
    bytes.set(streamInfo, 8);
    for (let offset = 42; offset + 20 <= bytes.length; offset += 20) {
      bytes.set(header, offset);
      bytes.set(pseudoRandomBytes(14, offset), offset + 6);
    }
    expect(await decodeCode(bytes)).toBe('AUDIO_CORRUPT');
  });

  it('Ogg: capture patterns claiming 64 KiB pages every 30 bytes end quickly as AUDIO_CORRUPT', async () => {
    const bytes = new Uint8Array(2 * 1024 * 1024);
    for (let offset = 0; offset + 30 <= bytes.length; offset += 30) {
      bytes.set(ascii('OggS'), offset);
      bytes[offset + 26] = 255; // 255 segments...
      bytes.fill(255, offset + 27, offset + 30); // ...whose lacing values run into the next fake page
    }
    expect(await decodeCode(bytes)).toBe('AUDIO_CORRUPT');
  });
});
