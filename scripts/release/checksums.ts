/**
 * SHA-256 checksum files for release artifacts, in the format `sha256sum --check` reads:
 * one `<file>.sha256` per artifact and a `SHA256SUMS` covering them all.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../../src-main/core/files';

export const SUMS_FILE = 'SHA256SUMS';
const DERIVED = /\.(asc|sig|sha256)$/;

/** Release artifacts in a folder: regular files that are not checksums or signatures. */
export function listArtifacts(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name !== SUMS_FILE && !DERIVED.test(name) && statSync(join(directory, name)).isFile())
    .sort();
}

export function checksumLine(sha256: string, fileName: string): string {
  return `${sha256}  ${fileName}`;
}

/** Parses `sha256sum` output lines (text `  ` or binary ` *` mode). */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match == null) throw new Error(`not a sha256sum line: ${JSON.stringify(line.slice(0, 80))}`);
    sums.set(match[2], match[1]);
  }
  return sums;
}

/** Writes `<artifact>.sha256` for each artifact and SHA256SUMS; returns the files written. */
export async function writeChecksums(directory: string, artifacts: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  const written: string[] = [];
  for (const name of [...artifacts].sort()) {
    const line = checksumLine(await sha256File(join(directory, name)), name);
    writeFileSync(join(directory, `${name}.sha256`), `${line}\n`);
    written.push(`${name}.sha256`);
    lines.push(line);
  }
  writeFileSync(join(directory, SUMS_FILE), `${lines.join('\n')}\n`);
  return [...written, SUMS_FILE];
}

/**
 * Re-hashes every artifact and compares with SHA256SUMS and its own .sha256 file. Returns one
 * sentence per mismatch; also reports artifacts SHA256SUMS does not cover.
 */
export async function verifyChecksums(directory: string): Promise<string[]> {
  const problems: string[] = [];
  const sums = parseChecksums(readFileSync(join(directory, SUMS_FILE), 'utf8'));
  for (const name of listArtifacts(directory)) {
    const expected = sums.get(name);
    if (expected == null) {
      problems.push(`${name} is not listed in ${SUMS_FILE}`);
      continue;
    }
    const actual = await sha256File(join(directory, name));
    if (actual !== expected) problems.push(`${name}: sha256 ${actual} does not match ${SUMS_FILE}`);
    const own = parseChecksums(readFileSync(join(directory, `${name}.sha256`), 'utf8')).get(name);
    if (own !== actual) problems.push(`${name}.sha256 does not match ${name}`);
  }
  for (const name of sums.keys()) {
    if (!listArtifacts(directory).includes(name)) problems.push(`${SUMS_FILE} lists ${name}, which is missing`);
  }
  return problems;
}
