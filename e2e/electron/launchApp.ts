import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { REPO_ROOT } from '../test-host/realStudio';
import { findElectronBinary } from '../../scripts/build/electronBinary';

export const electronBinary = findElectronBinary();
/** Why the Electron specs cannot run here, or null when they can. */
export const electronSkipReason = 'missing' in electronBinary ? `Electron specs skipped: ${electronBinary.missing}` : null;

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  workDir: string;
}

/** Starts the built app (dist/main/main.cjs via package.json "main") on a fresh data folder, with Chromium's sandbox on. */
export async function launchApp(): Promise<LaunchedApp> {
  if ('missing' in electronBinary) throw new Error(electronBinary.missing);
  const workDir = mkdtempSync(join(tmpdir(), 'voicemark-electron-'));
  const dataDir = join(workDir, 'data');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.VOICEMARK_DATA_DIR = dataDir;
  const app = await _electron.launch({
    executablePath: electronBinary.path,
    args: [REPO_ROOT],
    cwd: REPO_ROOT,
    env,
    // Without this Playwright adds --no-sandbox on Linux and the sandbox checks would prove nothing.
    chromiumSandbox: true,
  });
  const page = await app.firstWindow();
  await page.getByRole('button', { name: 'Generate' }).waitFor();
  return { app, page, dataDir, workDir };
}
