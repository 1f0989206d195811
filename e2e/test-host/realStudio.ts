import { fileURLToPath } from 'node:url';
import { createStudio, type Studio } from '../../src-main/core/studio';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** The real studio core on a fresh data folder: the same `createStudio` Electron main uses. */
export function openRealStudio(dataDir: string, modelsDir: string = MODELS_DIR): Promise<Studio> {
  return createStudio({ dataDir, modelsDir });
}
