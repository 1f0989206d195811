import { createHash, createHmac } from 'node:crypto';
import { StudioError } from '../../../src-shared/errors';

/** A watermark key: `id` is public (reported on detection), `secret` must stay private for private keys. */
export interface WatermarkKey {
  id: string;
  secret: Uint8Array;
}

/**
 * The studio's public key. Its secret is derived from a published constant on purpose: every
 * Voicemark install can then tell "made by Voicemark Studio" and read the payload. See
 * docs/WATERMARK.md for what that costs (anyone with the code can also try to remove or forge it).
 */
const DEFAULT_KEY_ID = 'voicemark-studio';
const DEFAULT_KEY_CONSTANT = 'Voicemark Studio public watermark key, version 1';

export function defaultWatermarkKey(): WatermarkKey {
  return deriveWatermarkKey(DEFAULT_KEY_ID, new TextEncoder().encode(DEFAULT_KEY_CONSTANT));
}

/** Derives a key from a user secret (any length ≥ 1 byte); the id is stored alongside for reporting. */
export function deriveWatermarkKey(id: string, secret: Uint8Array): WatermarkKey {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'watermark key id must be 1–200 characters' } });
  }
  if (!(secret instanceof Uint8Array) || secret.length === 0) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'watermark key secret must be non-empty bytes' } });
  }
  const derived = createHmac('sha256', 'voicemark-watermark-key-v1').update(Buffer.from(id, 'utf8')).update(secret).digest();
  return { id, secret: new Uint8Array(derived) };
}

/** Domain-separated subkey: the chip patterns and the MAC never share key material. */
export function subkey(key: WatermarkKey, purpose: string): Buffer {
  return createHmac('sha256', key.secret).update(`voicemark-wm:${purpose}`).digest();
}

/** A deterministic stream of pseudo-random 32-bit words (HMAC-SHA256 in counter mode). */
export class KeyStream {
  private readonly key: Buffer;
  private counter = 0;
  private block: Uint32Array = new Uint32Array(0);
  private index = 0;

  constructor(key: Buffer) {
    this.key = key;
  }

  nextUint32(): number {
    if (this.index >= this.block.length) {
      const counterBytes = Buffer.alloc(8);
      counterBytes.writeUInt32BE(this.counter++, 4);
      const digest = createHmac('sha256', this.key).update(counterBytes).digest();
      this.block = new Uint32Array(digest.buffer.slice(digest.byteOffset, digest.byteOffset + 32));
      this.index = 0;
    }
    return this.block[this.index++] >>> 0;
  }

  /** Uniform integer in [0, n). Rejection sampling keeps it unbiased. */
  nextInt(n: number): number {
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const v = this.nextUint32();
      if (v < limit) return v % n;
    }
  }

  nextSign(): 1 | -1 {
    return (this.nextUint32() & 1) === 1 ? 1 : -1;
  }
}

/** MAC bits of a 64-bit payload under the key: the first `bits` bits of HMAC-SHA256. */
export function payloadMac(key: WatermarkKey, payload: Uint8Array, bits: number): Uint8Array {
  const digest = createHmac('sha256', subkey(key, 'mac')).update(payload).digest();
  const out = new Uint8Array(bits);
  for (let i = 0; i < bits; i++) out[i] = (digest[i >> 3] >> (7 - (i & 7))) & 1;
  return out;
}

/** A short public fingerprint of a key for caching (never logged with the secret). */
export function keyFingerprint(key: WatermarkKey): string {
  return createHash('sha256').update(key.id).update(key.secret).digest('hex').slice(0, 16);
}
