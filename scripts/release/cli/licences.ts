/**
 * npm run check:licences           — fail when a shipped component is not GPL-3.0-compatible
 * tsx scripts/release/cli/licences.ts --write THIRD_PARTY_LICENSES.md — also write the notice file
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { licenceProblems, renderThirdPartyLicences, shippedComponents, shippedVoices } from '../licences';

const { values } = parseArgs({ options: { write: { type: 'string' }, project: { type: 'string', default: '.' } } });
const projectDir = resolve(values.project ?? '.');
const components = shippedComponents(projectDir);
const problems = licenceProblems(components);
for (const problem of problems) console.error(`licence: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`licences: ${components.length} shipped components, all compatible with GPL-3.0-or-later`);
if (values.write) {
  const output = resolve(values.write);
  writeFileSync(output, renderThirdPartyLicences(components, shippedVoices(projectDir)));
  console.log(`licences: wrote ${output}`);
}
