import { join } from 'node:path';
import type { App } from 'electron';
import { defaultDataDir } from '../core/history';

export interface DesktopPaths {
  rendererDir: string;
  preloadPath: string;
  /** The bundled synthesis worker, run in a utilityProcess. */
  synthesisWorkerPath: string;
  modelsDir: string;
  dataDir: string;
}

/**
 * Where things are, from a checkout (`electron .`) or a packaged app: the bundles under
 * dist/ inside the app, the shipped voices in resources/models when packaged.
 * The data folder is the same per-user folder the CLI uses (one history for both);
 * VOICEMARK_DATA_DIR lets tests (and users who want it) put it elsewhere.
 */
export function desktopPaths(app: App): DesktopPaths {
  const appRoot = app.getAppPath();
  return {
    rendererDir: join(appRoot, 'dist', 'renderer'),
    preloadPath: join(appRoot, 'dist', 'main', 'preload.cjs'),
    synthesisWorkerPath: join(appRoot, 'dist', 'main', 'synthesisWorker.js'),
    modelsDir: app.isPackaged ? join(process.resourcesPath, 'models') : join(appRoot, 'models'),
    dataDir: process.env.VOICEMARK_DATA_DIR || defaultDataDir(),
  };
}
