import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { auditWorkflow, checkWorkflowFile, npmScriptsInvoked, workflowSchemaErrors } from './workflows';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const workflowDir = join(projectDir, '.github', 'workflows');
const workflowFiles = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name)).sort();
const read = (name: string) => readFileSync(join(workflowDir, name), 'utf8');
/** Read at test time: other parts of the project add their scripts as they land. */
const packageScripts = () => new Set(Object.keys((JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts: object }).scripts));

/** The agreed npm script names (the project's fixed list plus the release tooling's own). */
const AGREED_SCRIPTS = new Set([
  'build:main', 'build:renderer', 'build', 'start', 'typecheck', 'test', 'test:unit', 'test:e2e', 'test:electron', 'bench', 'bench:watermark',
  'lint', 'package', 'package:e2e', 'check:workflows', 'check:builder', 'check:licences', 'check:secrets', 'check:electron-config', 'sbom',
]);

describe('the project’s workflows', () => {
  it('has the CI and release workflows', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(workflowFiles)('%s is valid against the GitHub workflow schema', (name) => {
    expect(workflowSchemaErrors(read(name))).toEqual([]);
  });

  it.each(workflowFiles)('%s pins actions by SHA, grants least privilege and runs only npm scripts that exist', (name) => {
    expect(checkWorkflowFile(name, read(name), packageScripts())).toEqual([]);
  });

  it.each(workflowFiles)('%s uses only the agreed npm script names', (name) => {
    const workflow = parse(read(name)) as { jobs: Record<string, { steps?: Array<{ run?: string }> }> };
    const used = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => (step.run ? npmScriptsInvoked(step.run) : [])));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((script) => !AGREED_SCRIPTS.has(script))).toEqual([]);
  });

  it('CI covers the three operating systems, the e2e suites under xvfb on Linux, and the security checks', () => {
    const ci = parse(read('ci.yml')) as any;
    expect(ci.on).toHaveProperty('push');
    expect(ci.on).toHaveProperty('pull_request');
    expect(ci.jobs.test.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(ci.jobs.test.strategy.matrix.node).toEqual(['20.x']);
    const runs = ci.jobs.test.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    for (const command of ['npm run typecheck', 'npm run lint', 'npm run test:unit', 'npm run test:e2e', 'xvfb-run --auto-servernum -- npm run test:electron']) {
      expect(runs).toContain(command);
    }
    expect(JSON.stringify(ci.jobs.test.steps)).toContain('e2e/artifacts/');
    expect(ci.jobs.security.strategy.matrix.check).toEqual(['audit', 'licences', 'electron-config', 'secrets', 'release-config']);
    expect(JSON.stringify(ci.jobs.security.steps)).toContain('npm audit --omit=dev --audit-level=high');
  });

  it('the release workflow builds on every OS, forces code signing and drafts the release with checksums, signatures and SBOM', () => {
    const release = parse(read('release.yml')) as any;
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+*']);
    expect(release.jobs.verify.uses).toBe('./.github/workflows/ci.yml');
    expect(release.jobs.build.needs).toBe('verify');
    const builds = release.jobs.build.strategy.matrix.include.map((m: { platform: string; arch: string }) => `${m.platform}-${m.arch}`);
    expect(builds).toEqual(['mac-arm64', 'win-x64', 'win-arm64', 'linux-x64', 'linux-arm64']);
    const buildRuns = release.jobs.build.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(buildRuns).toContain('-c.forceCodeSigning=true');
    expect(buildRuns).toContain('xcrun stapler validate');
    expect(buildRuns).toContain('Get-AuthenticodeSignature');
    const publishRuns = release.jobs.publish.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(publishRuns).toContain('npm run sbom');
    expect(publishRuns).toContain('scripts/release/cli/signArtifacts.ts');
    expect(publishRuns).toMatch(/gh release create "\$TAG" artifacts\/\* \\\s+--draft/);
    expect(release.jobs.publish.permissions).toEqual({ contents: 'write' });
    // The e2e variant (inspect fuse on) must never be what a release picks up.
    expect(read('release.yml')).not.toMatch(/package:e2e|release-e2e/);
  });
});

describe('the workflow audit catches', () => {
  const scripts = new Set(['test:unit']);
  const base = `name: t
on: [push]
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - run: npm run test:unit
`;

  it('nothing in a clean workflow', () => {
    expect(checkWorkflowFile('t.yml', base, scripts)).toEqual([]);
  });

  it.each([
    ['a tag instead of a SHA', base.replace('@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0', '@v5'), /not pinned to a full commit SHA/],
    ['a SHA without its version comment', base.replace(' # v5.0.0', ''), /no "# vX.Y.Z" comment/],
    ['a missing npm script', base.replace('test:unit', 'test:e2e'), /npm run test:e2e, but package.json has no such script/],
    ['a job without permissions', base.replace('    permissions:\n      contents: read\n', ''), /job a: no permissions block/],
    ['a write scope nobody granted', base.replace('contents: read', 'contents: write'), /contents: write is not allowed here/],
    ['broad top-level permissions', base.replace('permissions: {}', 'permissions: write-all'), /top-level permissions must be {}/],
    ['persisted checkout credentials', base.replace('persist-credentials: false', 'persist-credentials: true'), /persist-credentials: false/],
    ['a secret interpolated into a script', base.replace('npm run test:unit', 'echo ${{ secrets.TOKEN }}'), /interpolates secrets/],
    ['pull_request_target', base.replace('on: [push]', 'on: [pull_request_target]'), /pull_request_target/],
  ])('%s', (_name, source, expected) => {
    expect(auditWorkflow('t.yml', source, scripts).join('\n')).toMatch(expected);
  });

  it('a schema error (a step with both run and uses, a misspelt key)', () => {
    const broken = base.replace('    runs-on: ubuntu-latest', '    runs-onn: ubuntu-latest');
    expect(workflowSchemaErrors(broken).join('\n')).toMatch(/runs-onn/);
  });

  it('reads npm script names from shell lines', () => {
    expect(npmScriptsInvoked('npm ci\nnpm run check:builder && npm run-script lint -- --fix\nnpm test')).toEqual(['check:builder', 'lint', 'test']);
    expect(npmScriptsInvoked('npm run --silent sbom -- --out x')).toEqual(['sbom']);
  });
});
