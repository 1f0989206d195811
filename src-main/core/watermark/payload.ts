import { StudioError } from '../../../src-shared/errors';
import { convolutionalEncode } from './convolutionalCode';
import { MAC_BITS, PAYLOAD_BITS } from './params';
import { payloadMac, type WatermarkKey } from './keys';

export function parsePayloadHex(payloadHex: string): Uint8Array {
  if (typeof payloadHex !== 'string' || !/^[0-9a-fA-F]{16}$/.test(payloadHex)) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'watermark payload must be 16 hex digits' } });
  }
  return new Uint8Array(Buffer.from(payloadHex, 'hex'));
}

export function payloadToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function bytesToBits(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bits.length; i++) bits[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return bits;
}

function bitsToBytes(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < bits.length; i++) bytes[i >> 3] |= bits[i] << (7 - (i & 7));
  return bytes;
}

/** The information word: 64 payload bits followed by the keyed MAC bits. */
export function informationBits(payload: Uint8Array, key: WatermarkKey): Uint8Array {
  const out = new Uint8Array(PAYLOAD_BITS + MAC_BITS);
  out.set(bytesToBits(payload), 0);
  out.set(payloadMac(key, payload, MAC_BITS), PAYLOAD_BITS);
  return out;
}

/** The coded bits the mark of `payloadHex` carries under `key`: information word, convolutionally encoded. */
export function codedPayloadBits(payloadHex: string, key: WatermarkKey): Uint8Array {
  return convolutionalEncode(informationBits(parsePayloadHex(payloadHex), key));
}

/** The payload if the decoded word's MAC verifies under `key`, else null. */
export function verifyInformationBits(bits: Uint8Array, key: WatermarkKey): Uint8Array | null {
  const payload = bitsToBytes(bits.subarray(0, PAYLOAD_BITS));
  const mac = payloadMac(key, payload, MAC_BITS);
  for (let i = 0; i < MAC_BITS; i++) if (mac[i] !== bits[PAYLOAD_BITS + i]) return null;
  return payload;
}
