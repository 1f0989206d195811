/**
 * npm run sbom [-- --out FILE] — the CycloneDX SBOM attached to each release (see ../sbom.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { shippedComponents } from '../licences';
import { reconcileSbom, type CycloneDx } from '../sbom';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'release/sbom.cdx.json' }, project: { type: 'string', default: '.' } } });
const projectDir = resolve(values.project ?? '.');
const output = resolve(values.out ?? 'release/sbom.cdx.json');
const result = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', '--package-lock-only'], {
  cwd: projectDir,
  encoding: 'utf8',
  maxBuffer: 128 * 1024 * 1024,
  // npm is npm.cmd on Windows, which only a shell can start.
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(`npm sbom failed: ${result.stderr}`);
  process.exit(1);
}
const packageName = (JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as { name: string }).name;
const { sbom, problems } = reconcileSbom(JSON.parse(result.stdout) as CycloneDx, packageName, shippedComponents(projectDir));
for (const problem of problems) console.error(`sbom: ${problem}`);
if (problems.length > 0) process.exit(1);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(sbom, null, 2)}\n`);
console.log(`SBOM: CycloneDX ${sbom.specVersion}, ${sbom.components?.length ?? 0} components, written to ${output}`);
