/**
 * Starts the browser test host by hand, for looking at the UI in a browser during development:
 *
 *   npm run build:renderer && npx tsx e2e/test-host/run.ts [DATA_DIR]
 *
 * Prints the URL (loopback only); Ctrl+C stops it. Dev-only: never part of the packaged app.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stderrLog } from '../../src-main/core/log';
import { openRealStudio, RENDERER_DIR } from './realStudio';
import { startTestHost } from './server';

if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
  console.error('dist/renderer is missing: run `npm run build:renderer` first.');
  process.exit(1);
}
const workDir = mkdtempSync(join(tmpdir(), 'voicemark-host-'));
const dataDir = process.argv[2] ?? join(workDir, 'data');
const studio = await openRealStudio(dataDir);
const host = await startTestHost({ studio, rendererDir: RENDERER_DIR, workDir, log: stderrLog });
console.log(`Voicemark test host: ${host.url}  (data: ${dataDir}, exports: ${join(workDir, 'exports')})`);
process.on('SIGINT', () => {
  void host.close().then(() => studio.close()).then(() => process.exit(0));
});
