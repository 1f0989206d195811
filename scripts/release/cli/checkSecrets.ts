/** npm run check:secrets — scans what would be committed; prints file:line and rule, never the match. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { filesToScan, scanFiles } from '../secrets';

const { values } = parseArgs({ options: { project: { type: 'string', default: '.' } } });
const root = resolve(values.project ?? '.');
const files = filesToScan(root);
const findings = scanFiles(root, files);
for (const finding of findings) console.error(`${finding.file}:${finding.line}: ${finding.rule} (${finding.description})`);
if (findings.length > 0) {
  console.error(`secret scan: ${findings.length} finding(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`secret scan: ${files.length} files, nothing found`);
