import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './testing/runCli';
import { deriveWatermarkKey } from '../core/watermark';

/** The real CLI, spawned as a user runs it (as in cli.test.ts), on two data folders: "ours" and "theirs". */
const BIN = resolve(__dirname, '../../bin/voicemark.mjs');
const KEY_FILE = 'watermark-keys.json';
const posix = process.platform !== 'win32';
if (!posix) console.warn('SKIPPED: the other-users-can-read key file case needs POSIX permissions (not on Windows)');


let work: string;
let ours: string;
let theirs: string;

function cli(dataDir: string, args: string[]): CliRun {
  return runCli(dataDir, args);
}

function expectError(run: CliRun, code: string, exit: number) {
  expect(run.json?.error?.code, run.stdout + run.stderr).toBe(code);
  expect(run.status).toBe(exit);
  expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

/** Every spelling of a stored secret, or of the watermark key derived from it, that could leak. */
function secretSpellings(dataDir: string): string[] {
  const { keys } = JSON.parse(readFileSync(join(dataDir, KEY_FILE), 'utf8')) as { keys: Array<{ id: string; secret: string }> };
  return keys.flatMap(({ id, secret }) => {
    const bytes = Buffer.from(secret, 'base64');
    const derived = Buffer.from(deriveWatermarkKey(id, bytes).secret);
    return [bytes, derived].flatMap((b) => [b.toString('base64'), b.toString('hex'), b.toString('base64url')]);
  });
}

function expectNoSecret(text: string, dataDir: string) {
  for (const spelling of secretSpellings(dataDir)) expect(text).not.toContain(spelling);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'voicemark-keys-'));
  ours = join(work, 'ours');
  theirs = join(work, 'theirs');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('voicemark keys: a private mark only the key holder can read', () => {
  /** About 15 s of speech: each of the two marks is at −3 dB, so leave the detector some margin. */
  const script =
    'Private keys let a studio prove that a clip is its own. The public mark still tells everyone that Voicemark made it, ' +
    'while the second mark can only be read where the key is kept. Back the key up, because a lost key cannot be recovered.';
  const clip = () => join(work, 'private.wav');
  let keyId: string;
  let generationId: string;

  it('starts with no private keys', () => {
    const run = cli(ours, ['keys', 'list']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json).toEqual({ keys: [] });
  });

  it('creates a key readable by the user only, and never prints its secret', () => {
    const run = cli(ours, ['keys', 'create']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.key).toEqual({ id: expect.stringMatching(/^private-[0-9a-f]{8}$/), createdAt: expect.any(String), active: true });
    keyId = run.json.key.id;
    if (posix) expect(statSync(join(ours, KEY_FILE)).mode & 0o777).toBe(0o600);
    expectNoSecret(run.stdout + run.stderr, ours);
  });

  it('lists ids, dates and the active key, never a secret (JSON and text)', () => {
    const json = cli(ours, ['keys', 'list']);
    expect(json.status).toBe(0);
    expect(json.json.keys).toEqual([{ id: keyId, createdAt: expect.any(String), active: true }]);
    expectNoSecret(json.stdout + json.stderr, ours);

    const text = spawnSync(process.execPath, [BIN, '--data-dir', ours, 'keys', 'list'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(keyId);
    expectNoSecret(text.stdout + text.stderr, ours);
  });

  it('speaks with both marks and logs nothing of the secret', () => {
    const run = cli(ours, ['--verbose', 'speak', '--text', script, '--out', clip()]);
    expect(run.status, run.stderr).toBe(0);
    generationId = run.json.id;
    // The log did capture the speak (so the check below looks at real log output).
    expect(run.stderr).toMatch(/"event":"speak\.done".*"privateMark":true/);
    expectNoSecret(run.stdout + run.stderr, ours);
    expect(cli(ours, ['history', 'show', generationId]).json.watermark).toEqual({
      payload: generationId,
      keyId: `voicemark-studio+${keyId}`,
    });
  });

  it('check reads the private mark with the private key id, and the public one', () => {
    const run = cli(ours, ['check', clip()]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ watermarked: true, payload: generationId, privateKeyId: keyId });
    expect(run.json.generation.id).toBe(generationId);
    const marks = run.json.marks.map((m: any) => [m.payload, m.keyId, m.keyKind]).sort();
    expect(marks).toEqual([
      [generationId, keyId, 'private'],
      [generationId, 'voicemark-studio', 'public'],
    ].sort());
  });

  it('another data folder without the key finds the public mark but not the private one', () => {
    const run = cli(theirs, ['check', clip()]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ watermarked: true, payload: generationId, keyId: 'voicemark-studio', privateKeyId: null, generation: null });
    expect(run.json.marks.map((m: any) => m.keyKind)).toEqual(['public']);
  });

  it('exports the key to a 0600 file; importing it lets the other folder read the private mark', () => {
    const backup = join(work, 'backup.key.json');
    const exported = cli(ours, ['keys', 'export', keyId, '--out', backup]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.json.key.id).toBe(keyId);
    expectNoSecret(exported.stdout + exported.stderr, ours);
    if (posix) expect(statSync(backup).mode & 0o777).toBe(0o600);

    const imported = cli(theirs, ['keys', 'import', backup]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json.key).toMatchObject({ id: keyId, active: true });
    expect(cli(theirs, ['keys', 'list']).json.keys.map((k: any) => k.id)).toEqual([keyId]);

    const run = cli(theirs, ['check', clip()]);
    expect(run.json).toMatchObject({ watermarked: true, payload: generationId, privateKeyId: keyId });
  });

  it('a newer key becomes active; clips of the older key stay readable', () => {
    const created = cli(ours, ['keys', 'create', '--id', 'second.key']);
    expect(created.status, created.stderr).toBe(0);
    expect(cli(ours, ['keys', 'list']).json.keys.map((k: any) => [k.id, k.active])).toEqual([
      [keyId, false],
      ['second.key', true],
    ]);
    expect(cli(ours, ['check', clip()]).json.privateKeyId).toBe(keyId);
  });

  it('refuses bad key requests with typed errors', () => {
    expectError(cli(ours, ['keys', 'create', '--id', 'has space']), 'INVALID_REQUEST', 2);
    expectError(cli(ours, ['keys', 'create', '--id', 'voicemark-studio']), 'INVALID_REQUEST', 2);
    expectError(cli(ours, ['keys', 'create', '--id', 'second.key']), 'WATERMARK_KEY_EXISTS', 2);
    expectError(cli(ours, ['keys', 'export', 'no-such-key', '--out', join(work, 'x.json')]), 'WATERMARK_KEY_NOT_FOUND', 4);
    expectError(cli(ours, ['keys', 'export', keyId]), 'INVALID_REQUEST', 2);
    const notAKey = join(work, 'notes.json');
    writeFileSync(notAKey, JSON.stringify({ id: keyId, note: 'not a key export' }));
    expectError(cli(ours, ['keys', 'import', notAKey]), 'WATERMARK_KEY_FILE_INVALID', 2);
    expectError(cli(ours, ['keys', 'import', clip()]), 'FILE_TOO_LARGE', 2);
    expectError(cli(ours, ['keys', 'import', join(work, 'missing.json')]), 'FILE_NOT_FOUND', 2);
    expectError(cli(ours, ['keys', 'rotate']), 'INVALID_REQUEST', 2);
  });
});

