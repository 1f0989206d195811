import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIconRgba, encodePng } from './makeIcon';

const iconPath = fileURLToPath(new URL('../../build/icon.png', import.meta.url));

/** Minimal PNG reader: the IHDR fields and the inflated image data. */
function readPng(png: Buffer): { width: number; height: number; colourType: number; data: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (header == null) throw new Error('no IHDR');
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), colourType: header[9], data: inflateSync(Buffer.concat(idat)) };
}

describe('the application icon', () => {
  it('build/icon.png is the 1024×1024 RGBA image the generator draws (electron-builder derives .icns/.ico from it)', () => {
    const committed = readPng(readFileSync(iconPath));
    expect([committed.width, committed.height, committed.colourType]).toEqual([1024, 1024, 6]);
    expect(committed.data.equals(drawIconRgba())).toBe(true);
  });

  it('has transparent corners and an opaque centre', () => {
    const { data } = readPng(encodePng(1024, 1024, drawIconRgba()));
    const alphaAt = (x: number, y: number) => data[y * (1024 * 4 + 1) + 1 + x * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(70, 70)).toBe(0);
    expect(alphaAt(512, 512)).toBe(255);
  });
});
