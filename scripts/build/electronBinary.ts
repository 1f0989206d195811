import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is, without triggering its download. `require('electron')` would
 * try to download it on first use (electron ≥ 42 installs lazily), which fails offline; this
 * reads the same path.txt the package uses and checks the file exists.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (run npm ci)' };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(overridden) ? { path: overridden } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no binary (${overridden})` };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary has not been downloaded (node_modules/electron/path.txt is absent). ' +
        'Run `npx install-electron` with network access to fetch it.',
    };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary is missing at ${binary}; run \`npx install-electron\` with network access.` };
}
