/**
 * Release step: SHA-256 checksums and detached OpenPGP signatures for every artifact in a folder,
 * then an independent check of both against the published public key.
 *
 *   tsx scripts/release/cli/signArtifacts.ts --dir artifacts --key FINGERPRINT --public-key build/release-key.asc
 *
 * The key must already be in GNUPGHOME; its passphrase (if any) comes from RELEASE_GPG_PASSPHRASE.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SUMS_FILE, listArtifacts, verifyChecksums, writeChecksums } from '../checksums';
import { publicKeyMatches, signDetached, verifyDetached } from '../signatures';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, key: { type: 'string' }, 'public-key': { type: 'string' } },
});
const fail = (message: string): never => {
  console.error(`sign-artifacts: ${message}`);
  process.exit(1);
};
const directory = resolve(values.dir ?? fail('--dir is required'));
const keyId = values.key || fail('--key (the release key fingerprint, RELEASE_GPG_FINGERPRINT) is required');
const publicKey = resolve(values['public-key'] ?? fail('--public-key is required'));
if (!existsSync(publicKey)) fail(`${publicKey} is missing: commit the release public key there (docs/RELEASING.md)`);
if (!publicKeyMatches(publicKey, keyId)) fail(`the key ${keyId} is not in ${publicKey}: signatures would not verify for users`);

// Users fetch the key from the repository; a copy in the release saves them a step.
copyFileSync(publicKey, join(directory, 'voicemark-studio-release-key.asc'));
const artifacts = listArtifacts(directory);
if (artifacts.length < 2) fail(`expected installers in ${directory}, found ${artifacts.join(', ') || 'nothing'}`);
await writeChecksums(directory, artifacts);

const signingKey = { keyId, passphrase: process.env.RELEASE_GPG_PASSPHRASE || undefined };
const signed = [...artifacts, SUMS_FILE].map((name) => {
  const file = join(directory, name);
  return { file, signature: signDetached(file, signingKey) };
});

const problems = [...(await verifyChecksums(directory)), ...verifyDetached(signed, publicKey)];
for (const problem of problems) console.error(`sign-artifacts: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`sign-artifacts: ${artifacts.length} artifacts checksummed and signed; all signatures verify with ${publicKey}`);
for (const name of artifacts) console.log(`  ${name}`);
