/**
 * `npm run test:electron`: the Playwright _electron specs. Where there is no Electron binary
 * (offline installs: electron ≥ 42 downloads it lazily) they are skipped with the reason printed,
 * and the exit status is 0; the same flows run in Chromium with `npm run test:e2e`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary';

const root = fileURLToPath(new URL('../../', import.meta.url));
const found = findElectronBinary();
if ('missing' in found) {
  console.log(`SKIPPED: Electron specs (e2e/electron) did not run: ${found.missing}`);
  process.exit(0);
}

function run(command: string, args: string[]): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);
// Electron has no headless mode on Linux: give it a virtual display when there is none.
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
const vitest = ['vitest', 'run', '--config', 'e2e/vitest.electron.config.ts'];
if (needsDisplay) run('xvfb-run', ['--auto-servernum', 'npx', ...vitest]);
else run('npx', vitest);
