import { stat } from 'node:fs/promises';
import { sha256File } from '../files';

export type FileIntegrity = 'ok' | 'failed' | 'missing';

/**
 * File hashing for voices.
 *
 * - `hashNow` always streams the whole file: `resolve` uses it before every synthesis, so a
 *   model changed on disk is caught even if its size and times were forged back.
 * - `hashCached` is for `list`, which would otherwise re-read every model on each call: it
 *   reuses the last hash while (size, mtime, ctime, inode) are unchanged. ctime cannot be set
 *   by a user-level program, so rewriting a file always invalidates the entry.
 */
export class FileHasher {
  private readonly cache = new Map<string, { key: string; sha256: string }>();

  async hashNow(path: string): Promise<string | null> {
    const key = await statKey(path);
    if (key === null) return null;
    const sha256 = await sha256File(path).catch(() => null);
    // Cache only if the file did not change while it was being read.
    if (sha256 !== null && (await statKey(path)) === key) this.cache.set(path, { key, sha256 });
    return sha256;
  }

  async hashCached(path: string): Promise<string | null> {
    const key = await statKey(path);
    if (key === null) return null;
    const cached = this.cache.get(path);
    if (cached && cached.key === key) return cached.sha256;
    return this.hashNow(path);
  }
}

async function statKey(path: string): Promise<string | null> {
  try {
    const stats = await stat(path, { bigint: true });
    if (!stats.isFile()) return null;
    return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`;
  } catch {
    return null;
  }
}

/** Both files of a voice against their recorded hashes. */
export async function checkVoiceFiles(
  hash: (path: string) => Promise<string | null>,
  files: { model: string; config: string },
  expected: { model: string; config: string },
): Promise<FileIntegrity> {
  const [model, config] = await Promise.all([hash(files.model), hash(files.config)]);
  if (model === null || config === null) return 'missing';
  return model === expected.model && config === expected.config ? 'ok' : 'failed';
}
