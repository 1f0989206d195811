/** npm run check:workflows — schema, SHA pins, permissions and npm scripts of .github/workflows. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkWorkflowFile } from '../workflows';

const { values } = parseArgs({ options: { project: { type: 'string', default: '.' } } });
const projectDir = resolve(values.project ?? '.');
const scripts = new Set(Object.keys((JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: object }).scripts ?? {}));
const directory = join(projectDir, '.github', 'workflows');
const files = readdirSync(directory).filter((name) => /\.ya?ml$/.test(name)).sort();
const problems = files.flatMap((file) => checkWorkflowFile(file, readFileSync(join(directory, file), 'utf8'), scripts));
if (files.length === 0) problems.push('no workflow files');
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(`workflows: ${files.join(', ')} valid, pinned, least-privilege, npm scripts present`);
