import { statSync } from 'node:fs';
import { StudioError } from '../../../src-shared/errors';

/**
 * Checks a path that came from outside (CLI argument, dialog, drop) before anything reads it:
 * it must exist, be a regular file, be non-empty and within the size limit.
 */
export function assertReadableInputFile(path: string, maxBytes: number): { size: number } {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StudioError('FILE_NOT_FOUND', { cause: error });
    throw new StudioError('FILE_UNREADABLE', { cause: error });
  }
  if (!stats.isFile()) throw new StudioError('FILE_NOT_REGULAR');
  if (stats.size === 0) throw new StudioError('FILE_EMPTY');
  if (stats.size > maxBytes) throw new StudioError('FILE_TOO_LARGE', { details: { maxBytes } });
  return { size: stats.size };
}

/** The folder a new file will be written into must already exist. */
export function assertOutputFolderExists(path: string): void {
  const folder = path.replace(/[\\/][^\\/]*$/, '') || '.';
  let stats;
  try {
    stats = statSync(folder);
  } catch {
    throw new StudioError('OUTPUT_DIR_MISSING');
  }
  if (!stats.isDirectory()) throw new StudioError('OUTPUT_DIR_MISSING');
}
