import { z } from 'zod';
import { watermarkKeyIdSchema } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { sha256Hex, writeFileAtomic } from '../files';

/** Bytes of a private key's secret (from crypto.randomBytes). */
export const SECRET_BYTES = 32;

/** A private key as stored: the secret is base64 text in the files, bytes everywhere else. */
export interface StoredKey {
  id: string;
  secret: Uint8Array;
  createdAt: string;
}

/** Exactly the base64 of SECRET_BYTES bytes, with no slack: another spelling of the same bytes is a sign of editing. */
const secretText = z.string().refine((text) => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === SECRET_BYTES && bytes.toString('base64') === text;
}, 'expected base64 of 32 bytes');

export const storedKeySchema = z.strictObject({
  id: watermarkKeyIdSchema,
  secret: secretText,
  createdAt: z.iso.datetime(),
});

type KeyJson = z.infer<typeof storedKeySchema>;

/** A key as written in the store and in exports: the secret as base64 text. */
export function keyToJson(key: StoredKey): KeyJson {
  return { id: key.id, secret: Buffer.from(key.secret).toString('base64'), createdAt: key.createdAt };
}

/** A key read back from a document that storedKeySchema accepted. */
export function keyFromJson(json: KeyJson): StoredKey {
  return { id: json.id, secret: new Uint8Array(Buffer.from(json.secret, 'base64')), createdAt: json.createdAt };
}

/** Writes a key document (store or export) atomically, as indented JSON; the file is created 0600. */
export function writeKeyDocument(path: string, document: object): void {
  writeFileAtomic(path, Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8'));
}

/** The id a key gets when the user names none: stable for the secret, and says nothing about it beyond 32 bits of a hash. */
export function defaultKeyId(secret: Uint8Array): string {
  return `private-${sha256Hex(secret).slice(0, 8)}`;
}

/** A user-chosen label: 1–64 of [A-Za-z0-9._-], and never the public key's id. */
export function checkKeyId(id: string, reservedIds: readonly string[]): string {
  if (!watermarkKeyIdSchema.safeParse(id).success) {
    throw new StudioError('INVALID_REQUEST', { message: 'A key id is 1–64 characters: letters, digits, ".", "_" or "-".' });
  }
  if (reservedIds.includes(id)) {
    throw new StudioError('INVALID_REQUEST', { message: 'That id belongs to the public Voicemark key; choose another.' });
  }
  return id;
}
