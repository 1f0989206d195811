import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMS_FILE, listArtifacts, parseChecksums, verifyChecksums, writeChecksums } from './checksums';
import { fingerprintsOf, gpgAvailable, publicKeyMatches, signDetached, verifyDetached } from './signatures';

const scratch = mkdtempSync(join(tmpdir(), 'vm-sign-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeArtifacts(directory: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'voicemark-studio-1.2.3-linux-x64.AppImage'), Buffer.alloc(300_000, 0xab));
  writeFileSync(join(directory, 'voicemark-studio-1.2.3-win-x64.exe'), 'MZ installer bytes');
  writeFileSync(join(directory, 'voicemark-studio-1.2.3-sbom.cdx.json'), '{"bomFormat":"CycloneDX"}');
}

describe('checksums', () => {
  const directory = join(scratch, 'sums');
  beforeAll(() => writeArtifacts(directory));

  it('writes SHA256SUMS and one .sha256 per artifact, in sha256sum format', async () => {
    const written = await writeChecksums(directory, listArtifacts(directory));
    expect(written).toContain(SUMS_FILE);
    const sums = parseChecksums(readFileSync(join(directory, SUMS_FILE), 'utf8'));
    expect([...sums.keys()]).toEqual(listArtifacts(directory));
    expect(sums.get('voicemark-studio-1.2.3-win-x64.exe')).toBe(createHash('sha256').update('MZ installer bytes').digest('hex'));
    expect(readFileSync(join(directory, 'voicemark-studio-1.2.3-win-x64.exe.sha256'), 'utf8')).toBe(
      `${sums.get('voicemark-studio-1.2.3-win-x64.exe')}  voicemark-studio-1.2.3-win-x64.exe\n`,
    );
    expect(await verifyChecksums(directory)).toEqual([]);
  });

  // The format users check with: GNU sha256sum, or shasum where that is what the OS has (macOS).
  const checker = ['sha256sum', 'shasum'].find((tool) => !spawnSync(tool, ['--version']).error);
  if (checker == null) console.log('SKIPPED cross-check with sha256sum/shasum: neither is installed');
  it.skipIf(checker == null)('sha256sum --check (or shasum -a 256 --check) accepts SHA256SUMS', () => {
    const args = checker === 'shasum' ? ['-a', '256', '--check', SUMS_FILE] : ['--check', '--strict', SUMS_FILE];
    const check = spawnSync(checker!, args, { cwd: directory, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('reports a changed artifact and one SHA256SUMS does not cover', async () => {
    appendFileSync(join(directory, 'voicemark-studio-1.2.3-win-x64.exe'), 'tampered');
    writeFileSync(join(directory, 'voicemark-studio-1.2.3-extra.deb'), 'late addition');
    const problems = await verifyChecksums(directory);
    expect(problems).toEqual([
      'voicemark-studio-1.2.3-extra.deb is not listed in SHA256SUMS',
      expect.stringMatching(/^voicemark-studio-1.2.3-win-x64.exe: sha256 [0-9a-f]{64} does not match SHA256SUMS$/),
      'voicemark-studio-1.2.3-win-x64.exe.sha256 does not match voicemark-studio-1.2.3-win-x64.exe',
    ]);
  });
});

// GnuPG signs releases on the Linux release runner; elsewhere it is optional.
const gpgMissing = !gpgAvailable();
if (gpgMissing) {
  const reason = 'gpg/gpgv not found: the OpenPGP signing tests need GnuPG (apt-get install gnupg)';
  if (process.platform === 'linux') throw new Error(reason);
  console.log(`SKIPPED signing tests: ${reason}`);
}

describe.skipIf(gpgMissing)('detached OpenPGP signatures', () => {
  const home = join(scratch, 'gnupg');
  const artifacts = join(scratch, 'signed');
  const passphrase = 'correct horse battery staple';
  let fingerprint = '';
  const publicKey = join(scratch, 'release-key.asc');
  const gpg = (args: string[], input?: string, gnupgHome = home) =>
    spawnSync('gpg', ['--batch', '--no-tty', ...args], { env: { ...process.env, GNUPGHOME: gnupgHome }, input, encoding: 'utf8' });

  beforeAll(() => {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    // No passphrase caching: each signature must be unlocked by the passphrase it is given.
    writeFileSync(join(home, 'gpg-agent.conf'), 'default-cache-ttl 0\nmax-cache-ttl 0\nallow-loopback-pinentry\n');
    const made = gpg(['--pinentry-mode', 'loopback', '--passphrase', passphrase, '--quick-gen-key', 'Voicemark Test Release <release@example.invalid>', 'ed25519', 'sign', '1d']);
    expect(made.status, made.stderr).toBe(0);
    const exported = gpg(['--armor', '--export']);
    writeFileSync(publicKey, exported.stdout);
    fingerprint = fingerprintsOf(publicKey)[0];
    writeArtifacts(artifacts);
  });
  afterAll(() => {
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: join(scratch, 'other') } });
  });

  it('matches the signing key against the published public key', () => {
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(publicKeyMatches(publicKey, fingerprint)).toBe(true);
    expect(publicKeyMatches(publicKey, fingerprint.slice(-16))).toBe(true);
    expect(publicKeyMatches(publicKey, '0123456789ABCDEF0123456789ABCDEF01234567')).toBe(false);
  });

  it('signs every artifact with the passphrase-protected key, and gpgv verifies with the public key alone', () => {
    const pairs = listArtifacts(artifacts).map((name) => {
      const file = join(artifacts, name);
      return { file, signature: signDetached(file, { keyId: fingerprint, gnupgHome: home, passphrase }) };
    });
    expect(readFileSync(pairs[0].signature, 'utf8')).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
    expect(verifyDetached(pairs, publicKey)).toEqual([]);
  });

  it('a wrong passphrase does not sign', () => {
    const file = join(artifacts, 'voicemark-studio-1.2.3-win-x64.exe');
    expect(() => signDetached(file, { keyId: fingerprint, gnupgHome: home, passphrase: 'wrong' })).toThrow(/gpg .*failed/);
  });

  it('a tampered artifact, and a signature by another key, fail verification', () => {
    const file = join(artifacts, 'voicemark-studio-1.2.3-linux-x64.AppImage');
    const signature = signDetached(file, { keyId: fingerprint, gnupgHome: home, passphrase });
    appendFileSync(file, Buffer.from([0]));
    expect(verifyDetached([{ file, signature }], publicKey)).toEqual([`${signature} does not verify ${file} with the release key`]);

    const otherHome = join(scratch, 'other');
    mkdirSync(otherHome, { recursive: true, mode: 0o700 });
    expect(gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key', 'Impostor <impostor@example.invalid>', 'ed25519', 'sign', '1d'], undefined, otherHome).status).toBe(0);
    const sbom = join(artifacts, 'voicemark-studio-1.2.3-sbom.cdx.json');
    const otherFingerprint = gpg(['--with-colons', '--list-secret-keys'], undefined, otherHome).stdout.split('\n').find((l) => l.startsWith('fpr:'))!.split(':')[9];
    const forged = signDetached(sbom, { keyId: otherFingerprint, gnupgHome: otherHome });
    expect(verifyDetached([{ file: sbom, signature: forged }], publicKey)).toHaveLength(1);
  });
});
