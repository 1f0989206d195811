import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Locator } from 'playwright-core';

/**
 * Drops files from disk onto an element as a user would: a DataTransfer holding File objects
 * with the files' real bytes and names, delivered as dragenter → dragover → drop.
 */
export async function dropFiles(target: Locator, paths: string[], types: string[] = []): Promise<void> {
  const files = paths.map((path, index) => ({
    name: basename(path),
    type: types[index] ?? '',
    base64: readFileSync(path).toString('base64'),
  }));
  const dataTransfer = await target.page().evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return transfer;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
