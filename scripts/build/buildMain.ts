/**
 * Bundles the Electron main process, the preload and the synthesis worker with esbuild:
 *
 *   src-main/app/main.ts                → dist/main/main.cjs            (package.json "main")
 *   src-main/app/preload.ts             → dist/main/preload.cjs         (sandboxed preload)
 *   src-main/core/tts/synthesisWorker.ts → dist/main/synthesisWorker.js (utilityProcess entry, ESM)
 *
 * Native and WebAssembly packages stay external and load from node_modules at run time.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_MAIN_OUT_DIR = `${root}dist/main`;

export const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'onnxruntime-node', '@echogarden/espeak-ng-emscripten'];

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: NATIVE_EXTERNALS,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

export async function buildMain(outDir: string = DEFAULT_MAIN_OUT_DIR): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: ['src-main/app/main.ts'],
      outfile: `${outDir}/main.cjs`,
      format: 'cjs',
      // The core finds its worker relative to import.meta.url; in a CommonJS bundle that is this file.
      define: { 'import.meta.url': '__voicemarkImportMetaUrl' },
      banner: { js: "const __voicemarkImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...common,
      entryPoints: ['src-main/app/preload.ts'],
      outfile: `${outDir}/preload.cjs`,
      format: 'cjs',
      target: 'chrome130',
      // A sandboxed preload may require only 'electron'; everything else must be bundled.
      external: ['electron'],
      sourcemap: false,
    }),
    build({
      ...common,
      entryPoints: ['src-main/core/tts/synthesisWorker.ts'],
      outfile: `${outDir}/synthesisWorker.js`,
      format: 'esm',
      // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
      banner: { js: "import { createRequire as __voicemarkCreateRequire } from 'node:module'; const require = __voicemarkCreateRequire(import.meta.url);" },
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildMain();
  console.log('built dist/main/{main.cjs,preload.cjs,synthesisWorker.js}');
}
