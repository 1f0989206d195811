/**
 * `npm start`: runs the built app in Electron, or says clearly why it cannot.
 *
 * Electron ≥ 42 downloads its binary lazily, so the first start fetches it. better-sqlite3 is
 * built for Node (tests and CLI); Electron needs it built for its own ABI, so start rebuilds it
 * for Electron before launching and back for Node afterwards.
 */
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
}

let found = findElectronBinary();
if ('missing' in found) {
  const installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  console.error('Fetching the Electron binary (first start)…');
  run(process.execPath, [installer]);
  found = findElectronBinary();
}
if ('missing' in found) {
  console.error(`Cannot start Voicemark Studio: ${found.missing}`);
  console.error('Everything else works without it: `npx voicemark --help` and `npm run test:e2e` (the same UI in Chromium).');
  process.exit(1);
}

if (!run('npx', ['electron-builder', 'install-app-deps'])) {
  console.error('Cannot start Voicemark Studio: rebuilding native modules for Electron failed.');
  process.exit(1);
}
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(found.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => {
  // Back to the Node build, so the CLI and the tests keep working in this checkout.
  run('npm', ['rebuild', 'better-sqlite3']);
  process.exit(code ?? (signal ? 1 : 0));
});
