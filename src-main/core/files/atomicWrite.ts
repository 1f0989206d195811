import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Writes bytes so that the destination is either absent/old or complete: temp file in the same
 * folder, fsync, rename, fsync the folder. A crash at any point leaves at most a `.tmp-` file,
 * which start-up cleaning removes.
 */
export function writeFileAtomic(destination: string, bytes: Uint8Array): void {
  const folder = dirname(destination);
  const temp = join(folder, `.tmp-${basename(destination)}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, destination);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

export const TEMP_FILE_PREFIX = '.tmp-';

function syncFolder(folder: string): void {
  // Directory fsync makes the rename durable on Linux/macOS; Windows cannot open folders this way.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
