import { open } from 'node:fs/promises';
import { StudioError } from '../../../src-shared/errors';
import { assertReadableInputFile } from '../files';

/**
 * Reads a dropped file after the usual checks (exists, regular, non-empty, within `maxBytes`).
 * Reads at most the size seen at check time, so a file growing meanwhile cannot exceed the limit.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const { size } = assertReadableInputFile(path, maxBytes);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StudioError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', { cause: error });
  }
  try {
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled === 0) throw new StudioError('FILE_EMPTY');
    return filled === size ? bytes : bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('FILE_UNREADABLE', { cause: error });
  } finally {
    await handle.close();
  }
}