describe('voicemark keys: a corrupted or exposed key file', () => {
  let folder: string;
  let keyFile: string;
  let audio: string;

  beforeAll(() => {
    folder = join(work, 'damaged');
    keyFile = join(folder, KEY_FILE);
    expect(cli(folder, ['keys', 'create', '--id', 'mine']).status).toBe(0);
    audio = join(work, 'private.wav');
  });

  function expectRefusedAndUntouched(bytes: Buffer, mode: number) {
    for (const args of [['keys', 'list'], ['keys', 'create'], ['keys', 'import', join(work, 'backup.key.json')], ['check', audio], ['speak', '--text', 'Hello there.']]) {
      const run = cli(folder, args);
      expectError(run, 'WATERMARK_KEYS_INVALID', 1);
      expect(run.stdout + run.stderr).not.toContain(bytes.toString('utf8').slice(0, 40));
    }
    expect(readFileSync(keyFile).equals(bytes)).toBe(true);
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(mode);
    // Nothing else in the data folder depends on the keys.
    expect(cli(folder, ['history', 'list']).status).toBe(0);
  }

  it('damaged JSON gives WATERMARK_KEYS_INVALID (exit 1) and is left untouched', () => {
    const damaged = Buffer.concat([readFileSync(keyFile).subarray(0, 60), Buffer.from('\u0000garbage')]);
    writeFileSync(keyFile, damaged);
    expectRefusedAndUntouched(damaged, 0o600);
  });

  it.skipIf(!posix)('a key file other users can read gives the same error and keeps its mode', () => {
    const valid = Buffer.from(
      JSON.stringify({ version: 1, active: 'mine', keys: [{ id: 'mine', secret: Buffer.alloc(32, 7).toString('base64'), createdAt: '2025-01-01T00:00:00.000Z' }] }),
    );
    writeFileSync(keyFile, valid);
    chmodSync(keyFile, 0o640);
    expectRefusedAndUntouched(valid, 0o640);
  });
});
