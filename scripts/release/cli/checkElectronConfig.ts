/**
 * npm run check:electron-config [-- --sarif FILE] [-- --offline]
 * Scans the built app (run `npm run build` first) with electronegativity and the project's own
 * checks; any finding not accepted in scripts/release/electronConfig.ts fails.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtFiles, gateFindings, projectChecks, runElectronegativity, toSarif, type ElectronFinding } from '../electronConfig';

const { values } = parseArgs({
  options: { project: { type: 'string', default: '.' }, sarif: { type: 'string' }, offline: { type: 'boolean', default: false } },
});
const projectDir = resolve(values.project ?? '.');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const mainEntry = String(readJson(join(projectDir, 'package.json')).main);
const electronVersion = String(readJson(join(projectDir, 'node_modules', 'electron', 'package.json')).version);
const files = builtFiles(projectDir, mainEntry);
if (!existsSync(files.mainDir) || !existsSync(files.rendererDir)) {
  console.error('check:electron-config scans the built app: run `npm run build` first (dist/main and dist/renderer are missing)');
  process.exit(1);
}

const findings: ElectronFinding[] = [
  ...(await runElectronegativity(projectDir, [files.mainDir, files.rendererDir], { electronVersion, offline: values.offline })),
  ...projectChecks(projectDir, files.mainBundle, files.otherMainFiles),
];
const gate = gateFindings(findings);
const where = (f: ElectronFinding) => (f.file === 'N/A' ? 'whole app' : `${f.file}:${f.line}`);
for (const { finding, reason } of gate.accepted) console.log(`accepted ${finding.id} (${where(finding)}): ${reason}`);
for (const finding of gate.warnings) console.log(`::warning::${finding.id} (${where(finding)}): ${finding.description}`);
for (const finding of gate.blocking) console.log(`::error::${finding.id} [${finding.severity}, ${finding.source}] (${where(finding)}): ${finding.description}`);
if (values.sarif) {
  const output = resolve(values.sarif);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(toSarif(findings, new Set(gate.blocking)), null, 2)}\n`);
  console.log(`SARIF written to ${output}`);
}
if (gate.blocking.length > 0) {
  console.error(`electron configuration: ${gate.blocking.length} finding(s) block the build`);
  process.exit(1);
}
console.log(`electron configuration: ${findings.length} finding(s), none blocking (Electron ${electronVersion})`);
