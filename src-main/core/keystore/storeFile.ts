import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { watermarkKeyIdSchema } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { keyFromJson, keyToJson, storedKeySchema, writeKeyDocument, type StoredKey } from './keyFormat';

/** The data folder's private keys, next to the history database. */
export const KEY_STORE_FILE = 'watermark-keys.json';

const MAX_STORE_BYTES = 1024 * 1024;
export const MAX_KEYS = 1000;

export interface KeyStoreContent {
  /** The key that marks new clips; null only when there are no keys. */
  active: string | null;
  /** Oldest first. */
  keys: StoredKey[];
}

const storeDocumentSchema = z
  .strictObject({
    version: z.literal(1),
    active: watermarkKeyIdSchema.nullable(),
    keys: z.array(storedKeySchema).max(MAX_KEYS),
  })
  .refine((doc) => new Set(doc.keys.map((key) => key.id)).size === doc.keys.length, 'duplicate key id')
  .refine(
    (doc) => (doc.active === null ? doc.keys.length === 0 : doc.keys.some((key) => key.id === doc.active)),
    'active key missing',
  );

/** Why a store file was refused; safe to show and to log (never any of the file's content). */
export type KeyStoreProblem = 'unreadable' | 'not_a_file' | 'permissions' | 'owner' | 'too_large' | 'malformed';

function refused(reason: KeyStoreProblem, cause?: unknown): StudioError {
  return new StudioError('WATERMARK_KEYS_INVALID', { details: { reason }, cause });
}

/**
 * Reads the store, or an empty one when the file does not exist. Anything else that is not exactly
 * a file we wrote (a link, other users' access, a foreign owner, bad JSON, unknown fields, a
 * secret of the wrong length, an active id that names no key) is refused with
 * WATERMARK_KEYS_INVALID, and the file is left for the user to restore or fix.
 */
export function readKeyStoreFile(path: string): KeyStoreContent {
  let fd: number;
  try {
    // O_NOFOLLOW: a link put in place of the file is refused rather than followed.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { active: null, keys: [] };
    throw refused(code === 'ELOOP' ? 'not_a_file' : 'unreadable', error);
  }
  let text: string;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refused('not_a_file');
    // Windows has no POSIX modes; the folder's ACL (the user's profile) is what protects it there.
    if (process.platform !== 'win32') {
      if ((stats.mode & 0o077) !== 0) throw refused('permissions');
      if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) throw refused('owner');
    }
    if (stats.size > MAX_STORE_BYTES) throw refused('too_large');
    text = readFileSync(fd).toString('utf8');
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw refused('unreadable', error);
  } finally {
    closeSync(fd);
  }
  return parseStore(text);
}

function parseStore(text: string): KeyStoreContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the fault, which may be part of a secret.
    throw refused('malformed');
  }
  const parsed = storeDocumentSchema.safeParse(json);
  // zod's issues can quote values (a secret among them): keep them out of the error entirely.
  if (!parsed.success) throw refused('malformed');
  return {
    active: parsed.data.active,
    keys: parsed.data.keys.map(keyFromJson),
  };
}

/** Replaces the store atomically; the file is created 0600 (writeFileAtomic's temp file mode, kept by the rename). */
export function writeKeyStoreFile(path: string, content: KeyStoreContent): void {
  writeKeyDocument(path, { version: 1, active: content.active, keys: content.keys.map(keyToJson) });
}
