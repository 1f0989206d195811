/**
 * Draws the application icon (build/icon.png, 1024×1024 RGBA): a rounded navy square with five
 * amber level bars. electron-builder derives the .icns and .ico from this one PNG.
 * Run: npx tsx scripts/release/makeIcon.ts [output.png]
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SIZE = 1024;
const BACKGROUND = [0x1f, 0x3a, 0x5f] as const;
const BAR = [0xf2, 0xc1, 0x4e] as const;
/** Bar centres and half-heights, in pixels. */
const BARS = [
  { x: 272, half: 96 },
  { x: 392, half: 216 },
  { x: 512, half: 296 },
  { x: 632, half: 176 },
  { x: 752, half: 72 },
];
const BAR_HALF_WIDTH = 30;
const MARGIN = 64;
const CORNER = 180;

function insideRoundedSquare(x: number, y: number): boolean {
  const lo = MARGIN;
  const hi = SIZE - MARGIN;
  if (x < lo || x >= hi || y < lo || y >= hi) return false;
  const cx = Math.min(Math.max(x, lo + CORNER), hi - CORNER);
  const cy = Math.min(Math.max(y, lo + CORNER), hi - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

function insideBar(x: number, y: number): boolean {
  const centre = SIZE / 2;
  return BARS.some(({ x: bx, half }) => {
    if (Math.abs(x - bx) > BAR_HALF_WIDTH) return false;
    // Round caps: the bar is a capsule from centre-half to centre+half.
    const capY = Math.min(Math.max(y, centre - half), centre + half);
    return (x - bx) ** 2 + (y - capY) ** 2 <= BAR_HALF_WIDTH ** 2;
  });
}

export function drawIconRgba(): Buffer {
  // Each PNG row starts with a filter-type byte (0 = none).
  const stride = SIZE * 4 + 1;
  const raw = Buffer.alloc(stride * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const offset = y * stride + 1 + x * 4;
      if (!insideRoundedSquare(x, y)) continue;
      const colour = insideBar(x, y) ? BAR : BACKGROUND;
      raw[offset] = colour[0];
      raw[offset + 1] = colour[1];
      raw[offset + 2] = colour[2];
      raw[offset + 3] = 0xff;
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodePng(width: number, height: number, filteredRgbaRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRgbaRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const output = resolve(process.argv[2] ?? 'build/icon.png');
  writeFileSync(output, encodePng(SIZE, SIZE, drawIconRgba()));
  console.log(`wrote ${output}`);
}
