/** `npm start`: runs the built app in Electron, or says clearly why it cannot. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary';

const found = findElectronBinary();
if ('missing' in found) {
  console.error(`Cannot start Voicemark Studio: ${found.missing}`);
  console.error('Everything else works without it: `npm run test:e2e` drives the same UI in Chromium.');
  process.exit(1);
}
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(found.path, ['.', ...process.argv.slice(2)], {
  cwd: fileURLToPath(new URL('../../', import.meta.url)),
  stdio: 'inherit',
  env,
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
