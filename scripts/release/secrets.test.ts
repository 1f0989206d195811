import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOW_MARKER, filesToScan, scanFiles, scanText } from './secrets';

const scratch = mkdtempSync(join(tmpdir(), 'vm-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Built at run time so this file itself holds no credential-shaped text.
const fake = {
  awsKey: `AKIA${'Q7'.repeat(8)}`,
  githubToken: `ghp_${'a1B2'.repeat(9)}`,
  npmToken: `npm_${'x9Y8'.repeat(9)}`,
  privateKey: `-----BEGIN ${'OPENSSH'} PRIVATE KEY-----`,
  pgpKey: `-----BEGIN PGP ${'PRIVATE'} KEY BLOCK-----`,
  googleKey: `AIza${'S'.repeat(35)}`,
  password: `CSC_KEY_PASSWORD=${'hunter2hunter2'}`,
};

describe('secret scan rules', () => {
  it.each([
    ['aws-access-key', `const id = "${fake.awsKey}";`],
    ['github-token', `token: ${fake.githubToken}`],
    ['npm-token', `//registry.npmjs.org/:_authToken=${fake.npmToken}`],
    ['private-key', fake.privateKey],
    ['private-key', fake.pgpKey],
    ['google-api-key', `key=${fake.googleKey}`],
    ['signing-password-assignment', fake.password],
  ])('finds %s', (rule, line) => {
    expect(scanText('f.txt', `first line\n${line}\n`)).toEqual([expect.objectContaining({ file: 'f.txt', line: 2, rule })]);
  });

  it('leaves ordinary code, workflow secret references and sha512 integrity strings alone', () => {
    const text = [
      'CSC_KEY_PASSWORD: ${{ secrets.MAC_CSC_KEY_PASSWORD }}',
      'const password = readPassword();',
      '"integrity": "sha512-2W1vbK2RmoaN4MBJ0uQJz62PItIQvx7STlq5prNcG7mR3XVn1DlRMiUGUv8ZYBQKiCbq2rKbP0zGr1WLgkYAaw=="',
      '-----BEGIN PGP PUBLIC KEY BLOCK-----',
    ].join('\n');
    expect(scanText('ok.txt', text)).toEqual([]);
  });

  it('skips a line marked as a deliberate look-alike', () => {
    expect(scanText('fixture.ts', `const sample = '${fake.awsKey}'; // ${ALLOW_MARKER}`)).toEqual([]);
  });
});

describe('secret scan over a repository', () => {
  const repo = join(scratch, 'repo');
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(join(repo, 'node_modules', 'x'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\nlocal.env\n');
  writeFileSync(join(repo, 'src', 'config.ts'), `export const region = 'eu';\nexport const key = '${fake.awsKey}';\n`);
  writeFileSync(join(repo, 'signing.p12'), Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x01]));
  writeFileSync(join(repo, 'release-key.pub'), 'public half');
  writeFileSync(join(repo, 'local.env'), `TOKEN=${fake.githubToken}\n`);
  writeFileSync(join(repo, 'node_modules', 'x', 'index.js'), `const t = '${fake.githubToken}';\n`);

  it('scans what would be committed (untracked included, ignored excluded) and names file, line and rule', () => {
    const files = filesToScan(repo);
    expect(files).toEqual(['.gitignore', 'release-key.pub', 'signing.p12', 'src/config.ts']);
    expect(scanFiles(repo, files)).toEqual([
      { file: 'signing.p12', line: 0, rule: 'key-file', description: 'key, certificate or environment file' },
      { file: 'src/config.ts', line: 2, rule: 'aws-access-key', description: 'AWS access key id' },
    ]);
  });

  it('never reports the secret itself', () => {
    const report = JSON.stringify(scanFiles(repo, filesToScan(repo)));
    expect(report).not.toContain(fake.awsKey);
  });
});
