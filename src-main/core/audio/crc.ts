/** Checksums used by the container formats we parse: FLAC (CRC-8, CRC-16) and Ogg (CRC-32). */

function msbFirstTable(bits: number, polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  const topBit = 2 ** (bits - 1);
  const mask = 2 ** bits - 1;
  for (let byte = 0; byte < 256; byte++) {
    let crc = (byte * 2 ** (bits - 8)) >>> 0;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc >= topBit ? ((crc - topBit) * 2) ^ polynomial : crc * 2;
      crc = (crc & mask) >>> 0;
    }
    table[byte] = crc;
  }
  return table;
}

const CRC8_TABLE = msbFirstTable(8, 0x07);
const CRC16_TABLE = msbFirstTable(16, 0x8005);
const CRC32_TABLE = msbFirstTable(32, 0x04c11db7);

export function crc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = CRC8_TABLE[crc ^ bytes[i]];
  return crc;
}

/** One step of FLAC's CRC-16; exposed so a scanner can extend a running checksum byte by byte. */
export function crc16Update(crc: number, byte: number): number {
  return ((crc << 8) & 0xffff) ^ CRC16_TABLE[(crc >>> 8) ^ byte];
}

export function crc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[(crc >>> 8) ^ bytes[i]];
  return crc;
}

/** Ogg's CRC-32 (no reflection, initial value 0, no final xor); `skipStart..skipStart+4` is read as zero. */
export function oggCrc32(bytes: Uint8Array, start: number, end: number, skipStart: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const byte = i >= skipStart && i < skipStart + 4 ? 0 : bytes[i];
    crc = ((crc << 8) ^ CRC32_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  }
  return crc;
}
