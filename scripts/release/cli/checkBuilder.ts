/** npm run check:builder — electron-builder's schema plus the project's packaging promises. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBuilderConfig, validateBuilderSchema } from '../electronBuilder';
import { E2E_CONFIG_FILE, SHIPPED_CONFIG_FILE, auditE2eConfig, auditShippedConfig } from '../builderConfig';

const { values } = parseArgs({ options: { project: { type: 'string', default: '.' } } });
const projectDir = resolve(values.project ?? '.');
const problems: string[] = [];
const shipped = await loadBuilderConfig(projectDir, SHIPPED_CONFIG_FILE);
const e2e = await loadBuilderConfig(projectDir, E2E_CONFIG_FILE);
for (const [file, config] of [[SHIPPED_CONFIG_FILE, shipped], [E2E_CONFIG_FILE, e2e]] as const) {
  await validateBuilderSchema(config).catch((error: Error) => problems.push(`${file}: ${error.message}`));
}
problems.push(...auditShippedConfig(shipped, projectDir).map((p) => `${SHIPPED_CONFIG_FILE}: ${p}`));
problems.push(...auditE2eConfig(e2e, shipped, projectDir).map((p) => `${E2E_CONFIG_FILE}: ${p}`));
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log('electron-builder configuration: schema valid, fuses, hardened runtime, entitlements, asar and file rules as required');
