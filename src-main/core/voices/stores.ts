import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../files';
import { bundledManifestSchema, userVoiceIndexSchema, type BundledManifest, type UserVoiceIndex } from './voiceRecords';

export const MANIFEST_FILE = 'manifest.json';
export const USER_INDEX_FILE = 'index.json';

/**
 * The bundled manifest is part of the app: absent means no bundled voices (a source checkout
 * without models), malformed is a packaging bug and fails loudly at start-up.
 */
export function loadBundledManifest(modelsDir: string): BundledManifest {
  const path = join(modelsDir, MANIFEST_FILE);
  if (!existsSync(path)) return { version: 1, voices: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StudioError('INTERNAL', { cause: error, details: { reason: 'bundled voice manifest is not JSON' } });
  }
  const parsed = bundledManifestSchema.safeParse(raw);
  if (!parsed.success) throw new StudioError('INTERNAL', { details: { reason: 'bundled voice manifest is malformed' } });
  return parsed.data;
}

export interface LoadedUserIndex {
  index: UserVoiceIndex;
  /** The file existed but could not be read as an index; it is kept aside on the next write. */
  unreadable: boolean;
}

/** A missing or damaged index never stops the studio: it reads as "no imported voices". */
export async function loadUserIndex(userVoicesDir: string): Promise<LoadedUserIndex> {
  let text: string;
  try {
    text = await readFile(join(userVoicesDir, USER_INDEX_FILE), 'utf8');
  } catch {
    return { index: { version: 1, voices: [] }, unreadable: false };
  }
  try {
    const parsed = userVoiceIndexSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { index: parsed.data, unreadable: false };
  } catch {
    // fall through
  }
  return { index: { version: 1, voices: [] }, unreadable: true };
}

export function saveUserIndex(userVoicesDir: string, index: UserVoiceIndex, previousUnreadable: boolean): void {
  const path = join(userVoicesDir, USER_INDEX_FILE);
  if (previousUnreadable && existsSync(path)) {
    writeFileAtomic(join(userVoicesDir, `${USER_INDEX_FILE}.unreadable-${Date.now()}`), readFileSync(path));
  }
  writeFileAtomic(path, new TextEncoder().encode(`${JSON.stringify(index, null, 2)}\n`));
}
