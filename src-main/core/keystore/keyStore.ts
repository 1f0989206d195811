import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { WatermarkKeyInfo } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { assertOutputFolderExists } from '../files';
import { deriveWatermarkKey, type WatermarkKey } from '../watermark';
import { readKeyExport, writeKeyExport } from './exportFile';
import { checkKeyId, defaultKeyId, SECRET_BYTES, type StoredKey } from './keyFormat';
import { KEY_STORE_FILE, MAX_KEYS, readKeyStoreFile, writeKeyStoreFile, type KeyStoreContent } from './storeFile';

export interface KeyStoreOptions {
  dataDir: string;
  /** Ids a private key may not take (the public key's). */
  reservedIds: readonly string[];
}

/** The watermark keys made from the stored secrets. */
export interface PrivateWatermarkKeys {
  /** Marks new clips, alongside the public key; null when the user has no private key. */
  active: WatermarkKey | null;
  /** Every stored key, oldest first: all are tried on a check, so old clips stay readable. */
  all: WatermarkKey[];
}

/**
 * The user's private watermark keys, in `watermark-keys.json` in the data folder. Keys are only
 * ever added (create, import): the newest becomes active, older ones stay so that clips marked
 * with them can still be read. The file is read on every use, so the CLI and the app see each
 * other's changes. Secrets leave this module only as derived watermark keys or in an export file.
 */
export interface KeyStore {
  list(): WatermarkKeyInfo[];
  create(id?: string): WatermarkKeyInfo;
  exportKey(id: string, path: string): WatermarkKeyInfo;
  importKey(path: string): WatermarkKeyInfo;
  watermarkKeys(): PrivateWatermarkKeys;
}

export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const storePath = join(options.dataDir, KEY_STORE_FILE);
  const read = () => readKeyStoreFile(storePath);

  function info(content: KeyStoreContent, key: StoredKey): WatermarkKeyInfo {
    return { id: key.id, createdAt: key.createdAt, active: key.id === content.active };
  }

  /** Adds a key (or re-activates an identical one) and makes it active. */
  function addAndActivate(content: KeyStoreContent, key: StoredKey): WatermarkKeyInfo {
    const stored = content.keys.find((candidate) => candidate.id === key.id);
    if (stored && !sameSecret(stored.secret, key.secret)) throw new StudioError('WATERMARK_KEY_EXISTS');
    if (!stored && content.keys.length >= MAX_KEYS) {
      throw new StudioError('INVALID_REQUEST', { message: `At most ${MAX_KEYS} private keys can be stored.` });
    }
    const next: KeyStoreContent = { active: key.id, keys: stored ? content.keys : [...content.keys, key] };
    writeKeyStoreFile(storePath, next);
    return info(next, stored ?? key);
  }

  function requireKey(content: KeyStoreContent, id: string): StoredKey {
    const key = content.keys.find((candidate) => candidate.id === id);
    if (!key) throw new StudioError('WATERMARK_KEY_NOT_FOUND');
    return key;
  }

  function isStoreFile(path: string): boolean {
    if (basename(path).toLowerCase() !== KEY_STORE_FILE) return false;
    try {
      return realpathSync(dirname(resolve(path))) === realpathSync(options.dataDir);
    } catch {
      return false;
    }
  }

  return {
    list() {
      const content = read();
      return content.keys.map((key) => info(content, key));
    },
    create(requestedId) {
      const content = read();
      if (requestedId !== undefined) {
        const id = checkKeyId(requestedId, options.reservedIds);
        if (content.keys.some((key) => key.id === id)) throw new StudioError('WATERMARK_KEY_EXISTS');
        return addAndActivate(content, { id, secret: newSecret(), createdAt: new Date().toISOString() });
      }
      // A default id repeats only if 32 bits of two secrets' hashes collide: draw again.
      for (;;) {
        const secret = newSecret();
        const id = defaultKeyId(secret);
        if (!content.keys.some((key) => key.id === id)) {
          return addAndActivate(content, { id, secret, createdAt: new Date().toISOString() });
        }
      }
    },
    exportKey(id, path) {
      const content = read();
      const key = requireKey(content, id);
      assertOutputFolderExists(path);
      // Writing an export over the store would replace every key with one.
      if (isStoreFile(path)) {
        throw new StudioError('INVALID_REQUEST', { message: 'Export the key to a file outside the data folder’s key store.' });
      }
      writeKeyExport(path, key);
      return info(content, key);
    },
    importKey(path) {
      const key = readKeyExport(path);
      checkKeyId(key.id, options.reservedIds);
      return addAndActivate(read(), key);
    },
    watermarkKeys() {
      const content = read();
      const all = content.keys.map((key) => deriveWatermarkKey(key.id, key.secret));
      return { active: all.find((key) => key.id === content.active) ?? null, all };
    },
  };
}

function newSecret(): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_BYTES));
}

function sameSecret(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
