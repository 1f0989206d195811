import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { StudioError } from '../../../src-shared/errors';
import { assertReadableInputFile } from '../files';
import { keyFromJson, keyToJson, storedKeySchema, writeKeyDocument, type StoredKey } from './keyFormat';

/** An export holds one key; anything near this size is not one. */
const MAX_EXPORT_BYTES = 64 * 1024;
const EXPORT_FORMAT = 'voicemark-watermark-key';

const exportDocumentSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  key: storedKeySchema,
});

/** Writes one key for backup or another machine: mode 0600, atomically (a half-written backup is worse than none). */
export function writeKeyExport(path: string, key: StoredKey): void {
  writeKeyDocument(path, { format: EXPORT_FORMAT, version: 1, key: keyToJson(key) });
}

/** Reads a key export; a file of any other shape is WATERMARK_KEY_FILE_INVALID, with nothing of its content in the error. */
export function readKeyExport(path: string): StoredKey {
  assertReadableInputFile(path, MAX_EXPORT_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw new StudioError('FILE_UNREADABLE');
    throw new StudioError('WATERMARK_KEY_FILE_INVALID');
  }
  const parsed = exportDocumentSchema.safeParse(json);
  if (!parsed.success) throw new StudioError('WATERMARK_KEY_FILE_INVALID');
  return keyFromJson(parsed.data.key);
}
