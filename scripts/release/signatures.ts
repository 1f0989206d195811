/**
 * Detached OpenPGP signatures with the project's release key (GnuPG). Signing uses the keyring
 * in GNUPGHOME; verification deliberately does not: it uses gpgv with only the published public
 * key, exactly as a user would, so a signature made by any other key in the keyring fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SigningKey {
  /** Fingerprint (or key id) of the signing key or subkey. */
  keyId: string;
  /** Keyring folder; defaults to the GNUPGHOME of the environment. */
  gnupgHome?: string;
  /** Passphrase of the key, passed to gpg on stdin, never on the command line. */
  passphrase?: string;
}

function gpg(args: readonly string[], options: { gnupgHome?: string; input?: string } = {}): string {
  const env = { ...process.env };
  if (options.gnupgHome) env.GNUPGHOME = options.gnupgHome;
  const result = spawnSync('gpg', ['--batch', '--no-tty', ...args], { env, input: options.input ?? '', encoding: 'utf8' });
  if (result.error) throw new Error(`gpg could not be started: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`gpg ${args.filter((a) => a.startsWith('--')).join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

export function gpgAvailable(): boolean {
  const result = spawnSync('gpg', ['--version'], { encoding: 'utf8' });
  return result.status === 0 && spawnSync('gpgv', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Writes `<file>.asc`, an ASCII-armoured detached signature, and returns its path. */
export function signDetached(file: string, key: SigningKey): string {
  const signature = `${file}.asc`;
  const passphraseArgs = key.passphrase != null ? ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'] : [];
  gpg(['--yes', '--armor', '--local-user', key.keyId, ...passphraseArgs, '--output', signature, '--detach-sign', file], {
    gnupgHome: key.gnupgHome,
    input: key.passphrase,
  });
  return signature;
}

/** Fingerprints of the primary key and subkeys in an armoured public key file. */
export function fingerprintsOf(publicKeyFile: string): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'vm-gpg-show-'));
  try {
    return gpg(['--with-colons', '--show-keys', publicKeyFile], { gnupgHome: scratch })
      .split('\n')
      .filter((line) => line.startsWith('fpr:'))
      .map((line) => line.split(':')[9]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether `keyId` names one of the public key file's keys (full fingerprint or its long-id tail). */
export function publicKeyMatches(publicKeyFile: string, keyId: string): boolean {
  const wanted = keyId.replace(/^0x/i, '').replace(/\s+/g, '').toUpperCase();
  return wanted.length >= 16 && fingerprintsOf(publicKeyFile).some((fpr) => fpr.toUpperCase().endsWith(wanted));
}

/**
 * Verifies detached signatures with gpgv against the published public key only. Returns one
 * sentence per signature that does not verify.
 */
export function verifyDetached(pairs: ReadonlyArray<{ file: string; signature: string }>, publicKeyFile: string): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'vm-gpgv-'));
  try {
    const keyring = join(scratch, 'release-key.gpg');
    gpg(['--output', keyring, '--dearmor', publicKeyFile], { gnupgHome: scratch });
    const problems: string[] = [];
    for (const { file, signature } of pairs) {
      const result = spawnSync('gpgv', ['--keyring', keyring, signature, file], { encoding: 'utf8' });
      if (result.error) throw new Error(`gpgv could not be started: ${result.error.message}`);
      if (result.status !== 0) problems.push(`${signature} does not verify ${file} with the release key`);
    }
    return problems;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
